package org.recoder.eval;

import org.recoder.api.RatingPredictor;
import org.recoder.data.HeldOut;
import org.recoder.data.Interactions;

/**
 * Rating-prediction errors of a {@link RatingPredictor} on the held-out ratings of a ratings split: every held-out
 * (user, item, rating) is predicted for that known user ({@link RatingPredictor#predictKnown}) and compared with the
 * rating. The held-out part's user index must be the model's known users' (a ratings split's parts are ratings of
 * its training users, and the model was trained on that training matrix).
 *
 * @param rmse    root mean squared error over all held-out ratings (each rating counts once, not each user)
 * @param mae     mean absolute error
 * @param ratings how many ratings were predicted
 */
public record RatingEvaluation(double rmse, double mae, int ratings) {
    /** Predicts every held-out rating of {@code part}. */
    public static RatingEvaluation of(RatingPredictor model, HeldOut part) {
        Interactions held = part.holdout();
        if (held.nnz() == 0) {
            throw new IllegalArgumentException("no held-out ratings to predict");
        }
        float[] predicted = new float[held.nnz()];
        float[] actual = new float[held.nnz()];
        int n = 0;
        for (int u = 0; u < held.numUsers(); u++) {
            if (held.degree(u) == 0) {
                continue;
            }
            int[] items = held.rowItems(u);
            float[] out = new float[items.length];
            model.predictKnown(u, items, out);
            System.arraycopy(out, 0, predicted, n, items.length);
            System.arraycopy(held.rowValues(u), 0, actual, n, items.length);
            n += items.length;
        }
        return new RatingEvaluation(RatingMetrics.rmse(predicted, actual), RatingMetrics.mae(predicted, actual), n);
    }
}
