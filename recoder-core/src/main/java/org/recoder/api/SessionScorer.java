package org.recoder.api;

/**
 * A model that scores the next item of an ordered session (GRU4Rec, NARM): the order of the items, repeats
 * included, is its input. {@link Recommender#forHistory(History, int, java.util.Collection)} passes the history in
 * order to models that implement this, and as a set to every other model. Implementations are thread-safe.
 */
public interface SessionScorer extends ItemScorer {
    /** Writes a score for every item into {@code out} for the session {@code items} (indices, oldest first). */
    void scoreSession(int[] items, float[] out);

    /** Receives the scores after each prefix of a session ({@link #scorePrefixes}). */
    @FunctionalInterface
    interface PrefixScores {
        /** {@code scores} (reused between calls) are those after the first {@code length} events. */
        void accept(int length, float[] scores);
    }

    /**
     * Scores every prefix of {@code items} of length 1 … n − 1 in turn, as next-item evaluation needs: the same
     * scores as {@link #scoreSession} on each prefix. The default rescores each prefix from its start; a recurrent
     * model overrides it to carry its state forward, one step per event instead of a whole prefix.
     */
    default void scorePrefixes(int[] items, float[] scores, PrefixScores sink) {
        for (int t = 1; t < items.length; t++) {
            scoreSession(java.util.Arrays.copyOf(items, t), scores);
            sink.accept(t, scores);
        }
    }
}
