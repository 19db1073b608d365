package org.recoder.models.neural;

import java.util.List;
import org.recoder.nn.Dense;
import org.recoder.nn.Elementwise;
import org.recoder.nn.LayerNorm;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * RecVAE's dense-residual block, stacked to any depth: h_1 = LN_1(swish(fc_1(x))), and
 * h_k = LN_k(swish(fc_k(h_{k−1}) + Σ_{j<k} h_j)) for k = 2..depth, all of width {@code hidden}. The first layer reads
 * a sparse batch (an encoder over items: never a dense |I|-wide row) or a dense input (a decoder over a latent code).
 * Parameters are named {@code prefix.fcK.weight/bias} and {@code prefix.lnK.gain/shift}. Stateless: a forward pass
 * writes into an {@link Activations}, so one stack serves training and concurrent inference.
 *
 * <p>Cost per row: O(nnz·h) or O(in·h) for the first layer, then O(h²) per further layer.
 */
public final class ResidualStack {
    private final SparseDenseLayer sparseFirst;
    private final Dense denseFirst;
    private final Dense[] fc;
    private final LayerNorm[] ln;
    private final int hidden;
    private final int depth;
    private final List<Param> params;

    /** What a forward pass keeps for backward: each layer's pre-activation and output, and its norm statistics. */
    public static final class Activations {
        final int capacity;
        final float[][] pre;
        final float[][] out;
        final LayerNorm.Cache[] norms;

        Activations(int batch, int hidden, int depth) {
            capacity = batch;
            pre = new float[depth][batch * hidden];
            out = new float[depth][batch * hidden];
            norms = new LayerNorm.Cache[depth];
            for (int k = 0; k < depth; k++) {
                norms[k] = new LayerNorm.Cache();
            }
        }

        /** The top layer's output, rows × hidden. */
        public float[] top() {
            return out[out.length - 1];
        }

        public int capacity() {
            return capacity;
        }
    }

    /**
     * A stack of {@code depth} layers over {@code in} inputs; {@code sparseInput} makes the first layer read a
     * {@link SparseBatch}.
     */
    public ResidualStack(ParamSource source, String prefix, int in, boolean sparseInput, int hidden, int depth, float eps) {
        if (depth < 1) {
            throw new IllegalArgumentException("a residual stack needs at least one layer, got " + depth);
        }
        this.hidden = hidden;
        this.depth = depth;
        List<Param> before = source.created();
        sparseFirst = sparseInput ? new SparseDenseLayer(source, prefix + ".fc1", in, hidden) : null;
        denseFirst = sparseInput ? null : new Dense(source, prefix + ".fc1", in, hidden);
        fc = new Dense[depth];
        for (int k = 1; k < depth; k++) {
            fc[k] = new Dense(source, prefix + ".fc" + (k + 1), hidden, hidden);
        }
        ln = new LayerNorm[depth];
        for (int k = 0; k < depth; k++) {
            ln[k] = new LayerNorm(source, prefix + ".ln" + (k + 1), hidden, eps);
        }
        List<Param> all = source.created();
        params = List.copyOf(all.subList(before.size(), all.size()));
    }

    public List<Param> params() {
        return params;
    }

    public int hidden() {
        return hidden;
    }

    public Activations activations(int batch) {
        return new Activations(batch, hidden, depth);
    }

    /** Forward over a sparse batch; the result is {@code a.top()}. */
    public void forward(SparseBatch x, Activations a, int threads) {
        sparseFirst.forward(x, a.pre[0], threads);
        rest(a, x.rows(), threads);
    }

    /** Forward over dense rows {@code x[rows × in]}; the result is {@code a.top()}. */
    public void forward(float[] x, int rows, Activations a, int threads) {
        denseFirst.forward(x, rows, a.pre[0], threads);
        rest(a, rows, threads);
    }

    private void rest(Activations a, int b, int threads) {
        activate(a, 0, b);
        for (int k = 1; k < depth; k++) {
            fc[k].forward(a.out[k - 1], b, a.pre[k], threads);
            for (int j = 0; j < k; j++) {
                add(a.pre[k], a.out[j], b * hidden);
            }
            activate(a, k, b);
        }
    }

    private void activate(Activations a, int k, int b) {
        float[] s = new float[b * hidden];
        Elementwise.swish(a.pre[k], b * hidden, s);
        ln[k].forward(s, b, a.out[k], a.norms[k]);
    }

    /** Back-propagates ∂/∂top into every parameter; the sparse first layer takes no input gradient. */
    public void backward(SparseBatch x, Activations a, float[] dTop, int b) {
        float[] dPre0 = backThroughLayers(a, dTop, b);
        sparseFirst.backward(x, dPre0);
    }

    /** As {@link #backward(SparseBatch, Activations, float[], int)} for dense input; adds ∂/∂x into {@code dx}. */
    public void backward(float[] x, Activations a, float[] dTop, int b, float[] dx) {
        float[] dPre0 = backThroughLayers(a, dTop, b);
        float[] t = new float[dx.length];
        denseFirst.backward(x, dPre0, b, t);
        add(dx, t, dx.length);
    }

    /** Every layer's backward except the first one's linear map; returns ∂/∂pre of the first layer. */
    private float[] backThroughLayers(Activations a, float[] dTop, int b) {
        float[][] dOut = new float[depth][];
        for (int k = 0; k < depth - 1; k++) {
            dOut[k] = new float[b * hidden];
        }
        dOut[depth - 1] = java.util.Arrays.copyOf(dTop, b * hidden);
        float[] dPre0 = null;
        for (int k = depth - 1; k >= 0; k--) {
            float[] dPre = new float[b * hidden];
            ln[k].backward(a.norms[k], dOut[k], b, dPre);
            Elementwise.swishBackward(a.pre[k], dPre, b * hidden);
            if (k == 0) {
                dPre0 = dPre;
            } else {
                float[] dx = new float[b * hidden];
                fc[k].backward(a.out[k - 1], dPre, b, dx);
                add(dOut[k - 1], dx, b * hidden);
                for (int j = 0; j < k; j++) {
                    add(dOut[j], dPre, b * hidden);
                }
            }
        }
        return dPre0;
    }

    private static void add(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }
}
