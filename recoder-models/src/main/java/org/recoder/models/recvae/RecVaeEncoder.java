package org.recoder.models.recvae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.nn.Dense;
import org.recoder.nn.Elementwise;
import org.recoder.nn.Init;
import org.recoder.nn.LayerNorm;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * RecVAE's encoder: five dense-residual layers h_k = LN_k(swish(fc_k(h_{k−1}) + Σ_{j<k} h_j)) of width
 * {@code hidden} over the (normalized, dropped-out) sparse input, then μ and log σ² heads. The layers keep nothing:
 * a forward pass writes into an {@link Activations} (the training one is reused for backward; inference makes its
 * own), so one encoder serves training and concurrent inference. One instance per role: the trained encoder, and
 * the frozen copy behind the composite prior.
 */
final class RecVaeEncoder {
    static final int LAYERS = 5;
    final SparseDenseLayer fc1;
    final Dense[] fc = new Dense[LAYERS];
    final LayerNorm[] ln = new LayerNorm[LAYERS];
    final Dense mu;
    final Dense logVar;
    private final int hidden;
    private final int latent;
    private final List<Param> params;

    /** What a forward pass keeps for backward. */
    static final class Activations {
        final int capacity;
        final float[][] pre = new float[LAYERS][];
        final float[][] out = new float[LAYERS][];
        final LayerNorm.Cache[] norms = new LayerNorm.Cache[LAYERS];

        Activations(int batch, int hidden) {
            capacity = batch;
            for (int k = 0; k < LAYERS; k++) {
                pre[k] = new float[batch * hidden];
                out[k] = new float[batch * hidden];
                norms[k] = new LayerNorm.Cache();
            }
        }
    }

    /** A fresh encoder whose weights are Xavier-normal from {@code rng} (LayerNorm gains 1, biases 0). */
    RecVaeEncoder(int items, int hidden, int latent, float eps, SplittableRandom rng) {
        this(items, hidden, latent, eps, ParamSource.fresh());
        for (Param p : params) {
            if (p.name().endsWith(".weight")) {
                Init.xavierNormal(p, rng);
            }
        }
    }

    /** The encoder over parameters from {@code source}. */
    RecVaeEncoder(int items, int hidden, int latent, float eps, ParamSource source) {
        this.hidden = hidden;
        this.latent = latent;
        List<Param> before = source.created();
        fc1 = new SparseDenseLayer(source, "enc.fc1", items, hidden);
        for (int k = 1; k < LAYERS; k++) {
            fc[k] = new Dense(source, "enc.fc" + (k + 1), hidden, hidden);
        }
        for (int k = 0; k < LAYERS; k++) {
            ln[k] = new LayerNorm(source, "enc.ln" + (k + 1), hidden, eps);
        }
        mu = new Dense(source, "enc.mu", hidden, latent);
        logVar = new Dense(source, "enc.logvar", hidden, latent);
        List<Param> all = source.created();
        params = List.copyOf(all.subList(before.size(), all.size()));
    }

    List<Param> params() {
        return params;
    }

    /** Copies every parameter value from {@code other} (the prior's frozen copy). */
    void copyFrom(RecVaeEncoder other) {
        List<Param> b = other.params();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(b.get(i).value(), 0, params.get(i).value(), 0, params.get(i).value().length);
        }
    }

    Activations activations(int batch) {
        return new Activations(batch, hidden);
    }

    /** μ and log σ² (rows×latent each; {@code logVarOut} may be null to skip that head) of the batch. */
    void forward(SparseBatch x, Activations a, float[] muOut, float[] logVarOut, int threads) {
        int b = x.rows();
        fc1.forward(x, a.pre[0], threads);
        activate(a, 0, b, threads);
        for (int k = 1; k < LAYERS; k++) {
            fc[k].forward(a.out[k - 1], b, a.pre[k], threads);
            for (int j = 0; j < k; j++) {
                add(a.pre[k], a.out[j], b * hidden);
            }
            activate(a, k, b, threads);
        }
        mu.forward(a.out[LAYERS - 1], b, muOut, threads);
        if (logVarOut != null) {
            logVar.forward(a.out[LAYERS - 1], b, logVarOut, threads);
        }
    }

    private void activate(Activations a, int k, int b, int threads) {
        float[] s = new float[b * hidden];
        Elementwise.swish(a.pre[k], b * hidden, s);
        ln[k].forward(s, b, a.out[k], a.norms[k]);
    }

    /** Back-propagates ∂/∂μ and ∂/∂log σ² into every encoder parameter, from the forward pass's activations. */
    void backward(SparseBatch x, Activations a, float[] dMu, float[] dLogVar, int b) {
        float[][] dOut = new float[LAYERS][];
        for (int k = 0; k < LAYERS; k++) {
            dOut[k] = new float[b * hidden];
        }
        mu.backward(a.out[LAYERS - 1], dMu, b, dOut[LAYERS - 1]);
        float[] t = new float[b * hidden];
        logVar.backward(a.out[LAYERS - 1], dLogVar, b, t);
        add(dOut[LAYERS - 1], t, b * hidden);
        for (int k = LAYERS - 1; k >= 0; k--) {
            float[] dPre = new float[b * hidden];
            ln[k].backward(a.norms[k], dOut[k], b, dPre);
            Elementwise.swishBackward(a.pre[k], dPre, b * hidden);
            if (k == 0) {
                fc1.backward(x, dPre);
            } else {
                float[] dx = new float[b * hidden];
                fc[k].backward(a.out[k - 1], dPre, b, dx);
                add(dOut[k - 1], dx, b * hidden);
                for (int j = 0; j < k; j++) {
                    add(dOut[j], dPre, b * hidden);
                }
            }
        }
    }

    private static void add(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }

    int latent() {
        return latent;
    }
}
