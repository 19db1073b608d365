package org.recoder.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recoder.linalg.Sgemm;

class DenseTest {
    private static Dense layer(int in, int out) {
        Dense d = new Dense("out", in, out);
        SplittableRandom rng = new SplittableRandom(3);
        float[] w = d.weight().value();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        float[] b = d.bias().value();
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        return d;
    }

    @Test
    void frozenLayerGivesTheSameOutputsForSmallAndLargeBatches() {
        int in = 37;
        int out = 301;
        Dense d = layer(in, out);
        SplittableRandom rng = new SplittableRandom(4);
        for (int batch = 1; batch <= Sgemm.DOT_ROWS + 3; batch++) {
            float[] x = new float[batch * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] before = new float[batch * out];
            new Dense(ParamSource.of(java.util.Map.of("out.weight", d.weight().value(), "out.bias", d.bias().value())), "out", in, out)
                    .forward(x, batch, before, 1);
            d.freezeForInference();
            float[] after = new float[batch * out];
            d.forward(x, batch, after, 1);
            for (int i = 0; i < after.length; i++) {
                assertThat(after[i]).as("batch %d, element %d", batch, i).isCloseTo(before[i],
                        org.assertj.core.data.Offset.offset(1e-4f * Math.max(1f, Math.abs(before[i]))));
            }
        }
    }

    @Test
    void aFrozenLayersRowDoesNotDependOnItsBatch() {
        int in = 41;
        int out = 77;
        Dense d = layer(in, out);
        d.freezeForInference();
        int batch = 13;
        float[] x = new float[batch * in];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] all = new float[batch * out];
        d.forward(x, batch, all, 1);
        for (int r = 0; r < batch; r++) {
            float[] one = new float[out];
            d.forward(java.util.Arrays.copyOfRange(x, r * in, (r + 1) * in), 1, one, 1);
            assertThat(java.util.Arrays.copyOfRange(all, r * out, (r + 1) * out)).as("row %d", r).containsExactly(one);
        }
    }

    @Test
    void aFrozenLayerRefusesToTrain() {
        Dense d = layer(4, 5);
        d.freezeForInference();
        assertThatThrownBy(() -> d.backward(new float[4], new float[5], 1, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("frozen");
    }
}
