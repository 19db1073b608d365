package org.recoder.models.vasp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.data.Interactions;
import org.recoder.linalg.SparseDense;
import org.recoder.models.neural.NeuralNetwork;
import org.recoder.models.neural.ResidualStack;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;

/**
 * VASP's network over the s sampled item columns (all items unless {@code itemsSampling} &lt; 1):
 * <ul>
 *   <li>FLVAE: encoder = {@code encoderLayers} dense-residual layers over the sparse input, then μ and log σ²
 *   heads; z = μ + σ·ε in training, μ otherwise; decoder = {@code decoderLayers} such layers over z; output
 *   sigmoid(Dense_s(decoder top)) ⊙ sigmoid(Dense_s(z)).</li>
 *   <li>Neural EASE: sigmoid(x·W), W s×s without bias, its diagonal held at zero ({@link #projectDiagonal} after
 *   every update, as the notebook's Keras constraint).</li>
 *   <li>VASP: the product of the two; the ablations use one path.</li>
 * </ul>
 * Written once: {@link #infer} runs the same layers as {@link #step} with z = μ. Scores of items outside the
 * sampled columns are 0, as the notebook's concatenated zeros.
 */
final class VaspNetwork implements NeuralNetwork {
    final VaspConfig config;
    final int items;
    /** Sampled column → item index, and item index → sampled column or −1. */
    final int[] sampled;
    final int[] column;
    final int s;
    final ResidualStack encoder;
    final Dense mu;
    final Dense logVar;
    final ResidualStack decoder;
    final Dense resnetHead;
    final Dense latentHead;
    final Param ease;
    private final List<Param> params;

    /** A fresh network: every weight matrix Glorot-uniform (Keras' Dense default), biases 0, LayerNorm gains 1. */
    VaspNetwork(VaspConfig config, int items, int[] sampled, SplittableRandom rng) {
        this(config, items, sampled, ParamSource.fresh());
        for (Param p : params) {
            if (p.name().endsWith(".weight")) {
                Init.xavierUniform(p, rng);
            }
        }
        projectDiagonal();
    }

    /** The network over saved (or snapshot) weights. */
    VaspNetwork(VaspConfig config, int items, int[] sampled, ParamSource source) {
        this.config = config;
        this.items = items;
        this.sampled = sampled;
        this.s = sampled.length;
        this.column = new int[items];
        Arrays.fill(column, -1);
        for (int c = 0; c < s; c++) {
            column[sampled[c]] = c;
        }
        boolean fl = config.paths() != VaspConfig.Paths.EASE;
        float eps = config.layerNormEps();
        encoder = fl ? new ResidualStack(source, "enc", s, true, config.hidden(), config.encoderLayers(), eps) : null;
        mu = fl ? new Dense(source, "enc.mu", config.hidden(), config.latent()) : null;
        logVar = fl ? new Dense(source, "enc.logvar", config.hidden(), config.latent()) : null;
        decoder = fl ? new ResidualStack(source, "dec", config.latent(), false, config.hidden(), config.decoderLayers(), eps) : null;
        resnetHead = fl ? new Dense(source, "dec.resnet", config.hidden(), s) : null;
        latentHead = fl ? new Dense(source, "dec.latent", config.latent(), s) : null;
        ease = config.paths() != VaspConfig.Paths.FLVAE ? source.param("ease.weight", s, s) : null;
        params = List.copyOf(source.created());
    }

