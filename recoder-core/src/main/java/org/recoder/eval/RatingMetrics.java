package org.recoder.eval;

/** Rating-prediction errors over aligned arrays of predictions and true ratings. */
public final class RatingMetrics {
    private RatingMetrics() {
    }

    /** Root mean squared error. */
    public static double rmse(float[] predicted, float[] actual) {
        check(predicted, actual);
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - actual[i];
            s += d * d;
        }
        return Math.sqrt(s / predicted.length);
    }

    /** Mean absolute error. */
    public static double mae(float[] predicted, float[] actual) {
        check(predicted, actual);
        double s = 0;
        for (int i = 0; i < predicted.length; i++) {
            s += Math.abs(predicted[i] - actual[i]);
        }
        return s / predicted.length;
    }

    private static void check(float[] p, float[] a) {
        if (p.length != a.length || p.length == 0) {
            throw new IllegalArgumentException("need equally long, non-empty prediction and rating arrays");
        }
    }
}
