package org.recoder.models.sknn;

import static org.recoder.util.Require.atLeast;

import org.recoder.api.Doc;

/**
 * Hyperparameters of SKNN (Jannach &amp; Ludewig, RecSys 2017): the items of the current session as a set, compared
 * with the training sessions that share an item.
 *
 * @param neighbours training sessions whose items are summed into the scores, the most similar (k; 100, as
 *                   session-rec's example configuration)
 * @param sampleSize candidate sessions: the most recent of those sharing an item with the current session (500, as
 *                   that configuration); 0 takes them all
 * @param similarity how a candidate's item set compares with the current session's
 */
public record SknnConfig(
        @Doc("neighbour sessions whose items are summed into the scores (k)") int neighbours,
        @Doc("candidates: the most recent sessions sharing an item with the current one, 0 = all") int sampleSize,
        @Doc("COSINE |a∩b|/√(|a||b|) or JACCARD |a∩b|/|a∪b|") Similarity similarity) {
    public SknnConfig {
        atLeast("neighbours", neighbours, 1);
        atLeast("sampleSize", sampleSize, 0);
        if (similarity == null) {
            throw new IllegalArgumentException("similarity must be COSINE or JACCARD");
        }
    }

    /** How two sessions' item sets compare. */
    public enum Similarity {
        /**
         * |a∩b| / √(|a|·|b|). session-rec computes {@code li / sqrt(la) * sqrt(lb)}, which by operator precedence is
         * the cosine times |b| (the current session's size): a constant factor for one query, so the same neighbours
         * and the same ranking.
         */
        COSINE,
        /** |a∩b| / |a∪b| (session-rec's class default). */
        JACCARD
    }

    /** k 100, 500 candidates, cosine. */
    public static SknnConfig defaults() {
        return new SknnConfig(100, 500, Similarity.COSINE);
    }
}
