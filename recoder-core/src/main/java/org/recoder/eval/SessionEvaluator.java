package org.recoder.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoder.api.History;
import org.recoder.api.ItemScorer;
import org.recoder.api.SessionScorer;
import org.recoder.data.EventLog;
import org.recoder.util.Parallel;

/**
 * The next-item protocol of GRU4Rec (Hidasi et al., ICLR 2016) and NARM (Li et al., CIKM 2017): in every test session
 * i₁ … iₙ, each event i_{t+1} (t = 1 … n − 1) is the target of the prefix i₁ … i_t, ranked among all training items;
 * nothing is masked, since a session may return to an item it has seen. Recall@k (= hit rate: the target ranked in the
 * top k) and MRR@k (1 / rank, 0 beyond k) are means over all such events, with their standard errors. A
 * {@link SessionScorer} is given the prefix in order, repeats included; any other model that folds in gets it as a
 * set.
 *
 * <p>Equal scores: the rank of the target is 1 + the items scored above it, plus, by {@link Ties}, all
 * ({@code CONSERVATIVE}, the default of the official GRU4Rec evaluation), none ({@code STANDARD}) or half
 * ({@code MEDIAN}) of the other items scored equal to it. Popularity and kNN baselines leave many items at one score,
 * so the choice moves their figures; conservative never rewards a tie. Cost: one scoring of all items per event.
 * Results do not depend on the number of threads (each event's value has its own slot; sums run in event order).
 */
public final class SessionEvaluator {
    /** How items scored equal to the target count in its rank. */
    public enum Ties {
        /** Every item scored equal to the target ranks above it (the official GRU4Rec evaluation's default). */
        CONSERVATIVE,
        /** The target ranks above every item scored equal to it (optimistic). */
        STANDARD,
        /** Half of the items scored equal to the target rank above it. */
        MEDIAN;

        /** Parses {@code conservative}, {@code standard} or {@code median}, case-insensitively. */
        public static Ties parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown tie mode '" + s + "' (expected conservative, standard or median)");
            }
        }
    }

    /**
     * What an evaluation gives.
     *
     * @param summaries per metric ({@code recall@20}, ...), mean ± standard error over the events
     * @param sessions  test sessions with at least one target
     * @param events    targets scored (events after the first of each session)
     * @param seconds   wall time
     * @param perEvent  {@code perEvent[m][e]}: metric m (in the order asked) of target e, the sessions' targets in
     *                  order (for paired tests between models on the same test sessions)
     */
    public record Result(Map<String, Summary> summaries, int sessions, int events, double seconds, double[][] perEvent) {
    }

    private final List<MetricSpec> metrics;
    private final Ties ties;
    private final int threads;

    /**
     * @param metrics {@code recall}, {@code hit} (the same for one target), {@code mrr} and {@code ndcg}
     *                (1 / log₂(rank + 1) within k) at their cut-offs
     * @param ties    how equal scores rank
     * @param threads worker threads (1 = the caller's thread)
     */
    public SessionEvaluator(List<MetricSpec> metrics, Ties ties, int threads) {
        for (MetricSpec m : metrics) {
            if (!List.of("recall", "hit", "mrr", "ndcg").contains(m.name())) {
                throw new IllegalArgumentException("metric " + m + " does not apply to next-item evaluation of sessions "
                        + "(one target per event: recall, hit, mrr, ndcg)");
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        this.metrics = List.copyOf(metrics);
        this.ties = ties;
        this.threads = threads;
    }

    /** Scores every next event of the sessions in {@code test} (over {@code model.items()}). */
    public Result evaluate(ItemScorer model, EventLog test) {
        if (!model.items().equals(test.items())) {
            throw new IllegalArgumentException("the sessions are over other items than the model (" + test.items().size()
                    + " vs " + model.items().size() + ")");
        }
        if (!(model instanceof SessionScorer) && !model.canFoldIn()) {
            throw new IllegalArgumentException("this model cannot score new sessions: " + model.whyNoFoldIn());
        }
        long t0 = System.nanoTime();
        int[][] sessions = test.eventsByUser();
        int[] firstTarget = new int[sessions.length + 1];
        int withTargets = 0;
        for (int s = 0; s < sessions.length; s++) {
            int targets = Math.max(0, sessions[s].length - 1);
            firstTarget[s + 1] = firstTarget[s] + targets;
            withTargets += targets > 0 ? 1 : 0;
        }
        int events = firstTarget[sessions.length];
        double[] rank = new double[events];
        int numItems = model.items().size();
        Parallel.forRange(sessions.length, 16, threads, (from, to) -> {
            float[] scores = new float[numItems];
            for (int s = from; s < to; s++) {
                int[] row = sessions[s];
                int[] items = new int[row.length];
                for (int k = 0; k < row.length; k++) {
                    items[k] = test.item()[row[k]];
                }
                int first = firstTarget[s];
                if (model instanceof SessionScorer session) {
                    session.scorePrefixes(items, scores, (t, sc) -> rank[first + t - 1] = rank(sc, items[t]));
                } else {
                    for (int t = 1; t < row.length; t++) {
                        scoreSet(model, java.util.Arrays.copyOf(items, t), scores);
                        rank[first + t - 1] = rank(scores, items[t]);
                    }
                }
            }
        });
        Map<String, Summary> out = new LinkedHashMap<>();
        double[][] perEvent = new double[metrics.size()][];
        for (int k = 0; k < metrics.size(); k++) {
            MetricSpec m = metrics.get(k);
            double[] v = new double[events];
            for (int e = 0; e < events; e++) {
                v[e] = value(m, rank[e]);
            }
            perEvent[k] = v;
            out.put(m.toString(), Summary.of(v));
        }
        return new Result(out, withTargets, events, (System.nanoTime() - t0) / 1e9, perEvent);
    }

    private static void scoreSet(ItemScorer model, int[] prefix, float[] out) {
        float[] ones = new float[prefix.length];
        java.util.Arrays.fill(ones, 1f);
        History.Indexed set = new History.Indexed(prefix, ones).asSet();
        model.score(set.items(), set.values(), out);
    }

    /** The target's rank, 1 = best, under this evaluator's tie rule; a NaN score ranks below every number. */
    double rank(float[] scores, int target) {
        float t = scores[target];
        int above = 0;
        int equal = 0;
        if (Float.isNaN(t)) {
            for (float v : scores) {
                above += Float.isNaN(v) ? 0 : 1;
                equal += Float.isNaN(v) ? 1 : 0;
            }
        } else {
            for (float v : scores) {
                if (v > t) {
                    above++;
                } else if (v == t) {
                    equal++;
                }
            }
        }
        equal--; // the target itself
        return switch (ties) {
            case CONSERVATIVE -> 1 + above + equal;
            case STANDARD -> 1 + above;
            case MEDIAN -> 1 + above + equal / 2.0;
        };
    }

    static double value(MetricSpec m, double rank) {
        if (rank > m.k()) {
            return 0;
        }
        return switch (m.name()) {
            case "recall", "hit" -> 1;
            case "mrr" -> 1 / rank;
            case "ndcg" -> 1 / (Math.log(rank + 1) / Math.log(2));
            default -> throw new IllegalStateException(m.name());
        };
    }
}
