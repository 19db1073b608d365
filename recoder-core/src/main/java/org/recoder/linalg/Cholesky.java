package org.recoder.linalg;

import java.util.Locale;

/**
 * Blocked Cholesky factorization and inverse of a symmetric positive-definite matrix, in place, float32 or float64,
 * with every O(n³) step handed to {@link Sgemm} or {@link Dgemm}.
 *
 * <p>The inverse follows LAPACK's {@code potrf} + {@code potri}: (1) G = L·Lᵀ, right-looking with panel width
 * {@value #NB}: each diagonal block is factored and inverted in float64 on one thread, the panel below it is
 * L21 = A21·L11⁻ᵀ (a GEMM with the inverted block, instead of a triangular solve) and the trailing matrix takes a
 * SYRK, A22 −= L21·L21ᵀ (a lower-triangle GEMM); (2) L ← L⁻¹, bottom-up, as TRMMs with the already-inverted
 * trailing triangle; (3) G⁻¹ = L⁻ᵀ·L⁻¹, top-down, each block row one GEMM. The three phases cost n³/3 flops each,
 * n³ in all, half of what a Gauss-Jordan inverse needs. Only the lower triangle of the input is read; the output
 * is the full symmetric inverse.
 *
 * <p>Memory: the matrix itself plus an n×{@value #NB} work panel ({@link #workspaceBytes}).
 */
public final class Cholesky {
    /** Panel width: the GEMM's KC, so every trailing update is a single packed k-block. */
    public static final int NB = 256;

    /** Storage precision of the factorization. */
    public enum Precision {
        FLOAT32(4), FLOAT64(8);

        private final int bytes;

