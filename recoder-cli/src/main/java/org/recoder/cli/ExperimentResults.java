package org.recoder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recoder.io.AtomicFiles;
import org.recoder.io.Json;

/**
 * An experiment's results: the final runs (one per model and {@link ExperimentSpec.Unit unit}: a seed, or a seed's
 * repeat) and the trials, summarised as the tables and the paired tests. Across units a cell is the mean ± the
 * standard deviation of the units' test means (or ± the 95% confidence interval of that mean, with
 * {@code "spread": "ci95"}); with one unit, the mean ± standard error over the test units. Each unit's paired tests
 * compare every model with that unit's best (by the test mean of the selecting metric) on the same test units,
 * Holm-corrected across the models, per metric.
 */
final class ExperimentResults {
    /** The level at which a difference is marked. */
    static final double ALPHA = 0.05;

    final ExperimentSpec spec;
    final String command;
    final String select;
    final List<Experiment.Run> finals;
    final Map<String, List<Experiment.Run>> trials;
    final List<String> labels = new ArrayList<>();
    final List<String> metrics = new ArrayList<>();
    /** unit key → metric → label → test of label against the unit's best. */
    final Map<String, Map<String, Map<String, Test>>> tests = new LinkedHashMap<>();
    /** unit key → the best label. */
    final Map<String, String> best = new LinkedHashMap<>();
    private final List<ExperimentSpec.Unit> units;
    private final Path out;

    /** A paired comparison with the best model: the mean difference and both p-values, raw and Holm-adjusted. */
    record Test(double difference, double pT, double pWilcoxon, double holmT, double holmWilcoxon, int units) {
        boolean significant() {
            return holmT < ALPHA && holmWilcoxon < ALPHA;
        }
    }

    ExperimentResults(ExperimentSpec spec, String command, String select, List<Experiment.Run> finals,
                      Map<String, List<Experiment.Run>> trials, Path out) {
        this.spec = spec;
        this.command = command;
        this.select = select;
        this.finals = List.copyOf(finals);
        this.trials = trials;
        this.out = out;
        this.units = spec.units();
        spec.models().forEach(m -> labels.add(m.label()));
        Set<String> ms = new LinkedHashSet<>();
        for (Experiment.Run r : finals) {
            ms.addAll(r.test().keySet());
        }
        metrics.addAll(ms);
        for (ExperimentSpec.Unit u : units) {
            significance(u, out);
        }
    }

    /** The units, seed by seed (each seed's repeats in order). */
    List<ExperimentSpec.Unit> units() {
        return units;
    }

    Experiment.Run run(String label, ExperimentSpec.Unit unit) {
        return finals.stream().filter(r -> r.model().equals(label) && r.seed() == unit.seed() && r.repeat() == unit.repeat())
                .findFirst().orElseThrow();
    }

    private void significance(ExperimentSpec.Unit seed, Path out) {
        String top = null;
        for (String l : labels) {
            double v = run(l, seed).test().getOrDefault(select, Double.NaN);
            if (top == null || (PartScores.higherIsBetter(select) ? v > run(top, seed).test().get(select) : v < run(top, seed).test().get(select))) {
                top = l;
            }
        }
        best.put(seed.key(), top);
        Map<String, double[]> bestUnits = readUnits(out, top, seed);
        Map<String, Map<String, Test>> byMetric = new LinkedHashMap<>();
        for (String metric : bestUnits.keySet()) {
            List<String> others = labels.stream().filter(l -> !l.equals(best.get(seed.key()))).toList();
            double[] pt = new double[others.size()];
            double[] pw = new double[others.size()];
            double[] diff = new double[others.size()];
            for (int k = 0; k < others.size(); k++) {
                double[] x = readUnits(out, others.get(k), seed).get(metric);
                double[] y = bestUnits.get(metric);
                pt[k] = Significance.pairedT(x, y);
                pw[k] = Significance.wilcoxon(x, y);
                double d = 0;
                for (int u = 0; u < x.length; u++) {
                    d += x[u] - y[u];
                }
                diff[k] = x.length == 0 ? 0 : d / x.length;
            }
            double[] ht = Significance.holm(pt);
            double[] hw = Significance.holm(pw);
            Map<String, Test> byLabel = new LinkedHashMap<>();
            for (int k = 0; k < others.size(); k++) {
                byLabel.put(others.get(k), new Test(diff[k], pt[k], pw[k], ht[k], hw[k], bestUnits.get(metric).length));
            }
            byMetric.put(metric, byLabel);
        }
        tests.put(seed.key(), byMetric);
    }

