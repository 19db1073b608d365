package org.recoder.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.RatingPredictor;
import org.recoder.data.HeldOut;
import org.recoder.eval.EvaluationResult;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.RatingEvaluation;
import org.recoder.eval.SessionEvaluator;
import org.recoder.protocol.Split;

/**
 * A model's metrics on one part of a split (validation or test), as {@code evaluate} computes them, with the values
 * per unit (user, or next-item event on a session split) for paired tests between models on the same units.
 *
 * @param means    metric → mean, in order (ratings splits: rmse and mae first, for rating predictors)
 * @param stderr   metric → standard error over the units (NaN where it has none: coverage, rmse)
 * @param perUnit  metric → value per unit, in the split's unit order (the same for every model)
 * @param units    units evaluated: users, or events on a session split
 * @param exposure the popularity-bias view of the users' top k (null when not asked, or on a session split)
 * @param seconds  wall time
 */
record PartScores(Map<String, Double> means, Map<String, Double> stderr, Map<String, double[]> perUnit, int units,
                  Exposure exposure, double seconds) {
    /**
     * How the recommendations spread over the catalogue: the share of all top-k slots taken by each decile of items
     * by training popularity (decile 1 the least popular tenth, 10 the most), item coverage@k (the share of items
     * recommended to anyone), and the Gini index of the items' exposure counts (0 even, 1 all on one item).
     */
    record Exposure(int k, double[] deciles, double coverage, double gini) {
        static Exposure of(int[] counts, int[] popularity, int k) {
            int n = counts.length;
            Integer[] byPopularity = new Integer[n];
            for (int i = 0; i < n; i++) {
                byPopularity[i] = i;
            }
            // Ties in popularity broken by item index, so that the deciles do not depend on the sort.
            java.util.Arrays.sort(byPopularity, (a, b) -> popularity[a] != popularity[b] ? Integer.compare(popularity[a], popularity[b]) : Integer.compare(a, b));
            double total = 0;
            for (int c : counts) {
                total += c;
            }
            double[] deciles = new double[10];
            for (int r = 0; r < n; r++) {
                deciles[(int) ((long) r * 10 / n)] += total == 0 ? 0 : counts[byPopularity[r]] / total;
            }
            int covered = 0;
            long[] sorted = new long[n];
            for (int i = 0; i < n; i++) {
                covered += counts[i] > 0 ? 1 : 0;
                sorted[i] = counts[i];
            }
            java.util.Arrays.sort(sorted);
            double weighted = 0;
            for (int i = 0; i < n; i++) {
                weighted += (i + 1) * (double) sorted[i];
            }
            double gini = total == 0 ? 0 : 2 * weighted / (n * total) - (n + 1.0) / n;
            return new Exposure(k, deciles, n == 0 ? 0 : covered / (double) n, gini);
        }
    }

    /** The default metrics of a split's protocol, as {@code evaluate}. */
    static String defaultMetrics(Split s) {
        if (s.sessionEvents().isPresent()) {
            return EvaluateCommand.SESSION_METRICS;
        }
        return s.info().protocol().equals("loo") ? EvaluateCommand.LOO_METRICS : EvaluateCommand.DEFAULT_METRICS;
    }

    /** Whether a larger value of this metric is better (rmse and mae: smaller). */
    static boolean higherIsBetter(String metric) {
        return !metric.equals("rmse") && !metric.equals("mae");
    }

    /** {@code model} on {@code part} ("validation" or "test") of {@code s}; sampled metrics too on a test part with negatives. */
    static PartScores of(Model model, Split s, String part, List<MetricSpec> specs, int threads) {
        return of(model, s, part, specs, threads, 0);
    }

    /** As {@link #of(Model, Split, String, List, int)}, with the exposure of the top {@code exposureK} (0: none). */
    static PartScores of(Model model, Split s, String part, List<MetricSpec> specs, int threads, int exposureK) {
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> stderr = new LinkedHashMap<>();
        Map<String, double[]> perUnit = new LinkedHashMap<>();
        boolean test = part.equals("test");
        if (s.sessionEvents().isPresent()) {
            var events = test ? s.sessionEvents().get().test() : s.sessionEvents().get().validation();
            if (events == null) {
                throw new IllegalArgumentException("the split has no " + part + " sessions");
            }
            SessionEvaluator.Result r = new SessionEvaluator(specs, SessionEvaluator.Ties.CONSERVATIVE, threads).evaluate(model, events);
            int k = 0;
            for (var e : r.summaries().entrySet()) {
                means.put(e.getKey(), e.getValue().mean());
                stderr.put(e.getKey(), e.getValue().stderr());
                perUnit.put(e.getKey(), r.perEvent()[k++]);
            }
            return new PartScores(means, stderr, perUnit, r.events(), null, r.seconds());
        }
        HeldOut h = test ? s.test() : s.validation();
        if (h == null) {
            throw new IllegalArgumentException("the split has no " + part + " users");
        }
        if (s.info().protocol().equals("ratings") && model instanceof RatingPredictor predictor
                && model.knownUsers().users().equals(h.holdout().users())) {
            RatingEvaluation re = RatingEvaluation.of(predictor, h);
            means.put("rmse", re.rmse());
            stderr.put("rmse", Double.NaN);
            means.put("mae", re.mae());
            stderr.put("mae", Double.NaN);
        }
        Evaluator ev = new Evaluator(specs, threads);
        EvaluationResult r = (exposureK > 0 ? ev.withExposure(exposureK) : ev).evaluate(model, h);
        List<MetricSpec> perUserMetrics = new ArrayList<>(specs.stream().filter(m -> !m.isCoverage()).toList());
        r.summaries().forEach((k, v) -> {
            means.put(k, v.mean());
            stderr.put(k, v.stderr());
        });
        for (int m = 0; m < perUserMetrics.size(); m++) {
            perUnit.put(perUserMetrics.get(m).toString(), r.perUser()[m]);
        }
        if (test && s.negatives().isPresent()) {
            ev.evaluateSampled(model, h, s.testNegatives()).summaries().forEach((k, v) -> {
                means.put("sampled_" + k, v.mean());
                stderr.put("sampled_" + k, v.stderr());
            });
        }
        Exposure exposure = r.exposure() == null ? null : Exposure.of(r.exposure(), s.train().itemDegrees(), exposureK);
        return new PartScores(means, stderr, perUnit, r.users(), exposure, r.seconds());
    }
}
