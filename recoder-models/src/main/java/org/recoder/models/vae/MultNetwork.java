package org.recoder.models.vae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.linalg.SparseDense;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Losses;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * The Mult-VAE / Mult-DAE network: a sparse-input first layer, dense layers, tanh on every layer except the
 * code (μ, log σ² of the VAE) and the output logits, and the training step with hand-written backward. Layer
 * widths: encoder [I, hidden?, code], decoder [latent, hidden?, I], code = 2·latent for the VAE.
 */
final class MultNetwork {
    final MultVaeConfig config;
    final int items;
    final SparseDenseLayer first;
    final List<Dense> encoder = new ArrayList<>();
    final List<Dense> decoder = new ArrayList<>();
    private final int code;
    private float[][] encOut;
    private float[][] decOut;
    private float[] z;
    private float[] eps;
    private float[] mu;
    private float[] logVar;
    private float[] dMu;
    private float[] dLogVar;
    private int capacity;

    MultNetwork(MultVaeConfig config, int items, SplittableRandom rng) {
        this.config = config;
        this.items = items;
        this.code = config.variational() ? 2 * config.latent() : config.latent();
        int h = config.hidden();
        first = new SparseDenseLayer("enc0", items, h > 0 ? h : code);
        if (h > 0) {
            encoder.add(new Dense("enc1", h, code));
            decoder.add(new Dense("dec0", config.latent(), h));
            decoder.add(new Dense("dec1", h, items));
        } else {
            decoder.add(new Dense("dec0", config.latent(), items));
        }
        // Xavier weights, biases N(0, 0.001²) truncated, as the reference notebook.
        for (Param p : params()) {
            if (p.name().endsWith(".weight")) {
                Init.xavierUniform(p, rng);
            } else {
                Init.truncatedNormal(p, 0.001, rng);
            }
        }
    }

    List<Param> params() {
        List<Param> ps = new ArrayList<>(List.of(first.weight(), first.bias()));
        for (Dense d : encoder) {
            ps.add(d.weight());
            ps.add(d.bias());
        }
        for (Dense d : decoder) {
            ps.add(d.weight());
            ps.add(d.bias());
        }
        return ps;
    }

    /** Copies of every parameter's values, by name (for the model and keep-best). */
    Map<String, float[]> snapshot() {
        Map<String, float[]> s = new LinkedHashMap<>();
        for (Param p : params()) {
            s.put(p.name(), p.value().clone());
        }
        return s;
    }

