package org.recoder.models.recvae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.linalg.SparseDense;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Losses;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;

/**
 * RecVAE's training step: encoder, reparameterized z, linear decoder, multinomial log-likelihood, and the KL term
 * β_u·(log q(z|x) − log p(z)) with the composite prior p(z) = Π_j [3/20·N(0, 1) + 3/4·q_old(z_j|x) + 1/10·N(0, e¹⁰)]
 * (a per-dimension mixture, as the reference code computes it), q_old the frozen encoder copy without dropout.
 */
final class RecVaeNetwork {
    static final double[] MIXTURE = {3.0 / 20, 3.0 / 4, 1.0 / 10};
    final RecVaeConfig config;
    final int items;
    final RecVaeEncoder encoder;
    final RecVaeEncoder prior;
    final Dense decoder;
    /** The batch's logits, then their gradient: the one |I|-wide buffer, reused across batches. */
    private float[] logits = new float[0];

    RecVaeNetwork(RecVaeConfig config, int items, SplittableRandom rng) {
        this.config = config;
        this.items = items;
        this.encoder = new RecVaeEncoder(items, config.hidden(), config.latent(), config.layerNormEps(), rng);
        this.prior = new RecVaeEncoder(items, config.hidden(), config.latent(), config.layerNormEps(), rng);
        this.prior.copyFrom(encoder);
        this.decoder = new Dense("dec", config.latent(), items);
        Init.xavierNormal(decoder.weight(), rng);
    }

    List<Param> decoderParams() {
        return List.of(decoder.weight(), decoder.bias());
    }

    /**
     * One pass over a batch: {@code input} is what the encoder sees (dropout applied or not), {@code clean} the
     * same users normalized without dropout (for the prior). Accumulates encoder gradients when
     * {@code encoderPhase}, decoder gradients always. Returns the negative ELBO.
     */
    double step(SparseBatch input, SparseBatch clean, boolean encoderPhase, SplittableRandom rng) {
        int b = input.rows();
        int l = config.latent();
        float[] mu = new float[b * l];
        float[] lv = new float[b * l];
        encoder.forward(input, mu, lv);
        float[] eps = new float[b * l];
        float[] z = new float[b * l];
        for (int k = 0; k < b * l; k++) {
            eps[k] = (float) Init.gaussian(rng);
            z[k] = mu[k] + eps[k] * (float) Math.exp(0.5 * lv[k]);
        }
        if (logits.length < b * items) {
            logits = new float[b * items];
        }
        decoder.forward(z, b, logits);
        double nll = Losses.multinomial(logits, b, items, input, logits);
        float[] dz = new float[b * l];
        decoder.backward(logits, b, dz);

        // KL weights β_u = γ·|x_u| over the batch mean.
        float[] w = new float[b];
        float[] wNeg = new float[b * l];
        for (int r = 0; r < b; r++) {
            double sum = 0;
            for (int p = input.pointers()[r]; p < input.pointers()[r + 1]; p++) {
                sum += input.targets()[p];
            }
            w[r] = (float) (config.gamma() * sum / b);
            java.util.Arrays.fill(wNeg, r * l, r * l + l, -w[r]);
        }
        float[] priorMu = new float[b * l];
        float[] priorLv = new float[b * l];
        prior.forward(clean, priorMu, priorLv);
        double[] logQ = new double[b];
        float[] dMu = new float[b * l];
        float[] dLv = new float[b * l];
        Losses.gaussianLogDensity(z, mu, lv, b, l, logQ, w, dz, dMu, dLv);
        double[] logP = new double[b * l];
        float[] wide = new float[b * l];
        java.util.Arrays.fill(wide, 10f);
        Losses.mixtureLogDensity(z, new float[][] {new float[b * l], priorMu, new float[b * l]},
                new float[][] {new float[b * l], priorLv, wide}, MIXTURE, b * l, 1, logP, wNeg, dz);
        double kld = 0;
        for (int r = 0; r < b; r++) {
            double lp = 0;
            for (int j = 0; j < l; j++) {
                lp += logP[r * l + j];
            }
            kld += w[r] * (logQ[r] - lp);
        }
        if (encoderPhase) {
            for (int k = 0; k < b * l; k++) {
                dMu[k] += dz[k];
                dLv[k] += dz[k] * eps[k] * 0.5f * (float) Math.exp(0.5 * lv[k]);
            }
            encoder.backward(dMu, dLv, b);
        }
        return nll + kld;
    }

    Map<String, float[]> snapshot() {
        Map<String, float[]> s = new LinkedHashMap<>();
        List<Param> all = new ArrayList<>(encoder.params());
        all.addAll(decoderParams());
        for (Param p : all) {
            s.put(p.name(), p.value().clone());
        }
        return s;
    }

    /** Logits for the rows of {@code x} with z = μ, from a snapshot; thread-safe (own buffers, one thread). */
    static void infer(RecVaeConfig c, int items, Map<String, float[]> w, SparseBatch x, float[] out) {
        int b = x.rows();
        int h = c.hidden();
        int l = c.latent();
        float[][] hs = new float[RecVaeEncoder.LAYERS][];
        for (int k = 0; k < RecVaeEncoder.LAYERS; k++) {
            float[] a = new float[b * h];
            if (k == 0) {
                SparseDense.times(x.pointers(), x.columns(), x.values(), b, w.get("enc.fc1.weight"), h, 1f, 0f, a, 1);
                Dense.addBias(a, b, w.get("enc.fc1.bias"));
            } else {
                Dense.apply(hs[k - 1], b, h, w.get("enc.fc" + (k + 1) + ".weight"), w.get("enc.fc" + (k + 1) + ".bias"), h, a, 1);
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < b * h; i++) {
                        a[i] += hs[j][i];
                    }
                }
            }
            org.recoder.nn.Elementwise.swish(a, b * h, a);
            layerNorm(a, b, h, w.get("enc.ln" + (k + 1) + ".gain"), w.get("enc.ln" + (k + 1) + ".shift"), c.layerNormEps());
            hs[k] = a;
        }
        float[] mu = new float[b * l];
        Dense.apply(hs[RecVaeEncoder.LAYERS - 1], b, h, w.get("enc.mu.weight"), w.get("enc.mu.bias"), l, mu, 1);
        Dense.apply(mu, b, l, w.get("dec.weight"), w.get("dec.bias"), items, out, 1);
    }

    private static void layerNorm(float[] x, int b, int h, float[] gain, float[] shift, float eps) {
        for (int r = 0; r < b; r++) {
            int off = r * h;
            double mean = 0;
            for (int j = 0; j < h; j++) {
                mean += x[off + j];
            }
            mean /= h;
            double var = 0;
            for (int j = 0; j < h; j++) {
                var += (x[off + j] - mean) * (x[off + j] - mean);
            }
            double inv = 1 / Math.sqrt(var / h + eps);
            for (int j = 0; j < h; j++) {
                x[off + j] = (float) (gain[j] * (x[off + j] - mean) * inv + shift[j]);
            }
        }
    }
}
