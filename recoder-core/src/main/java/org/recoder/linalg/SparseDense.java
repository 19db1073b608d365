package org.recoder.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.recoder.util.Parallel;

/**
 * Products of a CSR interaction matrix (given by its arrays: row pointers, column indices, values) with dense
 * row-major matrices, for sparse-input layers and EASE's Gram
 * matrix. All are memory-bound: each stored entry costs one AXPY of a dense row, at a few GFLOP/s.
 *
 * <p>A batch is the rows {@code rows[from, to)} of the CSR matrix, in that order; output row r belongs to
 * {@code rows[from + r]}. Outputs are caller-owned so that training loops allocate nothing per batch.
 */
public final class SparseDense {
    private static final VectorSpecies<Float> S = Sgemm.SPECIES;

    private SparseDense() {
    }

    /**
     * {@code out[b×h] = alpha·X[batch]·W[items×h] + beta·out}: row r is the value-weighted sum of W's rows for
     * the batch user's items. Parallel over batch rows. Cost O(nnz(batch)·h).
     */
    public static void times(int[] ptr, int[] cols, float[] vals, int items, int[] rows, int from, int to, float[] w,
                             int h, float alpha, float beta, float[] out, int threads) {
        int b = to - from;
        requireLength(out, (long) b * h, "out");
        requireLength(w, (long) items * h, "W");
        int workers = threads <= 0 ? Parallel.threads() : threads;
        Parallel.forRange(b, Math.max(16, (b + workers - 1) / workers), workers, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int u = rows[from + r];
                int o = r * h;
                scale(out, o, h, beta);
                for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                    axpy(alpha * vals[p], w, cols[p] * h, out, o, h);
                }
            }
        });
    }

    /**
     * {@code out[items×h] = alpha·X[batch]ᵀ·dH[b×h] + beta·out}, the weight gradient of a sparse-input layer. Each
     * worker owns the output rows of the items congruent to its index modulo the worker count and scans the whole
     * batch, so there are no write conflicts and no per-thread copies of the output. Cost O(nnz(batch)·h + items·h).
     */
    public static void transposeTimes(int[] ptr, int[] cols, float[] vals, int items, int[] rows, int from, int to,
                                      float[] dh, int h, float alpha, float beta, float[] out, int threads) {
        requireLength(out, (long) items * h, "out");
        requireLength(dh, (long) (to - from) * h, "dH");
        int workers = threads <= 0 ? Parallel.threads() : threads;
        Parallel.forRange(workers, 1, workers, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                for (int i = t; i < items; i += workers) {
                    scale(out, i * h, h, beta);
                }
                for (int r = 0; r < to - from; r++) {
                    int u = rows[from + r];
                    for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                        int i = cols[p];
                        if (i % workers == t) {
                            axpy(alpha * vals[p], dh, r * h, out, i * h, h);
                        }
                    }
                }
            }
        });
    }

    /**
     * As {@link #times} for a CSR matrix given by its arrays (rows {@code [0, rows)}, row r in
     * {@code [ptr[r], ptr[r+1])}), such as a mini-batch built with dropout and normalization applied.
     */
    public static void times(int[] ptr, int[] cols, float[] vals, int rows, float[] w, int h, float alpha, float beta,
                             float[] out, int threads) {
        requireLength(out, (long) rows * h, "out");
        int workers = threads <= 0 ? Parallel.threads() : threads;
        Parallel.forRange(rows, Math.max(16, (rows + workers - 1) / workers), workers, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int o = r * h;
                scale(out, o, h, beta);
                for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                    axpy(alpha * vals[p], w, cols[p] * h, out, o, h);
                }
            }
        });
    }

    /** As {@link #transposeTimes} for a CSR matrix given by its arrays, with {@code items} output rows. */
    public static void transposeTimes(int[] ptr, int[] cols, float[] vals, int rows, int items, float[] dh, int h,
                                      float alpha, float beta, float[] out, int threads) {
        requireLength(out, (long) items * h, "out");
        int workers = threads <= 0 ? Parallel.threads() : threads;
        Parallel.forRange(workers, 1, workers, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                for (int i = t; i < items; i += workers) {
                    scale(out, i * h, h, beta);
                }
                for (int r = 0; r < rows; r++) {
                    for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                        int i = cols[p];
                        if (i % workers == t) {
                            axpy(alpha * vals[p], dh, r * h, out, i * h, h);
                        }
                    }
                }
            }
        });
    }

    /**
     * The lower triangle (i ≥ j) of the Gram matrix XᵀX over all users, added into the items×items row-major
     * {@code out} (so pass zeros for a fresh one); each row's columns must be ascending. Row i of G is the sum, over
     * the users who have item i, of their values at items j ≤ i times their value at i: so the rows are computed one
     * at a time from a column (item → users) view of X, and the 4·n bytes of the row being summed stay in L2 while
     * every one of its updates lands, instead of each user's outer product scattering over the whole n² matrix (a
     * cache miss per update at 20,000 items). Users are added in ascending order, as a user-by-user loop would, so
     * the result does not depend on the thread count. Rows are handed to threads in small chunks (the work per row
     * follows the item's popularity). Cost O(Σ_u deg(u)²/2) updates plus O(nnz) for the column view (two int arrays
     * of nnz); the strict upper triangle is not touched.
     */
    public static void gramLower(int[] ptr, int[] cols, float[] vals, int users, int n, float[] out, int threads) {
        requireLength(out, (long) n * n, "out");
        int workers = threads <= 0 ? Parallel.threads() : threads;
        int nnz = ptr[users];
        // The column view: for item i, the CSR positions of its entries (users ascending) and where each user's row
        // starts, so row i sums cols[start..p] for each of them.
        int[] colPtr = new int[n + 1];
        for (int p = 0; p < nnz; p++) {
            colPtr[cols[p] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            colPtr[i + 1] += colPtr[i];
        }
        int[] position = new int[nnz];
        int[] rowStart = new int[nnz];
        int[] fill = java.util.Arrays.copyOf(colPtr, n);
        for (int u = 0; u < users; u++) {
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                int slot = fill[cols[p]]++;
                position[slot] = p;
                rowStart[slot] = ptr[u];
            }
        }
        // Binary data (EASE's default) adds 1·1 = 1 exactly: the same sums without reading the values.
        boolean allOnes = allOnes(vals, nnz);
        Parallel.forRange(n, 8, workers, (from, to) -> {
            for (int i = from; i < to; i++) {
                int base = i * n;
                for (int s = colPtr[i]; s < colPtr[i + 1]; s++) {
                    int p = position[s];
                    if (allOnes) {
                        for (int q = rowStart[s]; q <= p; q++) {
                            out[base + cols[q]] += 1f;
                        }
                    } else {
                        float vi = vals[p];
                        for (int q = rowStart[s]; q <= p; q++) {
                            out[base + cols[q]] += vi * vals[q];
                        }
                    }
                }
            }
        });
    }

    private static boolean allOnes(float[] vals, int n) {
        for (int p = 0; p < n; p++) {
            if (vals[p] != 1f) {
                return false;
            }
        }
        return true;
    }

    private static void scale(float[] y, int off, int len, float beta) {
        if (beta == 0f) {
            java.util.Arrays.fill(y, off, off + len, 0f);
        } else if (beta != 1f) {
            for (int j = 0; j < len; j++) {
                y[off + j] *= beta;
            }
        }
    }

    /** y[yOff, yOff+len) += a·x[xOff, xOff+len). */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int len) {
        int j = 0;
        int bound = S.loopBound(len);
        FloatVector av = FloatVector.broadcast(S, a);
        for (; j < bound; j += S.length()) {
            FloatVector.fromArray(S, x, xOff + j).fma(av, FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
        }
        for (; j < len; j++) {
            y[yOff + j] += a * x[xOff + j];
        }
    }

    private static void requireLength(float[] a, long need, String name) {
        if (a.length < need) {
            throw new IllegalArgumentException(name + " holds " + a.length + " values, needs " + need);
        }
    }
}