    /**
     * The sampled columns: all items in index order when {@code fraction} is 1; otherwise the ⌊|I|·fraction⌋ most
     * popular in the training data (ties by index), as the notebook's frequency-ordered tokenizer columns.
     */
    static int[] sampledItems(Interactions train, float fraction) {
        int n = train.numItems();
        if (fraction >= 1f) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int keep = Math.max(1, (int) (n * (double) fraction));
        int[] deg = train.itemDegrees();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> deg[a] != deg[b] ? Integer.compare(deg[b], deg[a]) : Integer.compare(a, b));
        int[] out = new int[keep];
        for (int k = 0; k < keep; k++) {
            out[k] = order[k];
        }
        return out;
    }

    boolean flvae() {
        return encoder != null;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    /** The output layer that a server freezes: FLVAE's resnet head, or Neural EASE alone has no dense one. */
    @Override
    public Dense outputLayer() {
        return resnetHead;
    }

    /** Sets W's diagonal to zero (the notebook's DiagonalToZero constraint, applied after every update). */
    void projectDiagonal() {
        if (ease != null) {
            float[] w = ease.value();
            for (int i = 0; i < s; i++) {
                w[i * s + i] = 0f;
            }
        }
    }

    /** What a forward pass keeps for backward. */
    final class Forward {
        final int rows;
        final ResidualStack.Activations enc;
        final ResidualStack.Activations dec;
        final float[] mu;
        final float[] logVar;
        final float[] eps;
        final float[] z;
        /** sigmoid outputs of the two decoder heads and of Neural EASE (null where the path is absent). */
        final float[] r;
        final float[] l;
        final float[] e;
        final float[] p;

        Forward(int rows) {
            this.rows = rows;
            int lat = config.latent();
            boolean fl = flvae();
            enc = fl ? encoder.activations(rows) : null;
            dec = fl ? decoder.activations(rows) : null;
            mu = fl ? new float[rows * lat] : null;
            logVar = fl ? new float[rows * lat] : null;
            eps = fl ? new float[rows * lat] : null;
            z = fl ? new float[rows * lat] : null;
            r = fl ? new float[rows * s] : null;
            l = fl ? new float[rows * s] : null;
            e = ease != null ? new float[rows * s] : null;
            p = new float[rows * s];
        }
    }

    /**
     * The output probabilities of {@code x} (rows over the sampled columns) into {@code f.p}; samples z when
     * {@code rng} is given (training), else z = μ. {@code threads} 0: all cores, 1: the caller's.
     */
    void forward(SparseBatch x, Forward f, SplittableRandom rng, int threads) {
        int b = x.rows();
        int n = b * s;
        if (flvae()) {
            int lat = config.latent();
            encoder.forward(x, f.enc, threads);
            mu.forward(f.enc.top(), b, f.mu, threads);
            if (rng != null) {
                logVar.forward(f.enc.top(), b, f.logVar, threads);
                for (int k = 0; k < b * lat; k++) {
                    f.eps[k] = (float) Init.gaussian(rng);
                    f.z[k] = f.mu[k] + (float) Math.exp(0.5 * f.logVar[k]) * f.eps[k];
                }
            } else {
                System.arraycopy(f.mu, 0, f.z, 0, b * lat);
            }
            decoder.forward(f.z, b, f.dec, threads);
            resnetHead.forward(f.dec.top(), b, f.r, threads);
            latentHead.forward(f.z, b, f.l, threads);
            sigmoid(f.r, n);
            sigmoid(f.l, n);
        }
        if (ease != null) {
            SparseDense.times(x.pointers(), x.columns(), x.values(), b, ease.value(), s, 1f, 0f, f.e, threads);
            sigmoid(f.e, n);
        }
        for (int k = 0; k < n; k++) {
            float v = 1f;
            if (f.r != null) {
                v = f.r[k] * f.l[k];
            }
            if (f.e != null) {
                v *= f.e[k];
            }
            f.p[k] = v;
        }
    }

    /**
     * One training pass: forward with sampled z, the loss against {@code target} (rows over the sampled columns;
     * {@code dropped[r]} target items of row r lie outside them), KL as the notebook's mean over batch and latent
     * dimensions with weight 1, and the gradients of every parameter accumulated. Returns {loss, reconstruction, KL}.
     */
    double[] step(SparseBatch input, SparseBatch target, int[] dropped, SplittableRandom rng) {
        int b = input.rows();
        int n = b * s;
        Forward f = new Forward(b);
        forward(input, f, rng, 0);
        float[] dp = new float[n];
        double recon = VaspLoss.evaluate(config.loss(), config.focalAlpha(), config.focalGamma(), f.p, b, s, target, dropped,
                items, dp);
        double kl = 0;
        if (flvae()) {
            // ∂p/∂(pre-activation) of each sigmoid factor: p·(1 − factor), written without dividing by the factor.
            float[] dR = new float[n];
            float[] dL = new float[n];
            for (int k = 0; k < n; k++) {
                float other = f.e != null ? f.e[k] : 1f;
                dR[k] = dp[k] * f.l[k] * other * f.r[k] * (1 - f.r[k]);
                dL[k] = dp[k] * f.r[k] * other * f.l[k] * (1 - f.l[k]);
            }
            int lat = config.latent();
            int h = config.hidden();
            float[] dTopDec = new float[b * h];
            resnetHead.backward(f.dec.top(), dR, b, dTopDec);
            float[] dz = new float[b * lat];
            latentHead.backward(f.z, dL, b, dz);
            decoder.backward(f.z, f.dec, dTopDec, b, dz);
            float[] dMu = new float[b * lat];
            float[] dLv = new float[b * lat];
            double scale = 1.0 / ((double) b * lat);
            for (int k = 0; k < b * lat; k++) {
                double ev = Math.exp(f.logVar[k]);
                kl += 1 + f.logVar[k] - (double) f.mu[k] * f.mu[k] - ev;
                dMu[k] = (float) (f.mu[k] * scale) + dz[k];
                dLv[k] = (float) (-0.5 * (1 - ev) * scale) + dz[k] * f.eps[k] * 0.5f * (float) Math.exp(0.5 * f.logVar[k]);
            }
            kl *= -0.5 * scale;
            float[] dTopEnc = new float[b * h];
            mu.backward(f.enc.top(), dMu, b, dTopEnc);
            float[] t = new float[b * h];
            logVar.backward(f.enc.top(), dLv, b, t);
            for (int k = 0; k < b * h; k++) {
                dTopEnc[k] += t[k];
            }
            encoder.backward(input, f.enc, dTopEnc, b);
        }
        if (ease != null) {
            float[] dE = new float[n];
            for (int k = 0; k < n; k++) {
                float other = f.r != null ? f.r[k] * f.l[k] : 1f;
                dE[k] = dp[k] * other * f.e[k] * (1 - f.e[k]);
            }
            SparseDense.transposeTimes(input.pointers(), input.columns(), input.values(), b, s, dE, s, 1f, 1f, ease.grad(), 0);
        }
        return new double[] {recon + kl, recon, kl};
    }

    /** Probabilities for the rows of {@code x} (over all items) into {@code out[rows × items]}, z = μ. */
    @Override
    public void infer(SparseBatch x, int[] userRows, float[] out) {
        SparseBatch in = toColumns(x, null);
        int b = in.rows();
        Forward f = new Forward(b);
        forward(in, f, null, 1);
        Arrays.fill(out, 0, b * items, 0f);
        for (int r = 0; r < b; r++) {
            for (int c = 0; c < s; c++) {
                out[r * items + sampled[c]] = f.p[r * s + c];
            }
        }
    }

    /** {@code x} over all items as rows over the sampled columns (other items dropped, counted into {@code dropped}). */
    SparseBatch toColumns(SparseBatch x, int[] dropped) {
        int b = x.rows();
        int[] ptr = new int[b + 1];
        int[] xp = x.pointers();
        int[] cols = new int[xp[b]];
        float[] vals = new float[xp[b]];
        int at = 0;
        for (int r = 0; r < b; r++) {
            for (int k = xp[r]; k < xp[r + 1]; k++) {
                int c = column[x.columns()[k]];
                if (c >= 0) {
                    cols[at] = c;
                    vals[at++] = x.values()[k];
                } else if (dropped != null) {
                    dropped[r]++;
                }
            }
            ptr[r + 1] = at;
        }
        SparseBatch out = new SparseBatch();
        out.set(b, ptr, cols, vals);
        return out;
    }

    private static void sigmoid(float[] x, int n) {
        for (int k = 0; k < n; k++) {
            x[k] = (float) (1 / (1 + Math.exp(-x[k])));
        }
    }

    /** Bytes of one float array per parameter (weights), for the memory estimate. */
    static long parameterCount(VaspConfig c, int s) {
        long h = c.hidden();
        long lat = c.latent();
        long n = 0;
        if (c.paths() != VaspConfig.Paths.EASE) {
            n += s * h + h + (c.encoderLayers() - 1) * (h * h + h) + 2L * c.encoderLayers() * h + 2 * (h * lat + lat);
            n += lat * h + h + (c.decoderLayers() - 1) * (h * h + h) + 2L * c.decoderLayers() * h;
            n += h * s + s + lat * s + s;
        }
        if (c.paths() != VaspConfig.Paths.FLVAE) {
            n += (long) s * s;
        }
        return n;
    }

    /** Floats held by one training step's activations for {@code rows} samples. */
    static long activationFloats(VaspConfig c, int s, int rows) {
        long h = c.hidden();
        long perRow = 8L * s + (c.paths() != VaspConfig.Paths.EASE ? 4L * h * (c.encoderLayers() + c.decoderLayers()) + 6L * c.latent() : 0);
        return perRow * rows;
    }

    /** The parameter names in order (for tests). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Param p : params) {
            out.add(p.name());
        }
        return out;
    }
}
