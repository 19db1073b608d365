package org.recoder.models.ratingmean;

import org.recoder.api.Doc;

/**
 * Which mean predicts a rating.
 *
 * @param by GLOBAL (every rating is the training mean), USER (the user's mean) or ITEM (the item's mean); a user or
 *           item without training ratings gets the global mean
 */
public record RatingMeanConfig(@Doc("GLOBAL, USER or ITEM: whose training mean predicts a rating") By by) {
    /** Whose mean. */
    public enum By { GLOBAL, USER, ITEM }

    public RatingMeanConfig {
        if (by == null) {
            throw new IllegalArgumentException("by must be GLOBAL, USER or ITEM");
        }
    }

    public static RatingMeanConfig defaults() {
        return new RatingMeanConfig(By.ITEM);
    }
}
