package org.recoder.linalg;

import java.util.SplittableRandom;

/** Straightforward reference implementations, in float64, for the kernel tests. */
final class Naive {
    private Naive() {
    }

    static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** C = alpha·op(A)·op(B) + beta·C with the same storage conventions as Sgemm, accumulated in double. */
    static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, double beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                int at = cOff + i * ldc + j;
                c[at] = (float) (alpha * s + (beta == 0 ? 0 : beta * c[at]));
            }
        }
    }

    /** A random SPD matrix XᵀX/rows + shift·I of order n, compact row-major, as double. */
    static double[] spd(int n, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = n + 5;
        double[] x = new double[rows * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 2 - 1;
        }
        double[] g = new double[n * n];
        for (int u = 0; u < rows; u++) {
            for (int i = 0; i < n; i++) {
                double xi = x[u * n + i];
                for (int j = 0; j < n; j++) {
                    g[i * n + j] += xi * x[u * n + j] / rows;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += shift;
        }
        return g;
    }

    /** Gauss-Jordan inverse with partial pivoting, in double. */
    static double[] inverse(double[] g, int n) {
        double[] a = g.clone();
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) {
                    p = r;
                }
            }
            swapRows(a, n, c, p);
            swapRows(inv, n, c, p);
            double d = a[c * n + c];
            for (int j = 0; j < n; j++) {
                a[c * n + j] /= d;
                inv[c * n + j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r * n + c];
                    if (f != 0) {
                        for (int j = 0; j < n; j++) {
                            a[r * n + j] -= f * a[c * n + j];
                            inv[r * n + j] -= f * inv[c * n + j];
                        }
                    }
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int n, int i, int j) {
        if (i == j) {
            return;
        }
        for (int c = 0; c < n; c++) {
            double t = a[i * n + c];
            a[i * n + c] = a[j * n + c];
            a[j * n + c] = t;
        }
    }
}
