package org.recoder.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.recoder.data.Interactions;
import org.recoder.testing.TestData;

/**
 * Every op's backward pass against central finite differences of a scalar objective. The objective is a fixed
 * random linear functional of the op's output, L = Σ c·y, so ∂L/∂y = c is fed to backward.
 */
class GradientCheckTest {
    private static final double H = 1e-2;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    private static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Central difference of {@code f} in coordinate i of {@code x}. */
    private static double numeric(float[] x, int i, DoubleSupplier f) {
        float keep = x[i];
        x[i] = (float) (keep + H);
        double up = f.getAsDouble();
        x[i] = (float) (keep - H);
        double down = f.getAsDouble();
        x[i] = keep;
        return (up - down) / (2 * H);
    }

    private static void assertGradient(double analytic, double numeric, String what) {
        assertThat(analytic).as(what).isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 * Math.max(1, Math.abs(numeric))));
    }

    @Test
    void denseLayer() {
        int batch = 3;
        Dense d = new Dense("d", 5, 4);
        Init.xavierUniform(d.weight(), new SplittableRandom(1));
        System.arraycopy(random(4, 2), 0, d.bias().value(), 0, 4);
        float[] x = random(batch * 5, 3);
        float[] c = random(batch * 4, 4);
        float[] y = new float[batch * 4];
        DoubleSupplier loss = () -> {
            d.forward(x, batch, y);
            return dot(c, y, y.length);
        };
        loss.getAsDouble();
        float[] dx = new float[batch * 5];
        d.backward(c, batch, dx);
        for (int i = 0; i < x.length; i++) {
            assertGradient(dx[i], numeric(x, i, loss), "dx" + i);
        }
        for (int i = 0; i < d.weight().value().length; i++) {
            assertGradient(d.weight().grad()[i], numeric(d.weight().value(), i, loss), "dW" + i);
        }
        for (int i = 0; i < 4; i++) {
            assertGradient(d.bias().grad()[i], numeric(d.bias().value(), i, loss), "db" + i);
        }
    }

    @Test
    void sparseInputLayer() {
        Interactions data = TestData.tiny(20, 15, 5);
        SparseBatch b = new SparseBatch();
        b.load(data, new int[] {3, 7, 11}, 0, 3, true, 0f, null);
        SparseDenseLayer layer = new SparseDenseLayer("s", data.numItems(), 4);
        Init.xavierUniform(layer.weight(), new SplittableRandom(6));
        float[] c = random(3 * 4, 7);
        float[] y = new float[3 * 4];
        DoubleSupplier loss = () -> {
            layer.forward(b, y);
            return dot(c, y, y.length);
        };
        loss.getAsDouble();
        layer.backward(c);
        for (int i = 0; i < layer.weight().value().length; i++) {
            assertGradient(layer.weight().grad()[i], numeric(layer.weight().value(), i, loss), "dW" + i);
        }
        for (int i = 0; i < 4; i++) {
            assertGradient(layer.bias().grad()[i], numeric(layer.bias().value(), i, loss), "db" + i);
        }
    }

    @Test
    void multinomialLikelihood() {
        Interactions data = TestData.tiny(20, 15, 8);
        int n = data.numItems();
        SparseBatch b = new SparseBatch();
        b.load(data, new int[] {1, 2}, 0, 2, false, 0f, null);
        float[] logits = random(2 * n, 9);
        float[] grad = new float[2 * n];
        Losses.multinomial(logits, 2, n, b, grad);
        float[] scratch = new float[2 * n];
        for (int i = 0; i < logits.length; i++) {
            assertGradient(grad[i], numeric(logits, i, () -> Losses.multinomial(logits, 2, n, b, scratch)), "dlogit" + i);
        }
    }

    @Test
    void multinomialLikelihoodOnAHandCase() {
        // One user, items {0, 2} with value 1 over 3 items, logits 0: loss = −2·log(1/3).
        SparseBatch b = new SparseBatch();
        b.loadHistory(new int[] {0, 2}, new float[] {1f, 1f}, false);
        float[] g = new float[3];
        double loss = Losses.multinomial(new float[3], 1, 3, b, g);
        assertThat(loss).isCloseTo(2 * Math.log(3), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g).containsExactly(new float[] {2f / 3 - 1, 2f / 3, 2f / 3 - 1}, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void gaussianKl() {
        int batch = 2;
        int d = 3;
        float[] mu = random(batch * d, 10);
        float[] logVar = random(batch * d, 11);
        float[] dMu = new float[batch * d];
        float[] dLv = new float[batch * d];
        Losses.gaussianKl(mu, logVar, batch, d, 0.7f, dMu, dLv);
        float[] s1 = new float[batch * d];
        float[] s2 = new float[batch * d];
        for (int i = 0; i < mu.length; i++) {
            assertGradient(dMu[i] / 0.7, numeric(mu, i, () -> Losses.gaussianKl(mu, logVar, batch, d, 0f, s1, s2)), "dmu" + i);
            assertGradient(dLv[i] / 0.7, numeric(logVar, i, () -> Losses.gaussianKl(mu, logVar, batch, d, 0f, s1, s2)), "dlv" + i);
        }
        // KL of the standard normal with itself is 0.
        assertThat(Losses.gaussianKl(new float[4], new float[4], 2, 2, 1f, new float[4], new float[4])).isZero();
    }

    @Test
    void adamMovesAgainstTheGradientByTheLearningRate() {
        Param p = new Param("p.weight", 1, 2);
        p.grad()[0] = 3f;
        p.grad()[1] = -0.5f;
        new Adam(java.util.List.of(p), 0.01f, 0f).step();
        // First Adam step: −lr·sign(g) (bias-corrected m/√v = g/|g|).
        assertThat(p.value()).containsExactly(new float[] {-0.01f, 0.01f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(p.grad()).containsExactly(0f, 0f);
    }
}
