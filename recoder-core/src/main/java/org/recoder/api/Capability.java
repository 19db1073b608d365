package org.recoder.api;

/** What a model type can do, as a model family declares it ({@code recoder models} lists them). */
public enum Capability {
    /** Scores any history of items (a new user) without retraining: {@link ItemScorer#score}. */
    FOLD_IN,
    /** Scores the users it was trained on, by id: {@link ItemScorer#scoreRows} over its known users. */
    KNOWN_USERS,
    /** Scores an ordered session, the order mattering: {@link SessionScorer}. */
    SESSIONS,
    /** Predicts explicit ratings: {@link RatingPredictor}. */
    RATINGS;

    /** The name as listed: lower case with dashes ({@code fold-in}, {@code known-users}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
