package org.recoder.linalg;

/** The float64 Gauss-Jordan reference inverse, shared with the model tests through the test jar. */
public final class NaiveInverse {
    private NaiveInverse() {
    }

    /** The inverse of the dense n×n row-major {@code g}, by Gauss-Jordan with partial pivoting in double. */
    public static double[] gaussJordan(double[] g, int n) {
        return Naive.inverse(g, n);
    }
}
