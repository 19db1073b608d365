package org.recoder.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page that opens offline and needs no JavaScript: the results table, metric
 * bars with error bars, validation learning curves, the hyperparameter search (validation metric against each
 * searched parameter), the popularity-bias view (share of top-20 slots by item-popularity decile, coverage@20, the
 * Gini index of exposure), per-unit metric distributions (box plots), the experiment file and the command. Charts are
 * inline SVG written here (a few primitives; XChart's SVG export needs a vector-graphics library the build leaves out).
 */
final class ExperimentReport {
    private static final String[] COLORS = {"#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"};
    private static final int W = 640;
    private static final int H = 300;
    private static final int LEFT = 60;
    private static final int BOTTOM = 50;
    private static final int TOP = 20;

    private ExperimentReport() {
    }

    static String html(ExperimentResults r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(r.spec.name()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}td.best{font-weight:bold}pre{background:#f5f5f5;padding:1em;overflow:auto}"
                        + "svg{display:block;margin:1em 0}figure{margin:0}figcaption{color:#555;font-size:90%}</style></head><body>\n");
        b.append("<h1>").append(esc(r.spec.name())).append("</h1>\n");
        b.append("<p>Test metrics: ").append(esc(r.spreadWords())).append('.')
                .append(" Selected on validation ").append(esc(r.select)).append(". Bold: the best; ▾: worse than the best on every ")
                .append(r.spec.repeats() > 1 ? "split" : "seed").append(" by both "
                        + "Holm-corrected paired tests (t-test, Wilcoxon) at ").append(ExperimentResults.ALPHA).append(".</p>\n");
        table(b, r);
        b.append("<h2>Test metrics</h2>\n");
        for (String m : r.metrics) {
            bars(b, r, m);
        }
        curves(b, r);
        search(b, r);
        exposure(b, r);
        boxes(b, r);
        b.append("<h2>Experiment</h2>\n<p>Command: <code>").append(esc(r.command)).append("</code></p>\n<pre>").append(esc(r.spec.text()))
                .append("</pre>\n</body></html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, ExperimentResults r) {
        b.append("<table id=\"results\"><tr><th>model</th>");
        r.metrics.forEach(m -> b.append("<th>").append(esc(m)).append("</th>"));
        b.append("<th>fit s</th><th>hyperparameters</th></tr>\n");
        for (String l : r.labels) {
            b.append("<tr><td>").append(esc(l)).append("</td>");
            for (String m : r.metrics) {
                boolean isBest = r.labels.stream().allMatch(o -> !(PartScores.higherIsBetter(m) ? r.meanOver(o, m) > r.meanOver(l, m)
                        : r.meanOver(o, m) < r.meanOver(l, m)));
                b.append(isBest ? "<td class=\"best\">" : "<td>").append(esc(r.cell(l, m))).append(r.worseEverywhere(l, m) ? " ▾" : "").append("</td>");
            }
            double fit = ExperimentResults.mean(r.units().stream().mapToDouble(s -> r.run(l, s).seconds()).toArray());
            b.append(String.format(Locale.ROOT, "<td>%.1f</td><td style=\"text-align:left\">%s</td></tr>%n", fit, esc(r.chosen(l))));
        }
        b.append("</table>\n");
    }

    private static void bars(StringBuilder b, ExperimentResults r, String metric) {
        int n = r.labels.size();
        double max = 0;
        for (String l : r.labels) {
            max = Math.max(max, r.meanOver(l, metric) + r.spreadOver(l, metric));
        }
        max = niceCeil(max);
        Svg s = new Svg("bars-" + metric, "Test " + metric + (r.units().size() == 1 ? " (error bars: ± standard error)"
                : r.spec.spread().equals("ci95") ? " (error bars: 95% confidence interval over the " + r.spec.unitNoun() + ")"
                : " (error bars: ± sd over the " + r.spec.unitNoun() + ")"));
        s.yAxis(0, max, metric);
        double slot = (W - LEFT - 20) / (double) n;
        for (int k = 0; k < n; k++) {
            String l = r.labels.get(k);
            double v = r.meanOver(l, metric);
            double e = r.spreadOver(l, metric);
            double x = LEFT + k * slot + slot * 0.15;
            double y = s.y(v, 0, max);
            s.rect(x, y, slot * 0.7, H - BOTTOM - y, COLORS[k % COLORS.length], l + ": " + ExperimentResults.fmt(v));
            double cx = x + slot * 0.35;
            s.line(cx, s.y(v - e, 0, max), cx, s.y(v + e, 0, max), "#222");
            s.line(cx - 6, s.y(v + e, 0, max), cx + 6, s.y(v + e, 0, max), "#222");
            s.line(cx - 6, s.y(v - e, 0, max), cx + 6, s.y(v - e, 0, max), "#222");
            s.text(cx, H - BOTTOM + 16, l, "middle");
        }
        b.append(s.end());
    }

    private static void curves(StringBuilder b, ExperimentResults r) {
        List<String> with = r.labels.stream().filter(l -> r.run(l, r.units().get(0)).curve().stream()
                .anyMatch(row -> row.get("validation") != null)).toList();
        b.append("<h2>Validation learning curves</h2>\n");
        if (with.isEmpty()) {
            b.append("<p>No model of this experiment is trained by epochs with a validation part.</p>\n");
            return;
        }
        ExperimentSpec.Unit seed = r.units().get(0);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int epochs = 1;
        for (String l : with) {
            for (Map<String, Object> row : r.run(l, seed).curve()) {
                if (row.get("validation") instanceof Number v) {
                    lo = Math.min(lo, v.doubleValue());
                    hi = Math.max(hi, v.doubleValue());
                }
                epochs = Math.max(epochs, ((Number) row.get("epoch")).intValue());
            }
        }
        if (hi <= lo) {
            hi = lo + 1e-3;
        }
        Svg s = new Svg("curves", "Validation " + r.select + " by epoch, " + seed.title() + " (final runs)");
        s.yAxis(lo, hi, r.select);
        s.xAxis(1, Math.max(2, epochs), "epoch", false);
        for (int k = 0; k < with.size(); k++) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> row : r.run(with.get(k), seed).curve()) {
                if (row.get("validation") instanceof Number v) {
                    pts.add(new double[] {s.x(((Number) row.get("epoch")).doubleValue(), 1, Math.max(2, epochs), false), s.y(v.doubleValue(), lo, hi)});
                }
            }
            s.polyline(pts, COLORS[r.labels.indexOf(with.get(k)) % COLORS.length], with.get(k));
        }
        s.legend(with, r.labels);
        b.append(s.end());
    }

    private static void search(StringBuilder b, ExperimentResults r) {
        b.append("<h2>Hyperparameter search</h2>\n");
        boolean any = false;
        for (ExperimentSpec.ModelSpec m : r.spec.models()) {
            List<Experiment.Run> rs = r.trials.getOrDefault(m.label(), List.of());
            if (rs.isEmpty()) {
                continue;
            }
            for (var d : m.search().entrySet()) {
                List<double[]> xy = new ArrayList<>();
                boolean numeric = true;
                for (Experiment.Run t : rs) {
                    Double v = t.validation().get(r.select);
                    try {
                        xy.add(new double[] {Double.parseDouble(t.settings().get(d.getKey())), v == null ? Double.NaN : v});
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
                if (!numeric || xy.isEmpty()) {
                    b.append("<p>").append(esc(m.label() + ": " + d.getKey())).append(" is not numeric; its trials are in results.md.</p>\n");
                    continue;
                }
                any = true;
                double x0 = xy.stream().mapToDouble(p -> p[0]).min().orElseThrow();
                double x1 = xy.stream().mapToDouble(p -> p[0]).max().orElseThrow();
                boolean log = d.getValue().kind() == ExperimentSpec.Dimension.Kind.LOG_UNIFORM || (x0 > 0 && x1 / x0 >= 100);
                if (x1 <= x0) {
                    x1 = x0 + 1;
                }
                double y0 = xy.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).min().orElse(0);
                double y1 = xy.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).max().orElse(1);
                if (y1 <= y0) {
                    y1 = y0 + 1e-3;
                }
                Svg s = new Svg("search-" + m.label() + "-" + d.getKey(), m.label() + ": validation " + r.select + " against " + d.getKey()
                        + " (" + rs.size() + " trials" + (r.units().size() > 1 ? ", all " + r.spec.unitNoun() : "") + ")");
                s.yAxis(y0, y1, r.select);
                s.xAxis(x0, x1, d.getKey() + (log ? " (log scale)" : ""), log);
                for (double[] p : xy) {
                    if (!Double.isNaN(p[1])) {
                        s.dot(s.x(p[0], x0, x1, log), s.y(p[1], y0, y1), COLORS[r.labels.indexOf(m.label()) % COLORS.length],
                                d.getKey() + "=" + ExperimentSpec.Dimension.format(p[0]) + ": " + ExperimentResults.fmt(p[1]));
                    }
                }
                b.append(s.end());
            }
        }
        if (!any) {
            b.append("<p>No model of this experiment searches a numeric hyperparameter.</p>\n");
        }
    }

    private static void exposure(StringBuilder b, ExperimentResults r) {
        ExperimentSpec.Unit seed = r.units().get(0);
        List<String> with = r.labels.stream().filter(l -> r.run(l, seed).exposure() != null).toList();
        b.append("<h2>Popularity bias</h2>\n");
        if (with.isEmpty()) {
            b.append("<p>Not computed for this protocol (session splits recommend per event, not per user).</p>\n");
            return;
        }
        int k = r.run(with.get(0), seed).exposure().k();
        b.append("<table id=\"exposure\"><tr><th>model (").append(seed.title()).append(")</th><th>coverage@").append(k)
                .append("</th><th>Gini of exposure</th><th>share in the top popularity decile</th></tr>\n");
        for (String l : with) {
            PartScores.Exposure e = r.run(l, seed).exposure();
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>%n", esc(l), e.coverage(), e.gini(), e.deciles()[9]));
        }
        b.append("</table>\n");
        Svg s = new Svg("exposure", "Share of the test users' top-" + k + " slots by item-popularity decile (1: least popular tenth of the items, 10: most)");
        s.yAxis(0, 1, "share of slots");
        double group = (W - LEFT - 20) / 10.0;
        double bar = group * 0.8 / with.size();
        for (int d = 0; d < 10; d++) {
            for (int m = 0; m < with.size(); m++) {
                double v = r.run(with.get(m), seed).exposure().deciles()[d];
                double x = LEFT + d * group + group * 0.1 + m * bar;
                double y = s.y(v, 0, 1);
                s.rect(x, y, bar, H - BOTTOM - y, COLORS[r.labels.indexOf(with.get(m)) % COLORS.length],
                        with.get(m) + ", decile " + (d + 1) + ": " + ExperimentResults.fmt(v));
            }
            s.text(LEFT + d * group + group / 2, H - BOTTOM + 16, String.valueOf(d + 1), "middle");
        }
        s.legend(with, r.labels);
        b.append(s.end());
    }

    private static void boxes(StringBuilder b, ExperimentResults r) {
        ExperimentSpec.Unit seed = r.units().get(0);
        b.append("<h2>Per-unit distributions</h2>\n");
        Map<String, Map<String, double[]>> all = r.perUnit(seed);
        for (String metric : all.keySet()) {
            Map<String, double[]> byLabel = all.get(metric);
            double lo = 0;
            double hi = byLabel.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1);
            hi = niceCeil(hi);
            Svg s = new Svg("box-" + metric, metric + " per test unit, seed " + seed + " (box: quartiles; whiskers: 5th–95th percentile; ◆ mean)");
            s.yAxis(lo, hi, metric);
            double slot = (W - LEFT - 20) / (double) r.labels.size();
            for (int k = 0; k < r.labels.size(); k++) {
                String l = r.labels.get(k);
                double[] v = byLabel.get(l).clone();
                Arrays.sort(v);
                double cx = LEFT + k * slot + slot / 2;
                double half = slot * 0.25;
                double q1 = quantile(v, 0.25);
                double q2 = quantile(v, 0.5);
                double q3 = quantile(v, 0.75);
                s.line(cx, s.y(quantile(v, 0.05), lo, hi), cx, s.y(q1, lo, hi), "#222");
                s.line(cx, s.y(q3, lo, hi), cx, s.y(quantile(v, 0.95), lo, hi), "#222");
                s.rect(cx - half, s.y(q3, lo, hi), 2 * half, Math.max(1, s.y(q1, lo, hi) - s.y(q3, lo, hi)), COLORS[k % COLORS.length],
                        String.format(Locale.ROOT, "%s: quartiles %.4f / %.4f / %.4f", l, q1, q2, q3));
                s.line(cx - half, s.y(q2, lo, hi), cx + half, s.y(q2, lo, hi), "#000");
                double mean = ExperimentResults.mean(v);
                s.text(cx, s.y(mean, lo, hi) + 4, "◆", "middle");
                s.text(cx, H - BOTTOM + 16, l, "middle");
            }
            b.append(s.end());
        }
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A chart: a titled SVG with a plot area of W × H, axes and marks. */
    private static final class Svg {
        private final StringBuilder b = new StringBuilder();

        Svg(String id, String title) {
            b.append("<figure><svg id=\"").append(esc(id.replaceAll("[^A-Za-z0-9_-]", "_"))).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                    .append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                    .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>").append(esc(title)).append("</title>\n");
            this.title = title;
        }

        private final String title;

        double y(double v, double lo, double hi) {
            return H - BOTTOM - (v - lo) / (hi - lo) * (H - BOTTOM - TOP);
        }

        double x(double v, double lo, double hi, boolean log) {
            double t = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
            return LEFT + 10 + t * (W - LEFT - 40);
        }

        void yAxis(double lo, double hi, String label) {
            line(LEFT, TOP, LEFT, H - BOTTOM, "#888");
            line(LEFT, H - BOTTOM, W - 10, H - BOTTOM, "#888");
            for (int t = 0; t <= 4; t++) {
                double v = lo + (hi - lo) * t / 4;
                double yy = y(v, lo, hi);
                line(LEFT - 4, yy, W - 10, yy, "#eee");
                text(LEFT - 6, yy + 4, String.format(Locale.ROOT, "%.3g", v), "end");
            }
            b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                    (H - BOTTOM + TOP) / 2, (H - BOTTOM + TOP) / 2, esc(label)));
        }

        void xAxis(double lo, double hi, String label, boolean log) {
            for (int t = 0; t <= 4; t++) {
                double v = log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * t / 4) : lo + (hi - lo) * t / 4;
                text(x(v, lo, hi, log), H - BOTTOM + 16, String.format(Locale.ROOT, "%.3g", v), "middle");
            }
            text((LEFT + W) / 2.0, H - 12, label, "middle");
        }

        void line(double x1, double y1, double x2, double y2, String color) {
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n", x1, y1, x2, y2, color));
        }

        void rect(double x, double y, double w, double h, String color, String tip) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>%n",
                    x, y, Math.max(0, w), Math.max(0, h), color, esc(tip)));
        }

        void dot(double x, double y, String color, String tip) {
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.8\"><title>%s</title></circle>%n",
                    x, y, color, esc(tip)));
        }

        void polyline(List<double[]> pts, String color, String tip) {
            StringBuilder p = new StringBuilder();
            for (double[] q : pts) {
                p.append(String.format(Locale.ROOT, "%.1f,%.1f ", q[0], q[1]));
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"><title>%s</title></polyline>%n",
                    p.toString().strip(), color, esc(tip)));
        }

        void text(double x, double y, String s, String anchor) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, esc(s)));
        }

        void legend(List<String> shown, List<String> all) {
            for (int k = 0; k < shown.size(); k++) {
                double yy = TOP + 4 + k * 14;
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", W - 150, yy,
                        COLORS[all.indexOf(shown.get(k)) % COLORS.length]));
                text(W - 135, yy + 9, shown.get(k), "start");
            }
        }

        String end() {
            return b.append("</svg><figcaption>").append(esc(title)).append("</figcaption></figure>\n").toString();
        }
    }
}
