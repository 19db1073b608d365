package org.recoder.api;

/**
 * A model that scores the next item of an ordered session (GRU4Rec, NARM): the order of the items, repeats
 * included, is its input. {@link Recommender#forHistory(History, int, java.util.Collection)} passes the history in
 * order to models that implement this, and as a set to every other model. Implementations are thread-safe.
 */
public interface SessionScorer extends ItemScorer {
    /** Writes a score for every item into {@code out} for the session {@code items} (indices, oldest first). */
    void scoreSession(int[] items, float[] out);
}