    private void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        encOut = new float[1 + encoder.size()][];
        encOut[0] = new float[batch * first.out()];
        for (int k = 0; k < encoder.size(); k++) {
            encOut[k + 1] = new float[batch * encoder.get(k).out()];
        }
        decOut = new float[decoder.size()][];
        for (int k = 0; k < decoder.size(); k++) {
            decOut[k] = new float[batch * decoder.get(k).out()];
        }
        int l = config.latent();
        z = new float[batch * l];
        eps = new float[batch * l];
        mu = new float[batch * l];
        logVar = new float[batch * l];
        dMu = new float[batch * l];
        dLogVar = new float[batch * l];
    }

    private boolean tanhAfterEncoder(int k) {
        // Encoder layer k (0 = first) is followed by tanh unless it produces the VAE's μ and log σ².
        return k < encoder.size() || !config.variational();
    }

    /**
     * One forward and backward pass over {@code x}, accumulating parameter gradients; returns
     * {loss, negative log-likelihood, KL}.
     */
    double[] trainStep(SparseBatch x, float beta, SplittableRandom rng) {
        int b = x.rows();
        ensure(b);
        int l = config.latent();
        first.forward(x, encOut[0]);
        if (tanhAfterEncoder(0)) {
            Activation.TANH.apply(encOut[0], b * first.out());
        }
        for (int k = 0; k < encoder.size(); k++) {
            encoder.get(k).forward(encOut[k], b, encOut[k + 1]);
            if (tanhAfterEncoder(k + 1)) {
                Activation.TANH.apply(encOut[k + 1], b * encoder.get(k).out());
            }
        }
        float[] e = encOut[encoder.size()];
        if (config.variational()) {
            for (int r = 0; r < b; r++) {
                for (int d = 0; d < l; d++) {
                    int at = r * l + d;
                    mu[at] = e[r * 2 * l + d];
                    logVar[at] = e[r * 2 * l + l + d];
                    eps[at] = (float) Init.gaussian(rng);
                    z[at] = mu[at] + eps[at] * (float) Math.exp(0.5 * logVar[at]);
                }
            }
        } else {
            System.arraycopy(e, 0, z, 0, b * l);
        }
        float[] h = z;
        for (int k = 0; k < decoder.size(); k++) {
            decoder.get(k).forward(h, b, decOut[k]);
            if (k < decoder.size() - 1) {
                Activation.TANH.apply(decOut[k], b * decoder.get(k).out());
            }
            h = decOut[k];
        }
        float[] logits = decOut[decoder.size() - 1];
        double nll = Losses.multinomial(logits, b, items, x, logits);
        // Backward through the decoder; the logits buffer now holds ∂loss/∂logits.
        float[] grad = logits;
        for (int k = decoder.size() - 1; k >= 0; k--) {
            float[] below = k > 0 ? new float[b * decoder.get(k).in()] : new float[b * l];
            decoder.get(k).backward(grad, b, below);
            if (k > 0) {
                Activation.TANH.backward(decOut[k - 1], below, b * decoder.get(k).in());
            }
            grad = below;
        }
        double kl = 0;
        float[] de = new float[b * code];
        if (config.variational()) {
            java.util.Arrays.fill(dMu, 0, b * l, 0f);
            java.util.Arrays.fill(dLogVar, 0, b * l, 0f);
            kl = Losses.gaussianKl(mu, logVar, b, l, beta, dMu, dLogVar);
            for (int r = 0; r < b; r++) {
                for (int d = 0; d < l; d++) {
                    int at = r * l + d;
                    de[r * 2 * l + d] = grad[at] + dMu[at];
                    de[r * 2 * l + l + d] = grad[at] * eps[at] * 0.5f * (float) Math.exp(0.5 * logVar[at]) + dLogVar[at];
                }
            }
        } else {
            System.arraycopy(grad, 0, de, 0, b * l);
            Activation.TANH.backward(e, de, b * l);
        }
        grad = de;
        for (int k = encoder.size() - 1; k >= 0; k--) {
            float[] below = new float[b * encoder.get(k).in()];
            encoder.get(k).backward(grad, b, below);
            if (tanhAfterEncoder(k)) {
                Activation.TANH.backward(encOut[k], below, b * encoder.get(k).in());
            }
            grad = below;
        }
        first.backward(grad);
        double penalty = 0;
        if (config.l2() > 0) {
            for (Param p : params()) {
                if (p.name().endsWith(".weight")) {
                    float[] w = p.value();
                    float[] g = p.grad();
                    for (int i = 0; i < w.length; i++) {
                        penalty += (double) w[i] * w[i];
                        g[i] += 2 * config.l2() * w[i];
                    }
                }
            }
        }
        return new double[] {nll + beta * kl + config.l2() * penalty, nll, kl};
    }

    /**
     * Scores (logits) for the rows of {@code x} with z = μ and no dropout, from a parameter snapshot; allocates
     * its own buffers and runs on the calling thread, so concurrent calls are safe.
     */
    static void infer(MultVaeConfig c, int items, Map<String, float[]> w, SparseBatch x, float[] out) {
        int b = x.rows();
        int h = c.hidden();
        int l = c.latent();
        int code = c.variational() ? 2 * l : l;
        int width = h > 0 ? h : code;
        float[] a = new float[b * width];
        SparseDense.times(x.pointers(), x.columns(), x.values(), b, w.get("enc0.weight"), width, 1f, 0f, a, 1);
        Dense.addBias(a, b, w.get("enc0.bias"));
        if (h > 0 || !c.variational()) {
            Activation.TANH.apply(a, b * width);
        }
        if (h > 0) {
            float[] e = dense(a, b, h, w.get("enc1.weight"), w.get("enc1.bias"), code);
            if (!c.variational()) {
                Activation.TANH.apply(e, b * code);
            }
            a = e;
        }
        float[] zz = new float[b * l];
        for (int r = 0; r < b; r++) {
            System.arraycopy(a, r * code, zz, r * l, l);
        }
        if (h > 0) {
            float[] d0 = dense(zz, b, l, w.get("dec0.weight"), w.get("dec0.bias"), h);
            Activation.TANH.apply(d0, b * h);
            Dense.apply(d0, b, h, w.get("dec1.weight"), w.get("dec1.bias"), items, out, 1);
        } else {
            Dense.apply(zz, b, l, w.get("dec0.weight"), w.get("dec0.bias"), items, out, 1);
        }
    }

    private static float[] dense(float[] x, int b, int in, float[] w, float[] bias, int out) {
        float[] y = new float[b * out];
        Dense.apply(x, b, in, w, bias, out, y, 1);
        return y;
    }
}
