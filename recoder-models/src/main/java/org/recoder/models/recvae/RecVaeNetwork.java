package org.recoder.models.recvae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Losses;
import org.recoder.models.neural.NeuralNetwork;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;

/**
 * RecVAE's training step: encoder, reparameterized z, linear decoder, multinomial log-likelihood, and the KL term
 * β_u·(log q(z|x) − log p(z)) with the composite prior p(z) = Π_j [3/20·N(0, 1) + 3/4·q_old(z_j|x) + 1/10·N(0, e¹⁰)]
 * (a per-dimension mixture, as the reference code computes it), q_old the frozen encoder copy without dropout.
 */
final class RecVaeNetwork implements NeuralNetwork {
    static final double[] MIXTURE = {3.0 / 20, 3.0 / 4, 1.0 / 10};
    final RecVaeConfig config;
    final int items;
    final RecVaeEncoder encoder;
    /** The frozen encoder copy behind the composite prior; null in a network built for inference. */
    final RecVaeEncoder prior;
    final Dense decoder;
    private final List<Param> params;
    /** The batch's logits, then their gradient: the one |I|-wide buffer, reused across batches. */
    private float[] logits = new float[0];
    private org.recoder.models.neural.ResidualStack.Activations encoderActivations;
    private org.recoder.models.neural.ResidualStack.Activations priorActivations;

    /** A network to train: fresh encoder, its prior copy and decoder, initialized from {@code rng}. */
    RecVaeNetwork(RecVaeConfig config, int items, SplittableRandom rng) {
        this.config = config;
        this.items = items;
        ParamSource source = ParamSource.fresh();
        this.encoder = new RecVaeEncoder(items, config.hidden(), config.latent(), config.layerNormEps(), rng);
        this.prior = new RecVaeEncoder(items, config.hidden(), config.latent(), config.layerNormEps(), rng);
        this.prior.copyFrom(encoder);
        this.decoder = new Dense(source, "dec", config.latent(), items);
        Init.xavierNormal(decoder.weight(), rng);
        this.params = concat(encoder.params(), decoderParams());
    }

    /** The trained network (encoder and decoder) over parameters from {@code source}, for inference. */
    RecVaeNetwork(RecVaeConfig config, int items, ParamSource source) {
        this.config = config;
        this.items = items;
        this.encoder = new RecVaeEncoder(items, config.hidden(), config.latent(), config.layerNormEps(), source);
        this.prior = null;
        this.decoder = new Dense(source, "dec", config.latent(), items);
        this.params = concat(encoder.params(), decoderParams());
    }

    private static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Dense outputLayer() {
        return decoder;
    }

    /** Logits for the rows of {@code x} with z = μ: the trained encoder's μ head, then the decoder. */
    @Override
    public void infer(SparseBatch x, int[] userRows, float[] out) {
        int b = x.rows();
        float[] mu = new float[b * config.latent()];
        encoder.forward(x, encoder.activations(b), mu, null, 1);
        decoder.forward(mu, b, out, 1);
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
        if (encoderActivations == null || encoderActivations.capacity() < b) {
            encoderActivations = encoder.activations(b);
            priorActivations = prior.activations(b);
        }
        encoder.forward(input, encoderActivations, mu, lv, 0);
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
        decoder.backward(z, logits, b, dz);

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
        prior.forward(clean, priorActivations, priorMu, priorLv, 0);
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
            encoder.backward(input, encoderActivations, dMu, dLv, b);
        }
        return nll + kld;
    }
}
