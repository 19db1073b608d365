package org.recoder.api;

import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;

/**
 * Scores every item for a user history (fold-in): the one operation evaluation and serving need.
 * Implementations are immutable and thread-safe.
 */
public interface ItemScorer {
    /** The items scored, in score-array order. */
    IdIndex items();

    /**
     * Writes a score for every item into {@code out} (length {@code items().size()}) for the history given as
     * item indices with values. Higher is better; the caller masks items it wants excluded.
     */
    void score(int[] historyItems, float[] historyValues, float[] out);

    /**
     * Whether {@link #score} works for any history, i.e. new users are served without retraining. False for
     * models that keep a learned vector per training user (CDAE, NCF, BPR-MF): they score known users only, by id, through
     * {@link #scoreRows}.
     */
    default boolean canFoldIn() {
        return true;
    }

    /**
     * Why {@link #canFoldIn()} is false, as a clause for error messages ("it learns an embedding per training
     * user"); asked only of models that cannot fold in.
     */
    default String whyNoFoldIn() {
        return "it scores only the users it was trained on";
    }

    /**
     * Whether {@link #scoreRows} over many histories is much faster than {@link #score} one at a time (a neural
     * model's matrix products), so that a server should gather concurrent requests into batches.
     */
    default boolean scoresBatchesFaster() {
        return false;
    }

    /**
     * Called once by a server before the model answers requests, on a model that will not be trained further: it may
     * build read-only structures that make small batches faster (a neural model keeps a transposed copy of its output
     * layer). Does nothing by default.
     */
    default void freezeForServing() {
    }

    /**
     * Scores rows {@code users[from, to)} of {@code histories} into {@code out[r - from]}. Models that score a
     * batch faster than one row at a time (matrix products) override this. The user index of {@code histories}
     * names the users, which is how models with a parameter per known user (CDAE) find theirs.
     */
    default void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        for (int r = from; r < to; r++) {
            int u = users[r];
            score(histories.rowItems(u), histories.rowValues(u), out[r - from]);
        }
    }
}
