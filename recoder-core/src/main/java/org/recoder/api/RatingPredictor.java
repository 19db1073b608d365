package org.recoder.api;

/**
 * A model of explicit feedback that predicts the rating a user would give (AutoRec, biased MF): for a known user by
 * index, or for a new user from a rated history (fold-in). Ranking still goes through {@link ItemScorer}, whose
 * scores for these models are predicted ratings. Implementations are thread-safe.
 */
public interface RatingPredictor extends ItemScorer {
    /** Predicted ratings of {@code items} for known user {@code user} (a row of the model's known users). */
    void predictKnown(int user, int[] items, float[] out);

    /** Predicted ratings of {@code items} for a history of item indices with their ratings. */
    void predict(int[] historyItems, float[] historyRatings, int[] items, float[] out);
}
