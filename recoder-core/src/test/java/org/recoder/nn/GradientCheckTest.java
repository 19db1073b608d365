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
        d.backward(x, c, batch, dx);
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

    /**
     * Two GRU steps chained (BPTT through the hidden state): h1 = cell(x1, h0), h2 = cell(x2, h1), L = Σ c·h2. The
     * gradients of x1, x2, h0 and every weight and bias of both products.
     */
    @Test
    void gruCellThroughTwoSteps() {
        int batch = 2, in = 3, hidden = 4;
        GruCell cell = new GruCell("g", in, hidden);
        cell.initialize(new SplittableRandom(11));
        // Non-zero biases, so that their gradients are checked away from the initial point.
        System.arraycopy(random(3 * hidden, 12), 0, cell.input().bias().value(), 0, 3 * hidden);
        System.arraycopy(random(3 * hidden, 13), 0, cell.recurrent().bias().value(), 0, 3 * hidden);
        float[] x1 = random(batch * in, 14);
        float[] x2 = random(batch * in, 15);
        float[] h0 = random(batch * hidden, 16);
        float[] c = random(batch * hidden, 17);
        float[] h1 = new float[batch * hidden];
        float[] h2 = new float[batch * hidden];
        float[] cache1 = new float[cell.cacheSize(batch)];
        float[] cache2 = new float[cell.cacheSize(batch)];
        DoubleSupplier loss = () -> {
            cell.forward(x1, h0, batch, h1, cache1, 1);
            cell.forward(x2, h1, batch, h2, cache2, 1);
            return dot(c, h2, h2.length);
        };
        loss.getAsDouble();
        float[] dx2 = new float[batch * in];
        float[] dh1 = new float[batch * hidden];
        cell.backward(x2, h1, cache2, c, batch, dx2, dh1);
        float[] dx1 = new float[batch * in];
        float[] dh0 = new float[batch * hidden];
        cell.backward(x1, h0, cache1, dh1, batch, dx1, dh0);
        for (int i = 0; i < x1.length; i++) {
            assertGradient(dx1[i], numeric(x1, i, loss), "dx1 " + i);
            assertGradient(dx2[i], numeric(x2, i, loss), "dx2 " + i);
        }
        for (int i = 0; i < h0.length; i++) {
            assertGradient(dh0[i], numeric(h0, i, loss), "dh0 " + i);
        }
        for (Dense d : new Dense[] {cell.input(), cell.recurrent()}) {
            for (Param p : new Param[] {d.weight(), d.bias()}) {
                for (int i = 0; i < p.value().length; i++) {
                    assertGradient(p.grad()[i], numeric(p.value(), i, loss), p.name() + " " + i);
                }
            }
        }
        // The gate equations by hand for one unit of one row: h' = (1 − z)·n + z·h.
        float[] gx = new float[batch * 3 * hidden];
        float[] gh = new float[batch * 3 * hidden];
        cell.input().forward(x1, batch, gx, 1);
        cell.recurrent().forward(h0, batch, gh, 1);
        double r = 1 / (1 + Math.exp(-(gx[1] + gh[1])));
        double z = 1 / (1 + Math.exp(-(gx[hidden + 1] + gh[hidden + 1])));
        double n = Math.tanh(gx[2 * hidden + 1] + r * gh[2 * hidden + 1]);
        cell.forward(x1, h0, batch, h1, null, 1);
        assertThat((double) h1[1]).isCloseTo((1 - z) * n + z * h0[1], org.assertj.core.data.Offset.offset(1e-6));
    }

    /**
     * The one-hot GRU layer (GRU4Rec's GRUEmbedding), two steps chained: rows of items 2 and 0 then 2 and 2 (an item
     * fed twice accumulates into its row); the gradients of h0, of every row of the item table (rows 1 and 3 never fed
     * stay zero) and of the dense weights. A hand computation checks one unit of the Theano-form equations.
     */
    @Test
    void oneHotGruCellThroughTwoSteps() {
        int batch = 2, items = 4, hidden = 3;
        OneHotGruCell cell = new OneHotGruCell(ParamSource.fresh(), "g", items, hidden);
        cell.initialize(new SplittableRandom(21));
        System.arraycopy(random(3 * hidden, 22), 0, cell.denseParams().get(0).value(), 0, 3 * hidden);
        int[] step1 = {2, 0};
        int[] step2 = {2, 2};
        float[] h0 = random(batch * hidden, 23);
        float[] c = random(batch * hidden, 24);
        float[] h1 = new float[batch * hidden];
        float[] h2 = new float[batch * hidden];
        float[] cache1 = new float[cell.cacheSize(batch)];
        float[] cache2 = new float[cell.cacheSize(batch)];
        OneHotGruCell.Scratch work = cell.scratch(batch);
        DoubleSupplier loss = () -> {
            cell.forward(step1, h0, batch, h1, cache1, 1, work);
            cell.forward(step2, h1, batch, h2, cache2, 1, work);
            return dot(c, h2, h2.length);
        };
        loss.getAsDouble();
        float[] dh1 = new float[batch * hidden];
        float[] dh0 = new float[batch * hidden];
        cell.backward(step2, h1, cache2, c, batch, dh1, work);
        cell.backward(step1, h0, cache1, dh1, batch, dh0, work);
        for (int i = 0; i < h0.length; i++) {
            assertGradient(dh0[i], numeric(h0, i, loss), "dh0 " + i);
        }
        java.util.List<Param> all = new java.util.ArrayList<>(cell.denseParams());
        all.add(cell.gates());
        for (Param p : all) {
            for (int i = 0; i < p.value().length; i++) {
                assertGradient(p.grad()[i], numeric(p.value(), i, loss), p.name() + " " + i);
            }
        }
        for (int k = 0; k < 3 * hidden; k++) {
            assertThat(cell.gates().grad()[1 * 3 * hidden + k]).isZero();
            assertThat(cell.gates().grad()[3 * 3 * hidden + k]).isZero();
        }
        // Unit 1 of row 0 (item 2) by hand: a = W_x[2] + b; r, z from h·W_rz; ĥ = tanh(a_n + (r ⊙ h)·W_h).
        float[] wx = cell.gates().value();
        float[] b = cell.denseParams().get(0).value();
        float[] wrz = cell.denseParams().get(1).value();
        float[] wh = cell.denseParams().get(2).value();
        double[] r = new double[hidden];
        double hr1 = 0, hz1 = 0;
        for (int j = 0; j < hidden; j++) {
            double hrj = 0;
            for (int k = 0; k < hidden; k++) {
                hrj += h0[k] * wrz[k * 2 * hidden + j];
            }
            r[j] = 1 / (1 + Math.exp(-(wx[2 * 3 * hidden + hidden + j] + b[hidden + j] + hrj)));
        }
        for (int k = 0; k < hidden; k++) {
            hz1 += h0[k] * wrz[k * 2 * hidden + hidden + 1];
            hr1 += r[k] * h0[k] * wh[k * hidden + 1];
        }
        double z = 1 / (1 + Math.exp(-(wx[2 * 3 * hidden + 2 * hidden + 1] + b[2 * hidden + 1] + hz1)));
        double cand = Math.tanh(wx[2 * 3 * hidden + 1] + b[1] + hr1);
        cell.forward(step1, h0, batch, h1, null, 1, work);
        assertThat((double) h1[1]).isCloseTo((1 - z) * h0[1] + z * cand, org.assertj.core.data.Offset.offset(1e-6));
    }

    /**
     * NARM's attention over rows of different lengths (3, 2, 1 states), both weightings: L = Σ c·out; the gradients of
     * every state, the queries and the three parameters. A hand computation checks one row's softmax weights.
     */
    @Test
    void additiveAttentionOverRowsOfDifferentLengths() {
        for (AdditiveAttention.Weighting weighting : AdditiveAttention.Weighting.values()) {
            int rows = 3, hidden = 4, steps = 3;
            int[] lengths = {3, 2, 1};
            AdditiveAttention att = new AdditiveAttention(ParamSource.fresh(), "att", hidden, weighting);
            System.arraycopy(random(hidden * hidden, 21), 0, att.query().value(), 0, hidden * hidden);
            System.arraycopy(random(hidden * hidden, 22), 0, att.key().value(), 0, hidden * hidden);
            System.arraycopy(random(hidden, 23), 0, att.v().value(), 0, hidden);
            float[][] states = new float[steps][];
            for (int t = 0; t < steps; t++) {
                states[t] = random(rows * hidden, 30 + t);
                // Rows past their length hold garbage that must not leak into the result.
                for (int b = 0; b < rows; b++) {
                    if (t >= lengths[b]) {
                        java.util.Arrays.fill(states[t], b * hidden, b * hidden + hidden, 1e3f);
                    }
                }
            }
            float[] q = random(rows * hidden, 40);
            float[] c = random(rows * hidden, 41);
            float[] out = new float[rows * hidden];
            AdditiveAttention.Work w = att.work(rows, steps);
            DoubleSupplier loss = () -> {
                att.forward(states, lengths, rows, q, out, w, 1);
                return dot(c, out, out.length);
            };
            loss.getAsDouble();
            float[][] dStates = new float[steps][rows * hidden];
            float[] dq = new float[rows * hidden];
            att.backward(states, lengths, rows, q, c, dStates, dq, w, 1);
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < rows; b++) {
                    if (t >= lengths[b]) {
                        continue;
                    }
                    for (int j = 0; j < hidden; j++) {
                        int i = b * hidden + j;
                        assertGradient(dStates[t][i], numeric(states[t], i, loss), weighting + " dh" + t + " " + i);
                    }
                }
            }
            for (int i = 0; i < q.length; i++) {
                assertGradient(dq[i], numeric(q, i, loss), weighting + " dq " + i);
            }
            for (Param p : new Param[] {att.query(), att.key(), att.v()}) {
                for (int i = 0; i < p.value().length; i++) {
                    assertGradient(p.grad()[i], numeric(p.value(), i, loss), weighting + " " + p.name() + " " + i);
                }
            }
            // Row 1 (two states) by hand: e_t = v·σ(q·A1 + h_t·A2), c = Σ α_t h_t.
            double[] e = new double[2];
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < hidden; j++) {
                    double pre = 0;
                    for (int k = 0; k < hidden; k++) {
                        pre += q[hidden + k] * att.query().value()[k * hidden + j] + states[t][hidden + k] * att.key().value()[k * hidden + j];
                    }
                    e[t] += att.v().value()[j] / (1 + Math.exp(-pre));
                }
            }
            double a0 = weighting == AdditiveAttention.Weighting.SOFTMAX ? 1 / (1 + Math.exp(e[1] - e[0])) : e[0];
            double a1 = weighting == AdditiveAttention.Weighting.SOFTMAX ? 1 - a0 : e[1];
            att.forward(states, lengths, rows, q, out, w, 1);
            assertThat((double) out[hidden + 2]).isCloseTo(a0 * states[0][hidden + 2] + a1 * states[1][hidden + 2],
                    org.assertj.core.data.Offset.offset(1e-5));
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
        layer.backward(b, c);
        for (int i = 0; i < layer.weight().value().length; i++) {
            assertGradient(layer.weight().grad()[i], numeric(layer.weight().value(), i, loss), "dW" + i);
        }
        for (int i = 0; i < 4; i++) {
            assertGradient(layer.bias().grad()[i], numeric(layer.bias().value(), i, loss), "db" + i);
        }
    }

    @Test
    void softmaxCrossEntropyWithOneTargetPerRow() {
        int n = 6;
        float[] logits = random(2 * n, 51);
        int[] targets = {4, 0};
        float[] grad = new float[2 * n];
        float[] scratch = new float[2 * n];
        float[] lse = new float[2];
        double l = Losses.softmaxCrossEntropy(logits, 2, n, targets, grad, lse);
        for (int i = 0; i < logits.length; i++) {
            assertGradient(grad[i], numeric(logits, i, () -> Losses.softmaxCrossEntropy(logits, 2, n, targets, scratch, lse)), "dlogit" + i);
        }
        // By hand: the mean over the rows of log Σ e^x − x_target.
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(logits[r * n + i]);
            }
            expected += (Math.log(sum) - logits[r * n + targets[r]]) / 2;
        }
        assertThat(l).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
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
    @Test
    void layerNorm() {
        int rows = 3;
        int w = 6;
        LayerNorm ln = new LayerNorm("ln", w, 0.1f);
        LayerNorm.Cache cache = new LayerNorm.Cache();
        System.arraycopy(random(w, 20), 0, ln.gain().value(), 0, w);
        System.arraycopy(random(w, 21), 0, ln.shift().value(), 0, w);
        float[] x = random(rows * w, 22);
        float[] c = random(rows * w, 23);
        float[] y = new float[rows * w];
        DoubleSupplier loss = () -> {
            ln.forward(x, rows, y, cache);
            return dot(c, y, y.length);
        };
        loss.getAsDouble();
        float[] dx = new float[rows * w];
        ln.backward(cache, c, rows, dx);
        for (int i = 0; i < x.length; i++) {
            assertGradient(dx[i], numeric(x, i, loss), "dx" + i);
        }
        for (int j = 0; j < w; j++) {
            assertGradient(ln.gain().grad()[j], numeric(ln.gain().value(), j, loss), "dgain" + j);
            assertGradient(ln.shift().grad()[j], numeric(ln.shift().value(), j, loss), "dshift" + j);
        }
    }

    @Test
    void swishEluAndDropout() {
        float[] x = random(25, 24);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 3;
        }
        float[] c = random(25, 25);
        float[] y = new float[25];
        float[] g = c.clone();
        Elementwise.swishBackward(x, g, 25);
        for (int i = 0; i < x.length; i++) {
            assertGradient(g[i], numeric(x, i, () -> {
                Elementwise.swish(x, 25, y);
                return dot(c, y, 25);
            }), "swish" + i);
        }
        float[] e = c.clone();
        Elementwise.eluBackward(x, e, 25, 1f);
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > 2 * H) {
                assertGradient(e[i], numeric(x, i, () -> {
                    Elementwise.elu(x, 25, 1f, y);
                    return dot(c, y, 25);
                }), "elu" + i);
            }
        }
        float[] d = x.clone();
        float[] mask = new float[25];
        Elementwise.dropout(d, 25, 0.5f, new SplittableRandom(3), mask);
        float[] dg = c.clone();
        Elementwise.dropoutBackward(dg, 25, mask);
        for (int i = 0; i < 25; i++) {
            assertThat(mask[i]).isIn(0f, 2f);
            assertThat(d[i]).isEqualTo(x[i] * mask[i]);
            assertThat(dg[i]).isEqualTo(c[i] * mask[i]);
        }
    }

    @Test
    void embedding() {
        Embedding emb = new Embedding("e", 5, 3);
        System.arraycopy(random(15, 26), 0, emb.table().value(), 0, 15);
        int[] ids = {9, 4, 1, 4};
        float[] c = random(9, 27);
        float[] y = new float[9];
        DoubleSupplier loss = () -> {
            emb.forward(ids, 1, 3, y);
            return dot(c, y, 9);
        };
        loss.getAsDouble();
        emb.backward(ids, 1, 3, c);
        for (int i = 0; i < 15; i++) {
            assertGradient(emb.table().grad()[i], numeric(emb.table().value(), i, loss), "dE" + i);
        }
    }

    @Test
    void binaryFocalAndSquaredLosses() {
        Interactions data = TestData.tiny(20, 15, 12);
        int n = data.numItems();
        SparseBatch b = new SparseBatch();
        b.load(data, new int[] {2, 6}, 0, 2, false, 0f, null);
        float[] logits = random(2 * n, 28);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 3;
        }
        float[] grad = new float[2 * n];
        float[] scratch = new float[2 * n];
        Losses.binaryCrossEntropy(logits, 2, n, b, grad);
        for (int i = 0; i < logits.length; i++) {
            assertGradient(grad[i], numeric(logits, i, () -> Losses.binaryCrossEntropy(logits, 2, n, b, scratch)), "bce" + i);
        }
        Losses.sigmoidFocal(logits, 2, n, b, 0.25f, 2f, grad);
        for (int i = 0; i < logits.length; i++) {
            assertGradient(grad[i], numeric(logits, i, () -> Losses.sigmoidFocal(logits, 2, n, b, 0.25f, 2f, scratch)), "focal" + i);
        }
        Losses.squaredErrorObserved(logits, 2, n, b, grad);
        for (int i = 0; i < logits.length; i++) {
            assertGradient(grad[i], numeric(logits, i, () -> Losses.squaredErrorObserved(logits, 2, n, b, scratch)), "se" + i);
        }
        // Hand case: logit 0 for a positive → BCE log 2; focal with γ = 0 is α·BCE for a positive.
        SparseBatch one = new SparseBatch();
        one.loadHistory(new int[] {0}, new float[] {1f}, false);
        assertThat(Losses.binaryCrossEntropy(new float[1], 1, 1, one, new float[1])).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Losses.sigmoidFocal(new float[1], 1, 1, one, 0.25f, 0f, new float[1])).isCloseTo(0.25 * Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void gaussianAndMixtureLogDensities() {
        int rows = 2;
        int d = 3;
        float[] z = random(rows * d, 30);
        float[] mu = random(rows * d, 31);
        float[] lv = random(rows * d, 32);
        float[] w = {1f, 1f};
        float[] dz = new float[rows * d];
        float[] dmu = new float[rows * d];
        float[] dlv = new float[rows * d];
        double[] out = new double[rows];
        Losses.gaussianLogDensity(z, mu, lv, rows, d, out, w, dz, dmu, dlv);
        DoubleSupplier total = () -> {
            double[] o = new double[rows];
            Losses.gaussianLogDensity(z, mu, lv, rows, d, o, null, null, null, null);
            return o[0] + o[1];
        };
        for (int i = 0; i < z.length; i++) {
            assertGradient(dz[i], numeric(z, i, total), "dz" + i);
            assertGradient(dmu[i], numeric(mu, i, total), "dmu" + i);
            assertGradient(dlv[i], numeric(lv, i, total), "dlv" + i);
        }
        // Standard normal at 0 in one dimension: −½ log 2π.
        double[] one = new double[1];
        Losses.gaussianLogDensity(new float[1], new float[1], new float[1], 1, 1, one, null, null, null, null);
        assertThat(one[0]).isCloseTo(-0.5 * Math.log(2 * Math.PI), org.assertj.core.data.Offset.offset(1e-12));

        float[][] mus = {new float[rows * d], mu, new float[rows * d]};
        float[] wide = new float[rows * d];
        java.util.Arrays.fill(wide, 10f);
        float[][] lvs = {new float[rows * d], lv, wide};
        double[] pi = {3.0 / 20, 3.0 / 4, 1.0 / 10};
        float[] dzm = new float[rows * d];
        Losses.mixtureLogDensity(z, mus, lvs, pi, rows, d, out, w, dzm);
        for (int i = 0; i < z.length; i++) {
            assertGradient(dzm[i], numeric(z, i, () -> {
                double[] o = new double[rows];
                Losses.mixtureLogDensity(z, mus, lvs, pi, rows, d, o, null, null);
                return o[0] + o[1];
            }), "dzmix" + i);
        }
    }

    @Test
    void otherOptimizersMoveDownhill() {
        for (String name : new String[] {"sgd", "adagrad", "nadam"}) {
            Param p = new Param("p.weight", 1, 1);
            p.value()[0] = 3f;
            Optimizer o = switch (name) {
                case "sgd" -> Optimizers.sgd(java.util.List.of(p), 0.1f, 0.9f);
                case "adagrad" -> Optimizers.adagrad(java.util.List.of(p), 0.5f);
                default -> Optimizers.nadam(java.util.List.of(p), 0.1f);
            };
            // Minimize w²: the gradient is 2w.
            for (int t = 0; t < 200; t++) {
                p.grad()[0] = 2 * p.value()[0];
                o.step();
            }
            assertThat(Math.abs(p.value()[0])).as(name).isLessThan(0.3f);
            assertThat(p.grad()[0]).isZero();
        }
    }

    @Test
    void nadamFollowsKerasMomentumSchedule() {
        // Keras' Nadam (TF 2.x) by hand for w = 1, loss w² (g = 2w), lr 0.1, two steps.
        Param p = new Param("p.weight", 1, 1);
        p.value()[0] = 1f;
        Optimizer o = Optimizers.nadam(java.util.List.of(p), 0.1f);
        double w = 1;
        double m = 0;
        double v = 0;
        double schedule = 1;
        for (int t = 1; t <= 2; t++) {
            double g = 2 * w;
            double mu = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004 * t));
            double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004 * (t + 1)));
            schedule *= mu;
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            double mBar = (1 - mu) * g / (1 - schedule) + muNext * m / (1 - schedule * muNext);
            w -= 0.1 * mBar / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-7);
            p.grad()[0] = 2 * p.value()[0];
            o.step();
            assertThat((double) p.value()[0]).as("step %d", t).isCloseTo(w, org.assertj.core.data.Offset.offset(1e-6));
        }
        // Two bias-corrected Adam-family steps move w by about twice the learning rate.
        assertThat(1 - w).isBetween(0.15, 0.25);
    }
}