    /** metric → label → the final runs' per-unit values on {@code seed}. */
    Map<String, Map<String, double[]>> perUnit(ExperimentSpec.Unit seed) {
        Map<String, Map<String, double[]>> m = new LinkedHashMap<>();
        for (String l : labels) {
            readUnits(out, l, seed).forEach((metric, v) -> m.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(l, v));
        }
        return m;
    }

    /** A final run's per-unit values (per-user/LABEL/seed-KEY.tsv). */
    static Map<String, double[]> readUnits(Path out, String label, ExperimentSpec.Unit unit) {
        String seed = unit.key();
        Path f = out.resolve("per-user").resolve(label).resolve("seed-" + seed + ".tsv");
        try {
            List<String> lines = Files.readAllLines(f);
            String[] head = lines.get(0).split("\t");
            Map<String, double[]> m = new LinkedHashMap<>();
            for (int c = 1; c < head.length; c++) {
                double[] v = new double[lines.size() - 1];
                for (int u = 1; u < lines.size(); u++) {
                    v[u - 1] = Double.parseDouble(lines.get(u).split("\t")[c]);
                }
                m.put(head[c], v);
            }
            return m;
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f + " (delete final/" + label + "/seed-" + seed + ".json to redo that run): " + e.getMessage(), e);
        }
    }

    /** Whether {@code label} is worse than the best on every unit by both Holm-corrected tests. */
    boolean worseEverywhere(String label, String metric) {
        for (ExperimentSpec.Unit u : units) {
            Test t = tests.get(u.key()).getOrDefault(metric, Map.of()).get(label);
            if (t == null || !t.significant()) {
                return false;
            }
        }
        return true;
    }

    /** The table cell of a model and metric: mean ± spread over the units, or ± stderr with one unit. */
    String cell(String label, String metric) {
        List<Experiment.Run> rs = units.stream().map(s -> run(label, s)).toList();
        if (rs.size() == 1) {
            Experiment.Run r = rs.get(0);
            Double v = r.test().get(metric);
            Double se = r.testStderr().get(metric);
            return v == null ? "–" : se == null || se.isNaN() ? fmt(v) : fmt(v) + " ± " + fmt(se);
        }
        return fmt(meanOver(label, metric)) + " ± " + fmt(spreadOver(label, metric));
    }

    double meanOver(String label, String metric) {
        return mean(testMeans(label, metric));
    }

    private double[] testMeans(String label, String metric) {
        return units.stream().mapToDouble(s -> run(label, s).test().getOrDefault(metric, Double.NaN)).toArray();
    }

    /** What ± means in the tables: the standard error with one unit, else the experiment's spread over the units. */
    double spreadOver(String label, String metric) {
        if (units.size() == 1) {
            Double se = run(label, units.get(0)).testStderr().get(metric);
            return se == null || se.isNaN() ? 0 : se;
        }
        double[] v = testMeans(label, metric);
        return spec.spread().equals("ci95") ? ci95(v) : sd(v);
    }

    /** The half-width of the 95% confidence interval of the mean of {@code v}: t(0.975, n − 1) · sd / √n. */
    static double ci95(double[] v) {
        double t = org.apache.commons.statistics.distribution.TDistribution.of(v.length - 1).inverseSurvivalProbability(0.025);
        return t * sd(v) / Math.sqrt(v.length);
    }

    /** The caption's words for ±. */
    String spreadWords() {
        if (units.size() == 1) {
            return "mean ± standard error over the test units";
        }
        return (spec.spread().equals("ci95") ? "mean ± the 95% confidence interval (Student's t, " + (units.size() - 1)
                + " degrees of freedom)" : "mean ± standard deviation") + " over the " + units.size() + " " + spec.unitNoun();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** The chosen hyperparameters of a model, per unit where they differ. */
    String chosen(String label) {
        Map<String, List<String>> bySettings = new LinkedHashMap<>();
        for (ExperimentSpec.Unit s : units) {
            Map<String, String> set = run(label, s).settings();
            String text = set.isEmpty() ? "defaults" : String.join(" ", set.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            bySettings.computeIfAbsent(text, k -> new ArrayList<>()).add(s.title());
        }
        ExperimentSpec.ModelSpec m = spec.models().stream().filter(x -> x.label().equals(label)).findFirst().orElseThrow();
        String prefix = m.preset() == null ? "" : "preset " + m.preset() + "; ";
        if (bySettings.size() == 1) {
            return prefix + bySettings.keySet().iterator().next();
        }
        return prefix + String.join("; ", bySettings.entrySet().stream().map(e -> e.getKey() + " ("
                + String.join("; ", e.getValue()) + ")").toList());
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(spec.name()).append("\n\n");
        b.append("Command: `").append(command).append("`\n\n");
        b.append(spec.split() != null ? "Split: " + spec.split() : "Data: " + (spec.fetch() != null ? "data fetch " + spec.fetch() : spec.input())
                + (spec.format() == null ? "" : " (" + spec.format() + ")")
                + "; protocol " + spec.protocol() + " " + Json.compact(spec.params()));
        b.append("; seeds ").append(spec.seeds()).append(spec.repeats() > 1 ? ", " + spec.repeats() + " repeats each" : "")
                .append("; selected on validation ").append(select).append(".\n\n");
        b.append("Test metrics: ").append(spreadWords()).append('.');
        b.append(" **Bold**: the best model (best mean). ▾: worse than the best on every ").append(spec.repeats() > 1 ? "split" : "seed")
                .append(" by both the paired t-test and the "
                + "Wilcoxon signed-rank test, Holm-corrected across models, at ").append(ALPHA).append(".\n\n");
        b.append("| model |");
        metrics.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append(" fit s | epochs | hyperparameters |\n|---|");
        metrics.forEach(m -> b.append("---|"));
        b.append("---|---|---|\n");
        for (String l : labels) {
            b.append("| ").append(l).append(" |");
            for (String m : metrics) {
                String c = cell(l, m);
                boolean isBest = labels.stream().allMatch(o -> !(PartScores.higherIsBetter(m) ? meanOver(o, m) > meanOver(l, m) : meanOver(o, m) < meanOver(l, m)));
                b.append(' ').append(isBest ? "**" + c + "**" : c).append(worseEverywhere(l, m) ? " ▾" : "").append(" |");
            }
            double fit = mean(units.stream().mapToDouble(s -> run(l, s).seconds()).toArray());
            int epochs = run(l, units.get(0)).epochs();
            int bestEpoch = run(l, units.get(0)).bestEpoch();
            b.append(String.format(Locale.ROOT, " %.1f | %s | %s |%n", fit, epochs == 0 ? "–" : bestEpoch > 0 ? bestEpoch + " of " + epochs : String.valueOf(epochs),
                    chosen(l)));
        }
        for (ExperimentSpec.Unit seed : units) {
            b.append("\n## Paired tests against the best model, ").append(seed.title()).append(" (").append(best.get(seed.key())).append(")\n\n");
            b.append("| model | metric | mean difference | t-test p (Holm) | Wilcoxon p (Holm) | units |\n|---|---|---|---|---|---|\n");
            tests.get(seed.key()).forEach((metric, byLabel) -> byLabel.forEach((label, t) -> b.append(String.format(Locale.ROOT,
                    "| %s | %s | %+.4f | %.3g (%.3g) | %.3g (%.3g) | %d |%n", label, metric, t.difference(), t.pT(), t.holmT(),
                    t.pWilcoxon(), t.holmWilcoxon(), t.units()))));
        }
        if (trials.values().stream().anyMatch(l -> !l.isEmpty())) {
            b.append("\n## Hyperparameter search (validation ").append(select).append(")\n\n| model | seed | trials | best | chosen |\n|---|---|---|---|---|\n");
            trials.forEach((label, rs) -> {
                for (ExperimentSpec.Unit seed : units) {
                    List<Experiment.Run> mine = rs.stream().filter(r -> r.seed() == seed.seed() && r.repeat() == seed.repeat()).toList();
                    if (mine.isEmpty()) {
                        continue;
                    }
                    double bestV = mine.stream().mapToDouble(r -> r.validation().getOrDefault(select, Double.NaN))
                            .reduce(PartScores.higherIsBetter(select) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY,
                                    PartScores.higherIsBetter(select) ? Math::max : Math::min);
                    b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %s |%n", label, seed.key(), mine.size(), bestV,
                            Json.compact(run(label, seed).settings())));
                }
            });
        }
        return b.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("command", command);
        m.put("experiment", Json.parse(spec.text()));
        m.put("select", select);
        m.put("seeds", spec.seeds());
        if (spec.repeats() > 1) {
            m.put("repeats", spec.repeats());
        }
        m.put("spread", spec.spread());
        m.put("best", best);
        m.put("final", finals);
        m.put("trials", trials);
        m.put("tests", tests);
        m.put("library", org.recoder.api.Provenance.currentLibraryVersion());
        return m;
    }

    /** results.json, results.md and report.html, each atomically. */
    void write(Path out) {
        AtomicFiles.writeString(out.resolve("results.json"), Json.pretty(json()));
        AtomicFiles.writeString(out.resolve("results.md"), markdown());
        AtomicFiles.writeString(out.resolve("report.html"), ExperimentReport.html(this));
    }
}
