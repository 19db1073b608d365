package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SgemmTest {
    static Stream<Arguments> shapes() {
        int[][] dims = {{1, 1, 1}, {7, 7, 7}, {17, 17, 17}, {1, 33, 5}, {9, 1, 300}, {130, 70, 257},
                {33, 1023, 17}, {1023, 17, 33}, {300, 600, 129}, {8, 64, 256},
                // The unpacked dot path for few rows and B transposed: partial row groups, several column blocks, and
                // enough flops to split across threads.
                {5, 2 * 256 + 9, 37}, {3, 300, 600}, {6, 5000, 100}};
        List<Arguments> out = new ArrayList<>();
        for (int[] d : dims) {
            for (int layout = 0; layout < 4; layout++) {
                out.add(Arguments.of(d[0], d[1], d[2], (layout & 1) != 0, (layout & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void matchesNaiveWithOffsetsAlphaBeta(int m, int n, int k, boolean ta, boolean tb) {
        int pad = 3;
        int lda = (ta ? m : k) + pad;
        int ldb = (tb ? k : n) + pad;
        int ldc = n + pad;
        float[] a = Naive.random(5 + (ta ? k : m) * lda, 1);
        float[] b = Naive.random(7 + (tb ? n : k) * ldb, 2);
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            float[] c = Naive.random(11 + m * ldc, 3);
            float[] expected = c.clone();
            Naive.gemm(ta, tb, m, n, k, 1.5, a, 5, lda, b, 7, ldb, beta, expected, 11, ldc);
            Sgemm.gemm(ta, tb, m, n, k, 1.5f, a, 5, lda, b, 7, ldb, beta, c, 11, ldc, 0);
            assertClose(c, expected, k);
            float[] single = Naive.random(11 + m * ldc, 3);
            Sgemm.gemm(ta, tb, m, n, k, 1.5f, a, 5, lda, b, 7, ldb, beta, single, 11, ldc, 1);
            assertClose(single, c, k);
        }
    }

    @Test
    void largeShapesCrossEveryBlockBoundary() {
        // k over two k-blocks, m over several row blocks, n over two column panels.
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("recoder.test.fallback"),
                "too slow without C2");
        int m = 203;
        int n = Sgemm.NC + 2 * Sgemm.NR + 5;
        int k = 2 * Sgemm.KC + 37;
        for (int layout = 0; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            float[] a = Naive.random(m * k, 20 + layout);
            float[] b = Naive.random(k * n, 30 + layout);
            float[] c = Naive.random(m * n, 40);
            float[] expected = c.clone();
            Naive.gemm(ta, tb, m, n, k, 0.75, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5, expected, 0, n);
            Sgemm.gemm(ta, tb, m, n, k, 0.75f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5f, c, 0, n, 0);
            assertClose(c, expected, k);
        }
    }

    /**
     * Each layout is only a different packing loop (the transposing ones by vector shuffles over full blocks, one by
     * one at the edges), so the four layouts of the same operands must give the same bits, not just close values.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @org.junit.jupiter.params.provider.CsvSource({"9,9,9", "13,35,17", "64,40,100", "203,131,1589"})
    void everyLayoutPacksTheSameBits(int m, int n, int k) {
        float[] a = Naive.random(m * k, 61);
        float[] b = Naive.random(k * n, 62);
        float[] aT = transposed(a, m, k);
        float[] bT = transposed(b, k, n);
        float[] reference = new float[m * n];
        Sgemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, reference, 0, n, 1);
        for (int layout = 1; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            float[] c = new float[m * n];
            Sgemm.gemm(ta, tb, m, n, k, 1f, ta ? aT : a, 0, ta ? m : k, tb ? bT : b, 0, tb ? k : n, 0f, c, 0, n, 1);
            assertThat(c).as("transA=%s transB=%s", ta, tb).isEqualTo(reference);
        }
    }

    private static float[] transposed(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void betaZeroIgnoresGarbageInC() {
        int m = 19;
        int n = 45;
        int k = 13;
        float[] a = Naive.random(m * k, 4);
        float[] b = Naive.random(k * n, 5);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        Sgemm.ab(m, n, k, 1f, a, b, 0f, c);
        float[] expected = new float[m * n];
        Naive.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, expected, 0, n);
        assertClose(c, expected, k);
    }

    @Test
    void betaZeroIgnoresGarbageInCOnTheDotPath() {
        int m = Sgemm.DOT_ROWS - 1;
        int n = 45;
        int k = 29;
        float[] a = Naive.random(m * k, 4);
        float[] b = Naive.random(n * k, 5);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        Sgemm.abT(m, n, k, 1f, a, b, 0f, c);
        float[] expected = new float[m * n];
        Naive.gemm(false, true, m, n, k, 1, a, 0, k, b, 0, k, 0, expected, 0, n);
        assertClose(c, expected, k);
    }

    @Test
    void emptyInnerDimensionScalesC() {
        float[] c = {1, 2, 3, 4};
        Sgemm.gemm(false, false, 2, 2, 0, 1f, new float[1], 0, 1, new float[2], 0, 2, 2f, c, 0, 2, 0);
        assertThat(c).containsExactly(2, 4, 6, 8);
    }

    @Test
    void lowerTriangleOfCOnly() {
        int n = 301;
        int k = 77;
        float[] a = Naive.random(n * k, 6);
        float[] c = Naive.random(n * n, 7);
        float[] expected = c.clone();
        Naive.gemm(false, true, n, n, k, -1, a, 0, k, a, 0, k, 1, expected, 0, n);
        float[] before = c.clone();
        Sgemm.gemm(Sgemm.Shape.LOWER_C, false, true, n, n, k, -1f, a, 0, k, a, 0, k, 1f, c, 0, n, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                assertThat(c[i * n + j]).isCloseTo(expected[i * n + j], org.assertj.core.data.Offset.offset(1e-4f * k));
            }
            // Far above the diagonal nothing is touched.
            for (int j = i + 2 * Sgemm.NR + Sgemm.MR; j < n; j++) {
                assertThat(c[i * n + j]).isEqualTo(before[i * n + j]);
            }
        }
    }

    @Test
    void lowerTriangularA() {
        for (int n : new int[] {1, 7, 17, 300, 1023}) {
            int cols = 37;
            float[] t = Naive.random(n * n, 8);
            float[] masked = t.clone();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    masked[i * n + j] = 0f;
                }
            }
            float[] p = Naive.random(n * cols, 9);
            float[] expected = new float[n * cols];
            Naive.gemm(false, false, n, cols, n, 1, masked, 0, n, p, 0, cols, 0, expected, 0, cols);
            float[] c = Naive.random(n * cols, 10);
            Sgemm.gemm(Sgemm.Shape.LOWER_A, false, false, n, cols, n, 1f, t, 0, n, p, 0, cols, 0f, c, 0, cols, 0);
            assertClose(c, expected, n);
        }
    }

    @Test
    void rejectsBadLeadingDimensions() {
        assertThatThrownBy(() -> Sgemm.gemm(false, false, 2, 3, 4, 1f, new float[8], 0, 3, new float[12], 0, 3, 0f,
                new float[6], 0, 3, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lda");
    }

    @Test
    void doublePrecisionTwinMatches() {
        int m = 67;
        int n = 129;
        int k = 300;
        float[] a = Naive.random(k * m, 11);
        float[] b = Naive.random(k * n, 12);
        double[] ad = new double[a.length];
        double[] bd = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            ad[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            bd[i] = b[i];
        }
        float[] expected = new float[m * n];
        Naive.gemm(true, false, m, n, k, 1, a, 0, m, b, 0, n, 0, expected, 0, n);
        double[] c = new double[m * n];
        Dgemm.gemm(true, false, m, n, k, 1, ad, 0, m, bd, 0, n, 0, c, 0, n, 0);
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    static void assertClose(float[] actual, float[] expected, int k) {
        float tol = 2e-6f * Math.max(1, k) + 1e-6f;
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > tol * Math.max(1f, Math.abs(expected[i]))) {
                throw new AssertionError("element " + i + ": " + actual[i] + " vs " + expected[i] + " (k=" + k + ")");
            }
        }
    }
}
