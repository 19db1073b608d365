package org.recoder.linalg;

/** A Cholesky factorization met a pivot that is not positive: the matrix is not (numerically) positive definite. */
public final class NotPositiveDefiniteException extends ArithmeticException {
    private final int row;

    public NotPositiveDefiniteException(int row, double pivot) {
        super("matrix is not positive definite: pivot " + pivot + " at row " + row
                + " (for EASE, raise lambda; the Gram matrix plus lambda·I is positive definite for lambda > 0)");
        this.row = row;
    }

    /** The row (0-based) whose pivot failed. */
    public int row() {
        return row;
    }
}
