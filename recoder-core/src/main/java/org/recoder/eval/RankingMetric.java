package org.recoder.eval;

import java.util.Locale;

/**
 * A per-user top-k metric: a pure function of the ranked list and the relevant set.
 *
 * <p>{@code ranked[0, length)} are item indices best first (length ≤ k may be shorter when fewer items were
 * rankable); {@code relevant[item]} marks the held-out items and {@code numRelevant} counts them (&gt; 0).
 */
@FunctionalInterface
public interface RankingMetric {
    double score(int[] ranked, int length, boolean[] relevant, int numRelevant, int k);

    /**
     * NDCG@k with binary relevance (Liang et al. 2018): DCG = Σ_{r≤k} rel_r / log2(r + 1), divided by the ideal
     * DCG over min(k, |T|) hits.
     */
    static double ndcg(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        double dcg = 0;
        int n = Math.min(length, k);
        for (int r = 0; r < n; r++) {
            if (relevant[ranked[r]]) {
                dcg += 1.0 / log2(r + 2);
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, numRelevant); r++) {
            idcg += 1.0 / log2(r + 2);
        }
        return dcg / idcg;
    }

    /** Recall@k as Liang et al. define it: hits / min(k, |T|), so a perfect ranking scores 1 for any |T|. */
    static double recall(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        return hits(ranked, length, relevant, k) / (double) Math.min(k, numRelevant);
    }

    /** The conventional recall@k (RecBole, Cornac, Elliot): hits / |T|. */
    static double recallConventional(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        return hits(ranked, length, relevant, k) / (double) numRelevant;
    }

    /** Hit@k (HR@k in NCF): 1 when any relevant item is in the top k. */
    static double hit(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        return hits(ranked, length, relevant, k) > 0 ? 1 : 0;
    }

    /** Precision@k: hits / k (k, not the list length, so short lists are not rewarded). */
    static double precision(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        return hits(ranked, length, relevant, k) / (double) k;
    }

    /** MRR@k: 1 / rank of the first relevant item, 0 when none is in the top k. */
    static double mrr(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        int n = Math.min(length, k);
        for (int r = 0; r < n; r++) {
            if (relevant[ranked[r]]) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    /** MAP@k: Σ_{r≤k} precision@r · rel_r / min(k, |T|). */
    static double averagePrecision(int[] ranked, int length, boolean[] relevant, int numRelevant, int k) {
        int n = Math.min(length, k);
        int hits = 0;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            if (relevant[ranked[r]]) {
                hits++;
                sum += hits / (double) (r + 1);
            }
        }
        return sum / Math.min(k, numRelevant);
    }

    private static int hits(int[] ranked, int length, boolean[] relevant, int k) {
        int n = Math.min(length, k);
        int h = 0;
        for (int r = 0; r < n; r++) {
            if (relevant[ranked[r]]) {
                h++;
            }
        }
        return h;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Looks a metric up by name: ndcg, recall, recall_conventional, hit, precision, mrr, map. */
    static RankingMetric byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ndcg" -> RankingMetric::ndcg;
            case "recall" -> RankingMetric::recall;
            case "recall_conventional" -> RankingMetric::recallConventional;
            case "hit", "hr" -> RankingMetric::hit;
            case "precision" -> RankingMetric::precision;
            case "mrr" -> RankingMetric::mrr;
            case "map" -> RankingMetric::averagePrecision;
            default -> throw new IllegalArgumentException("unknown metric '" + name
                    + "' (known: ndcg, recall, recall_conventional, hit, precision, mrr, map, coverage)");
        };
    }
}
