package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CholeskyTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 17, 255, 256, 257, 600, 1023})
    void inverseMatchesReferenceInBothPrecisions(int n) {
        double[] g = Naive.spd(n, 0.5, n);
        double[] expected = Naive.inverse(g, n);
        double[] d = g.clone();
        Cholesky.invert(d, n);
        float[] f = new float[n * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) g[i];
        }
        Cholesky.invert(f, n);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worstD = 0;
        double worstF = 0;
        for (int i = 0; i < expected.length; i++) {
            worstD = Math.max(worstD, Math.abs(d[i] - expected[i]));
            worstF = Math.max(worstF, Math.abs(f[i] - expected[i]));
        }
        assertThat(worstD / scale).as("float64 relative error").isLessThan(1e-10);
        assertThat(worstF / scale).as("float32 relative error").isLessThan(2e-5);
        // Symmetric output.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(f[j * n + i]).isEqualTo(f[i * n + j]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 300, 700})
    void factorReproducesTheMatrix(int n) {
        double[] g = Naive.spd(n, 0.1, 42 + n);
        double[] l = g.clone();
        Cholesky.factor(l, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += l[i * n + k] * l[j * n + k];
                }
                assertThat(s).isCloseTo(g[i * n + j], org.assertj.core.data.Offset.offset(1e-10));
                if (j > i) {
                    assertThat(l[i * n + j]).isZero();
                }
            }
        }
    }

    @Test
    void lowerTriangleOnlyIsRead() {
        int n = 300;
        double[] g = Naive.spd(n, 1, 5);
        double[] expected = Naive.inverse(g, n);
        double[] junkAbove = g.clone();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                junkAbove[i * n + j] = 1e6;
            }
        }
        Cholesky.invert(junkAbove, n);
        for (int i = 0; i < expected.length; i++) {
            assertThat(junkAbove[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void indefiniteMatrixNamesTheRow() {
        int n = 400;
        double[] g = Naive.spd(n, 1, 6);
        g[300 * n + 300] = -5;
        assertThatThrownBy(() -> Cholesky.invert(g, n)).isInstanceOf(NotPositiveDefiniteException.class)
                .hasMessageContaining("row 300");
    }

    @Test
    void heapCheckExplainsWhatIsMissing() {
        assertThatThrownBy(() -> Cholesky.checkHeap("EASE", 40_000, Cholesky.Precision.FLOAT64, Long.MAX_VALUE / 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EASE needs").hasMessageContaining("-Xmx");
        assertThatThrownBy(() -> Cholesky.checkHeap("EASE", 50_000, Cholesky.Precision.FLOAT32, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one Java array");
    }
}