        Precision(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    private Cholesky() {
    }

    /** The largest n whose n×n matrix fits one Java array. */
    public static final int MAX_ORDER = 46_340;

    /** Bytes of the n×n matrix in the given precision. */
    public static long matrixBytes(int n, Precision precision) {
        return (long) n * n * precision.bytes();
    }

    /** Bytes of work space the inverse allocates beside the matrix (work panels and packing buffers). */
    public static long workspaceBytes(int n, Precision precision) {
        long panels = 2L * n * NB + 4L * NB * NB;
        return panels * precision.bytes() + 16L * (NB * NB) * 8;
    }

    /**
     * Fails with a message naming the sizes when {@code extraBytes} plus the workspace does not fit what the heap can
     * still give; call it before allocating the matrix.
     */
    public static void checkHeap(String what, int n, Precision precision, long extraBytes) {
        if (n > MAX_ORDER) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %,d×%,d does not fit one Java array (at most %,d rows)", what, n, n, MAX_ORDER));
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long need = extraBytes + workspaceBytes(n, precision);
        if (need > free) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s needs %.2f GB (%,d×%,d %s) but the heap has %.2f GB left of -Xmx %.2f GB; "
                            + "raise the heap, e.g. JAVA_OPTS=-Xmx%dg", what, need / 1e9, n, n,
                    precision.name().toLowerCase(Locale.ROOT), free / 1e9, rt.maxMemory() / 1e9,
                    (long) Math.ceil((need + (rt.maxMemory() - free)) * 1.3 / (1L << 30))));
        }
    }

    /** Overwrites the lower triangle of the n×n row-major {@code a} with L (G = L·Lᵀ) and zeroes the upper. */
    public static void factor(float[] a, int n) {
        new FloatOps(a, n, 0).factor();
    }

    /** As {@link #factor(float[], int)} in float64. */
    public static void factor(double[] a, int n) {
        new DoubleOps(a, n, 0).factor();
    }

    /** Replaces the SPD n×n row-major {@code a} (lower triangle read) by its full symmetric inverse. */
    public static void invert(float[] a, int n) {
        invert(a, n, 0);
    }

    /** As {@link #invert(float[], int)} on {@code threads} workers of the shared pool (0 = all). */
    public static void invert(float[] a, int n, int threads) {
        FloatOps ops = new FloatOps(a, n, threads);
        ops.factor();
        ops.invertFactor();
        ops.multiplyTransposeInverse();
        ops.mirrorLower();
    }

    /** As {@link #invert(float[], int)} in float64. */
    public static void invert(double[] a, int n) {
        invert(a, n, 0);
    }

    /** As {@link #invert(double[], int)} on {@code threads} workers of the shared pool (0 = all). */
    public static void invert(double[] a, int n, int threads) {
        DoubleOps ops = new DoubleOps(a, n, threads);
        ops.factor();
        ops.invertFactor();
        ops.multiplyTransposeInverse();
        ops.mirrorLower();
    }

    /** Copies the lower triangle of the n×n row-major {@code a} onto the upper one, in cache-sized tiles. */
    public static void mirrorLower(float[] a, int n, int threads) {
        org.recoder.util.Parallel.forRange((n + 63) / 64, 4, threads <= 0 ? org.recoder.util.Parallel.threads() : threads,
                (from, to) -> {
                    for (int ib = from * 64; ib < Math.min(n, to * 64); ib += 64) {
                        for (int jb = 0; jb <= ib; jb += 64) {
                            for (int i = ib; i < Math.min(n, ib + 64); i++) {
                                for (int j = jb; j < Math.min(i, jb + 64); j++) {
                                    a[j * n + i] = a[i * n + j];
                                }
                            }
                        }
                    }
                });
    }

    /** As {@link #mirrorLower(float[], int, int)} for float64. */
    public static void mirrorLower(double[] a, int n, int threads) {
        org.recoder.util.Parallel.forRange((n + 63) / 64, 4, threads <= 0 ? org.recoder.util.Parallel.threads() : threads,
                (from, to) -> {
                    for (int ib = from * 64; ib < Math.min(n, to * 64); ib += 64) {
                        for (int jb = 0; jb <= ib; jb += 64) {
                            for (int i = ib; i < Math.min(n, ib + 64); i++) {
                                for (int j = jb; j < Math.min(i, jb + 64); j++) {
                                    a[j * n + i] = a[i * n + j];
                                }
                            }
                        }
                    }
                });
    }

    /**
     * The blocked driver, written once over the storage type; subclasses supply GEMM and block moves for
     * {@code float[]} and {@code double[]}.
     */
    private abstract static class Driver<A> {
        final A a;
        final int n;
        final A panel;
        final A small;
        final double[] block = new double[NB * NB];
        final int threads;

        Driver(A a, int n, A panel, A small, int threads) {
            if (n < 0 || (long) n * n > java.lang.reflect.Array.getLength(a)) {
                throw new IllegalArgumentException("array too short for " + n + "×" + n);
            }
            this.a = a;
            this.n = n;
            this.panel = panel;
            this.small = small;
            this.threads = threads;
        }

        abstract void gemm(Sgemm.Shape shape, boolean transA, boolean transB, int m, int nn, int k, double alpha,
                           A x, int xOff, int ldx, A y, int yOff, int ldy, double beta, A c, int cOff, int ldc);

        /** Copies rows×cols at {@code off} (leading dimension ld) to a compact double block. */
        abstract void read(A src, int off, int ld, int rows, int cols, double[] dst);

        /** Copies a compact rows×cols double block to {@code off} (leading dimension ld). */
        abstract void write(double[] src, int rows, int cols, A dst, int off, int ld);

        abstract void zeroStrictUpper();

        abstract void mirrorLower();

        void factor() {
            for (int j = 0; j < n; j += NB) {
                int jb = Math.min(NB, n - j);
                int diag = j * n + j;
                read(a, diag, n, jb, jb, block);
                choleskyUnblocked(block, jb, j);
                write(block, jb, jb, a, diag, n);
                int m = n - j - jb;
                if (m == 0) {
                    continue;
                }
                int below = (j + jb) * n + j;
                invertLowerUnblocked(block, jb);
                write(block, jb, jb, small, 0, jb);
                for (int r = 0; r < m; r++) {
                    System.arraycopy(a, below + r * n, panel, r * jb, jb);
                }
                // L21 = A21·L11⁻ᵀ, then the trailing SYRK on the lower triangle only.
                gemm(Sgemm.Shape.FULL, false, true, m, jb, jb, 1, panel, 0, jb, small, 0, jb, 0, a, below, n);
                gemm(Sgemm.Shape.LOWER_C, false, true, m, m, jb, -1, a, below, n, a, below, n, 1, a, below + jb, n);
            }
            zeroStrictUpper();
        }

        /** L ← L⁻¹ on the factor, keeping the strict upper triangle zero. */
        void invertFactor() {
            for (int j = (n - 1) / NB * NB; j >= 0; j -= NB) {
                int jb = Math.min(NB, n - j);
                int diag = j * n + j;
                read(a, diag, n, jb, jb, block);
                invertLowerUnblocked(block, jb);
                int m = n - j - jb;
                if (m > 0) {
                    int below = (j + jb) * n + j;
                    int trailing = (j + jb) * n + j + jb;
                    // L21 ← −L22⁻¹·L21·L11⁻¹ with L22⁻¹ already in place.
                    gemm(Sgemm.Shape.LOWER_A, false, false, m, jb, m, 1, a, trailing, n, a, below, n, 0, panel, 0, jb);
                    write(block, jb, jb, small, 0, jb);
                    gemm(Sgemm.Shape.FULL, false, false, m, jb, jb, -1, panel, 0, jb, small, 0, jb, 0, a, below, n);
                }
                write(block, jb, jb, a, diag, n);
            }
        }

        /** With L⁻¹ in the lower triangle (zero above), overwrites the lower triangle with L⁻ᵀ·L⁻¹. */
        void multiplyTransposeInverse() {
            for (int i = 0; i < n; i += NB) {
                int ib = Math.min(NB, n - i);
                int k = n - i;
                int col = i * n + i;
                if (i > 0) {
                    // Row block i of the product: M[i:, i:i+ib]ᵀ·M[i:, 0:i]; M's zero upper triangle makes the
                    // diagonal block's part of the sum exact.
                    gemm(Sgemm.Shape.FULL, true, false, ib, i, k, 1, a, col, n, a, i * n, n, 0, panel, 0, i);
                    for (int r = 0; r < ib; r++) {
                        System.arraycopy(panel, r * i, a, (i + r) * n, i);
                    }
                }
                gemm(Sgemm.Shape.LOWER_C, true, false, ib, ib, k, 1, a, col, n, a, col, n, 0, small, 0, ib);
                read(small, 0, ib, ib, ib, block);
                for (int r = 0; r < ib; r++) {
                    for (int c = r + 1; c < ib; c++) {
                        block[r * ib + c] = 0;
                    }
                }
                write(block, ib, ib, a, col, n);
            }
        }
    }

    /** In-place Cholesky of a compact jb×jb double block (lower), zeroing its upper part. */
    static void choleskyUnblocked(double[] d, int jb, int rowOffset) {
        for (int j = 0; j < jb; j++) {
            int rj = j * jb;
            double s = d[rj + j];
            for (int k = 0; k < j; k++) {
                s -= d[rj + k] * d[rj + k];
            }
            if (!(s > 0)) {
                throw new NotPositiveDefiniteException(rowOffset + j, s);
            }
            double l = Math.sqrt(s);
            d[rj + j] = l;
            for (int i = j + 1; i < jb; i++) {
                int ri = i * jb;
                double t = d[ri + j];
                for (int k = 0; k < j; k++) {
                    t -= d[ri + k] * d[rj + k];
                }
                d[ri + j] = t / l;
            }
            for (int c = j + 1; c < jb; c++) {
                d[rj + c] = 0;
            }
        }
    }

    /** In-place inverse of a compact lower-triangular jb×jb double block (upper part stays zero). */
    static void invertLowerUnblocked(double[] d, int jb) {
        // Column by column from the right: column j of the inverse depends on rows > j of columns > j.
        for (int j = jb - 1; j >= 0; j--) {
            double inv = 1 / d[j * jb + j];
            d[j * jb + j] = inv;
            // x_i = −(Σ_{j<k≤i} (L⁻¹)_{ik} L_{kj}) / L_jj for i > j, with rows > j already holding L⁻¹.
            for (int i = jb - 1; i > j; i--) {
                double s = 0;
                for (int k = j + 1; k <= i; k++) {
                    s += d[i * jb + k] * d[k * jb + j];
                }
                d[i * jb + j] = -s * inv;
            }
        }
    }

    private static final class FloatOps extends Driver<float[]> {
        FloatOps(float[] a, int n, int threads) {
            super(a, n, new float[Math.max(1, n) * NB], new float[NB * NB], threads);
        }

        @Override
        void gemm(Sgemm.Shape shape, boolean transA, boolean transB, int m, int nn, int k, double alpha,
                  float[] x, int xOff, int ldx, float[] y, int yOff, int ldy, double beta, float[] c, int cOff, int ldc) {
            Sgemm.gemm(shape, transA, transB, m, nn, k, (float) alpha, x, xOff, ldx, y, yOff, ldy, (float) beta, c, cOff,
                    ldc, threads);
        }

        @Override
        void read(float[] src, int off, int ld, int rows, int cols, double[] dst) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    dst[r * cols + c] = src[off + r * ld + c];
                }
            }
        }

        @Override
        void write(double[] src, int rows, int cols, float[] dst, int off, int ld) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    dst[off + r * ld + c] = (float) src[r * cols + c];
                }
            }
        }

        @Override
        void zeroStrictUpper() {
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0f);
            }
        }

        @Override
        void mirrorLower() {
            Cholesky.mirrorLower(a, n, threads);
        }
    }

    private static final class DoubleOps extends Driver<double[]> {
        DoubleOps(double[] a, int n, int threads) {
            super(a, n, new double[Math.max(1, n) * NB], new double[NB * NB], threads);
        }

        @Override
        void gemm(Sgemm.Shape shape, boolean transA, boolean transB, int m, int nn, int k, double alpha,
                  double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, double beta, double[] c, int cOff,
                  int ldc) {
            Dgemm.gemm(shape, transA, transB, m, nn, k, alpha, x, xOff, ldx, y, yOff, ldy, beta, c, cOff, ldc, threads);
        }

        @Override
        void read(double[] src, int off, int ld, int rows, int cols, double[] dst) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, off + r * ld, dst, r * cols, cols);
            }
        }

        @Override
        void write(double[] src, int rows, int cols, double[] dst, int off, int ld) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, r * cols, dst, off + r * ld, cols);
            }
        }

        @Override
        void zeroStrictUpper() {
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(a, i * n + i + 1, i * n + n, 0d);
            }
        }

        @Override
        void mirrorLower() {
            Cholesky.mirrorLower(a, n, threads);
        }
    }
}
