package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.recoder.data.Interactions;
import org.recoder.testing.TestData;

class RowOpsTest {
    @Test
    void softmaxFamilyOnAHandCase() {
        float[] x = {0f, (float) Math.log(3), 1000f, 1000f};
        float[] lse = new float[2];
        RowOps.logSumExp(x, 2, 2, lse);
        assertThat(lse[0]).isCloseTo((float) Math.log(4), offset(1e-6f));
        assertThat(lse[1]).isCloseTo(1000f + (float) Math.log(2), offset(1e-3f));
        float[] s = x.clone();
        RowOps.softmax(s, 2, 2);
        assertThat(s).containsExactly(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, offset(1e-6f));
        float[] ls = x.clone();
        RowOps.logSoftmax(ls, 2, 2);
        assertThat(ls[0]).isCloseTo((float) Math.log(0.25), offset(1e-6f));
        assertThat(ls[3]).isCloseTo((float) Math.log(0.5), offset(1e-4f));
    }

    @Test
    void wideRowsAgreeWithScalarFormulas() {
        int cols = 101;
        float[] x = Naive.random(3 * cols, 7);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 20;
        }
        float[] lse = new float[3];
        RowOps.logSumExp(x, 3, cols, lse);
        float[] soft = x.clone();
        RowOps.softmax(soft, 3, cols);
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[r * cols + j]);
            }
            assertThat((double) lse[r]).isCloseTo(Math.log(sum), offset(1e-4));
            for (int j = 0; j < cols; j++) {
                assertThat((double) soft[r * cols + j]).isCloseTo(Math.exp(x[r * cols + j]) / sum, offset(1e-6));
            }
        }
    }

    /** softplusSum against float64 formulas, over extreme logits and a width that leaves a scalar tail. */
    @Test
    void softplusSumAndSigmoidGradient() {
        int n = 1027;
        float[] z = new float[n];
        for (int j = 0; j < n; j++) {
            z[j] = (float) ((j - n / 2) * 0.11 + Math.sin(j));
        }
        z[0] = -100f;
        z[1] = 100f;
        z[2] = 0f;
        float[] grad = new float[n];
        double sum = RowOps.softplusSum(z, 0, n, 0.5f, grad);
        double expected = 0;
        for (int j = 0; j < n; j++) {
            double v = z[j];
            double sp = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
            expected += sp;
            double sig = 1 / (1 + Math.exp(-v));
            assertThat((double) grad[j]).as("grad[%d]", j).isCloseTo(0.5 * sig, org.assertj.core.data.Offset.offset(1e-7 + 1e-6 * sig));
        }
        assertThat(sum).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-4));
        // Offsets: the same values from the middle of a larger array.
        float[] wide = new float[n + 5];
        System.arraycopy(z, 0, wide, 5, n);
        float[] g2 = new float[n + 5];
        assertThat(RowOps.softplusSum(wide, 5, n, 0.5f, g2)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6 * sum));
    }

    @Test
    void l2Normalize() {
        float[] x = {3, 4, 0, 0};
        RowOps.l2NormalizeRows(x, 2, 2, 1e-12f);
        assertThat(x).containsExactly(new float[] {0.6f, 0.8f, 0f, 0f}, offset(1e-7f));
    }

    @Test
    void activationsAndTheirDerivativesMatchFiniteDifferences() {
        float[] x = Naive.random(37, 8);
        for (RowOps.Activation f : RowOps.Activation.values()) {
            float[] y = x.clone();
            f.apply(y, y.length);
            float[] grad = new float[x.length];
            java.util.Arrays.fill(grad, 1f);
            f.backward(y, grad, grad.length);
            for (int i = 0; i < x.length; i++) {
                double h = 1e-3;
                double fp = value(f, x[i] + h);
                double fm = value(f, x[i] - h);
                assertThat(y[i]).as(f + " value").isCloseTo((float) value(f, x[i]), offset(1e-6f));
                if (Math.abs(x[i]) > 2 * h) {
                    assertThat((double) grad[i]).as(f + " derivative").isCloseTo((fp - fm) / (2 * h), offset(1e-4));
                }
            }
        }
    }

    private static double value(RowOps.Activation f, double x) {
        return switch (f) {
            case IDENTITY -> x;
            case RELU -> Math.max(0, x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    @Test
    void topKPerRowWithExclusions() {
        Interactions seen = TestData.tiny(4, 30, 9);
        int n = seen.numItems();
        int k = 5;
        float[] scores = Naive.random(2 * n, 10);
        float[] before = scores.clone();
        int[] users = {3, 1};
        int[] out = new int[2 * k];
        int[] counts = new int[2];
        TopK.selectRows(scores, 2, n, k, seen.rowPointers(), seen.columnIndices(), users, out, counts, 0);
        assertThat(scores).containsExactly(before);
        for (int r = 0; r < 2; r++) {
            float[] masked = java.util.Arrays.copyOfRange(scores, r * n, r * n + n);
            for (int item : seen.rowItems(users[r])) {
                masked[item] = Float.NEGATIVE_INFINITY;
            }
            int[] expected = new int[k];
            int c = TopK.select(masked, k, expected);
            assertThat(counts[r]).isEqualTo(c);
            assertThat(java.util.Arrays.copyOfRange(out, r * k, r * k + c)).containsExactly(
                    java.util.Arrays.copyOf(expected, c));
        }
    }
}
