package org.recoder.models.autorec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.linalg.SparseDense;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * The AutoRec network h(r) = f(W·g(V·r + μ) + b) over a sample's vector of ratings r (an item's ratings by every
 * user for I-AutoRec, a user's ratings of every item for U-AutoRec), with optional further hidden layers g(·) between
 * (the deeper 500-250-500 AutoRec). The input is sparse ({@link SparseDenseLayer}: cost O(nnz·k)); the output is
 * evaluated only at the entries asked for ({@link #outputAt}): the observed ratings in training, the items to
 * predict at inference, never the dense width. Weights: {@code enc} (width×k₁, V and μ), {@code hidden.N} (the deeper
 * layers), {@code dec.weight} (width×k_last, one row per output entry so that a sparse output reads it contiguously)
 * and {@code dec.bias}; Xavier-uniform weights, zero biases.
 */
final class AutoRecNetwork {
    private final AutoRecConfig config;
    private final int width;
    private final int[] sizes;
    final SparseDenseLayer input;
    private final List<Dense> deep = new ArrayList<>();
    final Param decoder;
    final Param decoderBias;
    private final List<Param> params;
    /** The weight matrices the regularizer covers (V, the deeper layers', W), not the biases. */
    private final List<Param> weights;
    /**
     * Ratings in the decoder's units: t = shift + scale·r. A bounded decoder (sigmoid: (0, 1), tanh: (−1, 1)) cannot
     * output a rating of 1–5, so the training ratings' range [lowest, highest] is mapped onto its range for the loss,
     * and predictions back; an unbounded one (identity, relu) reads ratings as they are (shift 0, scale 1).
     */
    private final float shift;
    private final float scale;

    /** A network to train: fresh parameters, initialized from {@code rng}; ratings range over [lowest, highest]. */
    AutoRecNetwork(AutoRecConfig config, int width, float lowest, float highest, SplittableRandom rng) {
        this(config, width, lowest, highest, ParamSource.fresh());
        Init.xavierUniform(input.weight(), rng);
        for (Dense d : deep) {
            Init.xavierUniform(d.weight(), rng);
        }
        Init.xavierUniform(decoder, rng);
    }

    /** The network over parameters from {@code source}; ratings range over [lowest, highest]. */
    AutoRecNetwork(AutoRecConfig config, int width, float lowest, float highest, ParamSource source) {
        this.config = config;
        float low = switch (config.decoder()) {
            case SIGMOID -> 0f;
            case TANH -> -1f;
            default -> Float.NaN;
        };
        if (Float.isNaN(low) || !(highest > lowest)) {
            shift = 0f;
            scale = 1f;
        } else {
            scale = (1f - low) / (highest - lowest);
            shift = low - scale * lowest;
        }
        this.width = width;
        this.sizes = config.hiddenSizes();
        input = new SparseDenseLayer(source, "enc", width, sizes[0]);
        for (int k = 1; k < sizes.length; k++) {
            deep.add(new Dense(source, "hidden" + k, sizes[k - 1], sizes[k]));
        }
        decoder = source.param("dec.weight", width, sizes[sizes.length - 1]);
        decoderBias = source.param("dec.bias", 1, width);
        params = source.created();
        List<Param> w = new ArrayList<>(List.of(input.weight(), decoder));
        for (Dense d : deep) {
            w.add(d.weight());
        }
        weights = List.copyOf(w);
    }

    List<Param> params() {
        return params;
    }

    /** Width of the last hidden layer (the code a prediction reads). */
    int codeWidth() {
        return sizes[sizes.length - 1];
    }

    /** The activations of every hidden layer for the rows of {@code x}, the last being the codes. */
    float[][] encode(SparseBatch x, int threads) {
        int b = x.rows();
        float[][] acts = new float[sizes.length][];
        acts[0] = new float[b * sizes[0]];
        input.forward(x, acts[0], threads);
        config.encoder().apply(acts[0], b * sizes[0]);
        for (int k = 1; k < sizes.length; k++) {
            acts[k] = new float[b * sizes[k]];
            deep.get(k - 1).forward(acts[k - 1], b, acts[k], threads);
            config.encoder().apply(acts[k], b * sizes[k]);
        }
        return acts;
    }

    /** f(dec_j · code + b_j) in rating units: output entry {@code j} for the code at {@code code[at, at + k)}. */
    float outputAt(int j, float[] code, int at) {
        int k = codeWidth();
        return (config.decoder().of(dot(decoder.value(), j * k, code, at, k) + decoderBias.value()[j]) - shift) / scale;
    }

    /**
     * Forward and backward over a batch whose targets are its own observed entries (the masked loss): accumulates
     * gradients and returns Σ (h(r)_j − t_j)² over the observed j (t the rating in the decoder's units, see
     * {@link #shift}) plus {@code share}·λ/2·Σ‖weights‖².
     */
    double trainStep(SparseBatch x, double share) {
        int b = x.rows();
        int k = codeWidth();
        float[][] acts = encode(x, 0);
        float[] code = acts[acts.length - 1];
        float[] dCode = new float[b * k];
        float[] w = decoder.value();
        float[] gw = decoder.grad();
        float[] bias = decoderBias.value();
        float[] gb = decoderBias.grad();
        int[] ptr = x.pointers();
        int[] cols = x.columns();
        float[] y = x.targets();
        double loss = 0;
        for (int r = 0; r < b; r++) {
            for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                int j = cols[p];
                float out = config.decoder().of(dot(w, j * k, code, r * k, k) + bias[j]);
                float d = out - (shift + scale * y[p]);
                loss += (double) d * d;
                float dz = 2 * d * config.decoder().slope(out);
                SparseDense.axpy(dz, code, r * k, gw, j * k, k);
                gb[j] += dz;
                SparseDense.axpy(dz, w, j * k, dCode, r * k, k);
            }
        }
        float[] dy = dCode;
        for (int layer = sizes.length - 1; layer >= 0; layer--) {
            config.encoder().backward(acts[layer], dy, b * sizes[layer]);
            if (layer == 0) {
                input.backward(x, dy);
            } else {
                float[] dx = new float[b * sizes[layer - 1]];
                deep.get(layer - 1).backward(acts[layer - 1], dy, b, dx);
                dy = dx;
            }
        }
        return loss + regularize(share);
    }

    /** Adds share·λ·W to every weight matrix's gradient; returns share·λ/2·Σ‖W‖². */
    private double regularize(double share) {
        if (config.lambda() == 0) {
            return 0;
        }
        float weightScale = (float) (share * config.lambda());
        double sum = 0;
        for (Param p : weights) {
            float[] v = p.value();
            float[] g = p.grad();
            double ss = 0;
            for (int i = 0; i < v.length; i++) {
                ss += (double) v[i] * v[i];
                g[i] += weightScale * v[i];
            }
            sum += ss;
        }
        return share * config.lambda() / 2 * sum;
    }

    /** A dot product with four partial sums in a fixed order (the same result on every run). */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    int width() {
        return width;
    }
}
