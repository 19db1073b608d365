package org.recoder.models.family;

import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.api.RatingPredictor;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;

/**
 * What the rating predictors (AutoRec, biased MF, the mean baselines) share: the training matrix they know, their
 * config and provenance, the training ratings' range (predictions are clipped to it), and ranking by predicted
 * rating: {@link #score} predicts every item for the history.
 */
public abstract class RatingModel implements Model, RatingPredictor {
    private final Record config;
    private final Interactions known;
    private final Provenance provenance;
    private final float lowest;
    private final float highest;
    /** 0 … items − 1, the items {@link #score} predicts, made once rather than per request. */
    private final int[] allItems;

    protected RatingModel(Record config, Interactions known, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.provenance = provenance;
        float[] r = range(known);
        lowest = r[0];
        highest = r[1];
        allItems = java.util.stream.IntStream.range(0, known.numItems()).toArray();
    }

    /** The lowest and highest training rating; fails on a matrix without ratings. */
    public static float[] range(Interactions known) {
        if (known.nnz() == 0) {
            throw new IllegalArgumentException("a rating predictor needs training ratings; the training matrix is empty");
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float r : known.valueArray()) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return new float[] {lo, hi};
    }

    /** {@code r} clipped to the training ratings' range. */
    protected final float clip(float r) {
        return Math.max(lowest, Math.min(highest, r));
    }

    /** Throws unless {@code user} is a row of the known users. */
    protected final void requireKnown(int user) {
        if (user < 0 || user >= known.numUsers()) {
            throw new IllegalArgumentException("user row " + user + " is not one of the " + known.numUsers() + " known users");
        }
    }

    /** Predicted ratings of every item for the history (scores for ranking). */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        predict(historyItems, historyValues, allItems, out);
    }

    /** 0 … items − 1 (read-only). */
    protected final int[] allItems() {
        return allItems;
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public final Provenance provenance() {
        return provenance;
    }

    @Override
    public final Interactions knownUsers() {
        return known;
    }

    @Override
    public final IdIndex items() {
        return known.items();
    }
}
