package org.recoder.models.multae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.models.neural.NeuralNetwork;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Losses;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * The Mult-VAE / Mult-DAE network, stated once: a sparse-input first layer, dense layers, tanh on every layer
 * except the code (μ, log σ² of the VAE) and the output logits. {@link #forward} is the one forward pass, used by
 * the training step (sampling z) and by inference (z = μ); the training step adds the hand-written backward.
 * Layer widths: encoder [I, hidden?, code], decoder [latent, hidden?, I], code = 2·latent for the VAE.
 */
final class MultAutoencoderNetwork implements NeuralNetwork {
    final MultAutoencoderConfig config;
    final int items;
    final SparseDenseLayer first;
    final List<Dense> encoder = new ArrayList<>();
    final List<Dense> decoder = new ArrayList<>();
    private final int code;
    private final List<Param> params;
    /** The training step's activations, reused across batches. */
    private Activations train;

    /** What one forward pass computes, kept for backward. */
    private final class Activations {
        final int capacity;
        final float[][] enc;
        final float[][] dec;
        final float[] z;
        final float[] eps;
        final float[] mu;
        final float[] logVar;

        Activations(int batch) {
            capacity = batch;
            enc = new float[1 + encoder.size()][];
            enc[0] = new float[batch * first.out()];
            for (int k = 0; k < encoder.size(); k++) {
                enc[k + 1] = new float[batch * encoder.get(k).out()];
            }
            dec = new float[decoder.size()][];
            for (int k = 0; k < decoder.size() - 1; k++) {
                dec[k] = new float[batch * decoder.get(k).out()];
            }
            int l = config.latent();
            z = new float[batch * l];
            boolean sampled = config.variational();
            eps = sampled ? new float[batch * l] : null;
            mu = sampled ? new float[batch * l] : null;
            logVar = sampled ? new float[batch * l] : null;
        }
    }

    /** A network to train: fresh parameters, initialized from {@code rng}. */
    MultAutoencoderNetwork(MultAutoencoderConfig config, int items, SplittableRandom rng) {
        this(config, items, ParamSource.fresh());
        // Xavier weights, biases N(0, 0.001²) truncated, as the reference notebook.
        for (Param p : params) {
            if (p.name().endsWith(".weight")) {
                Init.xavierUniform(p, rng);
            } else {
                Init.truncatedNormal(p, 0.001, rng);
            }
        }
    }

    /** The network over parameters from {@code source} (fresh, a snapshot, or a model file's tensors). */
    MultAutoencoderNetwork(MultAutoencoderConfig config, int items, ParamSource source) {
        this.config = config;
        this.items = items;
        this.code = config.variational() ? 2 * config.latent() : config.latent();
        int h = config.hidden();
        first = new SparseDenseLayer(source, "enc0", items, h > 0 ? h : code);
        if (h > 0) {
            encoder.add(new Dense(source, "enc1", h, code));
            decoder.add(new Dense(source, "dec0", config.latent(), h));
            decoder.add(new Dense(source, "dec1", h, items));
        } else {
            decoder.add(new Dense(source, "dec0", config.latent(), items));
        }
        params = source.created();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Dense outputLayer() {
        return decoder.get(decoder.size() - 1);
    }

    private boolean tanhAfterEncoder(int k) {
        // Encoder layer k (0 = first) is followed by tanh unless it produces the VAE's μ and log σ².
        return k < encoder.size() || !config.variational();
    }

    /**
     * The forward pass over {@code x} into {@code logits[rows × items]}: z is sampled with {@code rng}, or z = μ
     * when {@code rng} is null (inference). {@code threads} 0 uses all cores (training), 1 the calling thread
     * (inference, where the evaluator already runs scorers in parallel).
     */
    private void forward(SparseBatch x, Activations a, SplittableRandom rng, float[] logits, int threads) {
        int b = x.rows();
        int l = config.latent();
        first.forward(x, a.enc[0], threads);
        if (tanhAfterEncoder(0)) {
            Activation.TANH.apply(a.enc[0], b * first.out());
        }
        for (int k = 0; k < encoder.size(); k++) {
            encoder.get(k).forward(a.enc[k], b, a.enc[k + 1], threads);
            if (tanhAfterEncoder(k + 1)) {
                Activation.TANH.apply(a.enc[k + 1], b * encoder.get(k).out());
            }
        }
        float[] e = a.enc[encoder.size()];
        if (config.variational()) {
            for (int r = 0; r < b; r++) {
                for (int d = 0; d < l; d++) {
                    int at = r * l + d;
                    a.mu[at] = e[r * 2 * l + d];
                    a.logVar[at] = e[r * 2 * l + l + d];
                    if (rng != null) {
                        a.eps[at] = (float) Init.gaussian(rng);
                        a.z[at] = a.mu[at] + a.eps[at] * (float) Math.exp(0.5 * a.logVar[at]);
                    } else {
                        a.z[at] = a.mu[at];
                    }
                }
            }
        } else {
            System.arraycopy(e, 0, a.z, 0, b * l);
        }
        float[] h = a.z;
        for (int k = 0; k < decoder.size(); k++) {
            float[] out = k == decoder.size() - 1 ? logits : a.dec[k];
            decoder.get(k).forward(h, b, out, threads);
            if (k < decoder.size() - 1) {
                Activation.TANH.apply(out, b * decoder.get(k).out());
            }
            h = out;
        }
    }

    @Override
    public void infer(SparseBatch x, int[] userRows, float[] out) {
        forward(x, new Activations(x.rows()), null, out, 1);
    }

    private float[] logits = new float[0];

    /**
     * One forward and backward pass over {@code x}, accumulating parameter gradients; returns
     * {loss, negative log-likelihood, KL}.
     */
    double[] trainStep(SparseBatch x, float beta, SplittableRandom rng) {
        int b = x.rows();
        if (train == null || train.capacity < b) {
            train = new Activations(b);
            logits = new float[b * items];
        }
        Activations a = train;
        int l = config.latent();
        forward(x, a, rng, logits, 0);
        double nll = Losses.multinomial(logits, b, items, x, logits);
        // Backward through the decoder; the logits buffer now holds ∂loss/∂logits.
        float[] grad = logits;
        for (int k = decoder.size() - 1; k >= 0; k--) {
            float[] below = k > 0 ? new float[b * decoder.get(k).in()] : new float[b * l];
            decoder.get(k).backward(k > 0 ? a.dec[k - 1] : a.z, grad, b, below);
            if (k > 0) {
                Activation.TANH.backward(a.dec[k - 1], below, b * decoder.get(k).in());
            }
            grad = below;
        }
        double kl = 0;
        float[] de = new float[b * code];
        float[] e = a.enc[encoder.size()];
        if (config.variational()) {
            float[] dMu = new float[b * l];
            float[] dLogVar = new float[b * l];
            kl = Losses.gaussianKl(a.mu, a.logVar, b, l, beta, dMu, dLogVar);
            for (int r = 0; r < b; r++) {
                for (int d = 0; d < l; d++) {
                    int at = r * l + d;
                    de[r * 2 * l + d] = grad[at] + dMu[at];
                    de[r * 2 * l + l + d] = grad[at] * a.eps[at] * 0.5f * (float) Math.exp(0.5 * a.logVar[at]) + dLogVar[at];
                }
            }
        } else {
            System.arraycopy(grad, 0, de, 0, b * l);
            Activation.TANH.backward(e, de, b * l);
        }
        grad = de;
        for (int k = encoder.size() - 1; k >= 0; k--) {
            float[] below = new float[b * encoder.get(k).in()];
            encoder.get(k).backward(a.enc[k], grad, b, below);
            if (tanhAfterEncoder(k)) {
                Activation.TANH.backward(a.enc[k], below, b * encoder.get(k).in());
            }
            grad = below;
        }
        first.backward(x, grad);
        double penalty = 0;
        if (config.l2() > 0) {
            for (Param p : params) {
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
}
