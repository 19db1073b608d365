package org.recoder.models.recvae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.nn.Dense;
import org.recoder.nn.Elementwise;
import org.recoder.nn.Init;
import org.recoder.nn.LayerNorm;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * RecVAE's encoder: five dense-residual layers h_k = LN_k(swish(fc_k(h_{k−1}) + Σ_{j<k} h_j)) of width
 * {@code hidden} over the (normalized, dropped-out) sparse input, then μ and log σ² heads. Forward keeps what
 * backward needs; one instance per role (the trained encoder, and the frozen copy behind the composite prior).
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
    private float[][] pre = new float[LAYERS][];
    private float[][] out = new float[LAYERS][];
    private int capacity;

    RecVaeEncoder(int items, int hidden, int latent, float eps, SplittableRandom rng) {
        this.hidden = hidden;
        this.latent = latent;
        fc1 = new SparseDenseLayer("enc.fc1", items, hidden);
        for (int k = 1; k < LAYERS; k++) {
            fc[k] = new Dense("enc.fc" + (k + 1), hidden, hidden);
        }
        for (int k = 0; k < LAYERS; k++) {
            ln[k] = new LayerNorm("enc.ln" + (k + 1), hidden, eps);
        }
        mu = new Dense("enc.mu", hidden, latent);
        logVar = new Dense("enc.logvar", hidden, latent);
        for (Param p : params()) {
            if (p.name().endsWith(".weight")) {
                Init.xavierNormal(p, rng);
            }
        }
    }

    List<Param> params() {
        List<Param> ps = new ArrayList<>(List.of(fc1.weight(), fc1.bias()));
        for (int k = 1; k < LAYERS; k++) {
            ps.add(fc[k].weight());
            ps.add(fc[k].bias());
        }
        for (LayerNorm l : ln) {
            ps.add(l.gain());
            ps.add(l.shift());
        }
        ps.addAll(List.of(mu.weight(), mu.bias(), logVar.weight(), logVar.bias()));
        return ps;
    }

    /** Copies every parameter value from {@code other} (the prior's frozen copy). */
    void copyFrom(RecVaeEncoder other) {
        List<Param> a = params();
        List<Param> b = other.params();
        for (int i = 0; i < a.size(); i++) {
            System.arraycopy(b.get(i).value(), 0, a.get(i).value(), 0, a.get(i).value().length);
        }
    }

    /** μ and log σ² (rows×latent each) of the batch. */
    void forward(SparseBatch x, float[] muOut, float[] logVarOut) {
        int b = x.rows();
        if (b > capacity) {
            capacity = b;
            for (int k = 0; k < LAYERS; k++) {
                pre[k] = new float[b * hidden];
                out[k] = new float[b * hidden];
            }
        }
        fc1.forward(x, pre[0]);
        activate(0, b);
        for (int k = 1; k < LAYERS; k++) {
            fc[k].forward(out[k - 1], b, pre[k]);
            for (int j = 0; j < k; j++) {
                add(pre[k], out[j], b * hidden);
            }
            activate(k, b);
        }
        mu.forward(out[LAYERS - 1], b, muOut);
        logVar.forward(out[LAYERS - 1], b, logVarOut);
    }

    private void activate(int k, int b) {
        float[] s = new float[b * hidden];
        Elementwise.swish(pre[k], b * hidden, s);
        ln[k].forward(s, b, out[k]);
    }

    /** Back-propagates ∂/∂μ and ∂/∂log σ² into every encoder parameter. */
    void backward(float[] dMu, float[] dLogVar, int b) {
        float[][] dOut = new float[LAYERS][];
        for (int k = 0; k < LAYERS; k++) {
            dOut[k] = new float[b * hidden];
        }
        mu.backward(dMu, b, dOut[LAYERS - 1]);
        float[] t = new float[b * hidden];
        logVar.backward(dLogVar, b, t);
        add(dOut[LAYERS - 1], t, b * hidden);
        for (int k = LAYERS - 1; k >= 0; k--) {
            float[] dPre = new float[b * hidden];
            ln[k].backward(dOut[k], b, dPre);
            Elementwise.swishBackward(pre[k], dPre, b * hidden);
            if (k == 0) {
                fc1.backward(dPre);
            } else {
                float[] dx = new float[b * hidden];
                fc[k].backward(dPre, b, dx);
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
