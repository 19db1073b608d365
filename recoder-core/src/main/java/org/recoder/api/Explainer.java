package org.recoder.api;

/**
 * How much each history item contributed to one item's score, for "because you liked …". For a linear model the
 * split is exact (EASE: value × B[h, target]; item-kNN: value × sim(h, target)); other models may give a local
 * attribution (gradient × input) and say so in {@link #explanationKind()}. Implementations are thread-safe.
 */
public interface Explainer {
    /**
     * Writes into {@code out[k]} the contribution of history item {@code historyItems[k]} (with its value) to the
     * score of item {@code target} for that history.
     */
    void contributions(int[] historyItems, float[] historyValues, int target, float[] out);

    /** What the contributions are: {@code "exact: ..."} for a linear split, otherwise the method's name. */
    String explanationKind();
}
