package org.recoder.nn;

import java.util.SplittableRandom;

/**
 * One step of a GRU layer for a batch of rows, with the gate layout and equations of PyTorch's {@code GRUCell}, which
 * the official GRU4Rec code (Hidasi &amp; Czapp, {@code GRU4Rec_PyTorch_Official}) steps one event at a time:
 * <pre>
 *   r  = σ(x·W_ir + b_ir + h·W_hr + b_hr)
 *   z  = σ(x·W_iz + b_iz + h·W_hz + b_hz)
 *   n  = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The input and recurrent products are two {@link Dense} layers, {@code NAME.ih} (in × 3H) and {@code NAME.hh}
 * (H × 3H), whose output columns are the gates in the order r, z, n. (The original Theano GRU4Rec resets before the
 * recurrent product, tanh(x·W + (r ⊙ h)·U); the PyTorch port's order, kept here, is also cuDNN's.)
 *
 * <p>Forward keeps nothing in the layer: a caller that will train passes a cache of {@link #cacheSize} floats per
 * step, which {@link #backward} reads (the gates and h·W_hn + b_hn), so one cell serves training and concurrent
 * inference. Cost per step: 2·batch·3H·(in + H) flops in the two products, O(batch·H) in the gates.
 */
public final class GruCell {
    private final Dense input;
    private final Dense recurrent;
    private final int hidden;

    public GruCell(String name, int in, int hidden) {
        this(ParamSource.fresh(), name, in, hidden);
    }

    /** {@code NAME.ih.weight} (in × 3H), {@code NAME.ih.bias}, {@code NAME.hh.weight} (H × 3H), {@code NAME.hh.bias}. */
    public GruCell(ParamSource params, String name, int in, int hidden) {
        this.input = new Dense(params, name + ".ih", in, 3 * hidden);
        this.recurrent = new Dense(params, name + ".hh", hidden, 3 * hidden);
        this.hidden = hidden;
    }

    public int in() {
        return input.in();
    }

    public int hidden() {
        return hidden;
    }

    public Dense input() {
        return input;
    }

    public Dense recurrent() {
        return recurrent;
    }

    /**
     * Work buffers for steps of up to {@code rows} rows: the two products' outputs forward, their gradients and the
     * recurrent input's gradient backward. A training loop keeps one per cell so that no step allocates; the
     * overloads without it allocate one per call.
     */
    public record Scratch(float[] gx, float[] gh, float[] dgx, float[] dgh, float[] viaGates) {
    }

    /** Work buffers for steps of up to {@code rows} rows. */
    public Scratch scratch(int rows) {
        int g = 3 * hidden * rows;
        return new Scratch(new float[g], new float[g], new float[g], new float[g], new float[rows * hidden]);
    }

    /** Floats of a training step's cache for {@code batch} rows: the three gates and h·W_hn + b_hn. */
    public int cacheSize(int batch) {
        return 4 * batch * hidden;
    }

    /**
     * The initialization the official GRU4Rec's {@code fit} applies by default ({@code compatibility_mode}, as the
     * original Theano code): each gate's block of the input weights (in × H) uniform in ±√(6 / (in + H)), of the
     * recurrent weights (H × H) in ±√(6 / 2H), biases zero.
     */
    public void initialize(SplittableRandom rng) {
        for (Dense d : new Dense[] {input, recurrent}) {
            float[] w = d.weight().value();
            double sigma = Math.sqrt(6.0 / (d.in() + hidden));
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) rng.nextDouble(-sigma, sigma);
            }
            java.util.Arrays.fill(d.bias().value(), 0f);
        }
    }

    /**
     * h'[batch × H] from x[batch × in] and h[batch × H]; {@code cache} ({@link #cacheSize}) is filled for
     * {@link #backward} unless null. {@code hOut} must not be {@code h}. {@code threads} as for {@link Dense}.
     */
    public void forward(float[] x, float[] h, int batch, float[] hOut, float[] cache, int threads) {
        forward(x, h, batch, hOut, cache, threads, scratch(batch));
    }

    /** As {@link #forward(float[], float[], int, float[], float[], int)} in {@code work} (for at least {@code batch} rows). */
    public void forward(float[] x, float[] h, int batch, float[] hOut, float[] cache, int threads, Scratch work) {
        int g = 3 * hidden;
        float[] gx = work.gx();
        float[] gh = work.gh();
        input.forward(x, batch, gx, threads);
        recurrent.forward(h, batch, gh, threads);
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            for (int j = 0; j < hidden; j++) {
                float r = sigmoid(gx[row + j] + gh[row + j]);
                float z = sigmoid(gx[row + hidden + j] + gh[row + hidden + j]);
                float ghn = gh[row + 2 * hidden + j];
                float n = (float) Math.tanh(gx[row + 2 * hidden + j] + r * ghn);
                int at = b * hidden + j;
                hOut[at] = (1 - z) * n + z * h[at];
                if (cache != null) {
                    int c = 4 * b * hidden + j;
                    cache[c] = r;
                    cache[c + hidden] = z;
                    cache[c + 2 * hidden] = n;
                    cache[c + 3 * hidden] = ghn;
                }
            }
        }
    }

    /**
     * Given ∂L/∂h' ({@code dhOut}) for the step whose inputs were {@code x} and {@code h} and whose cache
     * {@link #forward} filled, accumulates the four parameters' gradients and writes ∂L/∂x into {@code dx} (unless
     * null) and ∂L/∂h into {@code dh} (unless null).
     */
    public void backward(float[] x, float[] h, float[] cache, float[] dhOut, int batch, float[] dx, float[] dh) {
        backward(x, h, cache, dhOut, batch, dx, dh, scratch(batch));
    }

    /** As {@link #backward(float[], float[], float[], float[], int, float[], float[])} in {@code work}. */
    public void backward(float[] x, float[] h, float[] cache, float[] dhOut, int batch, float[] dx, float[] dh, Scratch work) {
        int g = 3 * hidden;
        float[] dgx = work.dgx();
        float[] dgh = work.dgh();
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            for (int j = 0; j < hidden; j++) {
                int c = 4 * b * hidden + j;
                float r = cache[c];
                float z = cache[c + hidden];
                float n = cache[c + 2 * hidden];
                float ghn = cache[c + 3 * hidden];
                int at = b * hidden + j;
                float d = dhOut[at];
                float dnPre = d * (1 - z) * (1 - n * n);
                float dzPre = d * (h[at] - n) * z * (1 - z);
                float drPre = dnPre * ghn * r * (1 - r);
                dgx[row + j] = drPre;
                dgx[row + hidden + j] = dzPre;
                dgx[row + 2 * hidden + j] = dnPre;
                dgh[row + j] = drPre;
                dgh[row + hidden + j] = dzPre;
                dgh[row + 2 * hidden + j] = dnPre * r;
            }
        }
        input.backward(x, dgx, batch, dx);
        float[] viaGates = dh == null ? null : work.viaGates();
        recurrent.backward(h, dgh, batch, viaGates);
        if (dh != null) {
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < hidden; j++) {
                    int at = b * hidden + j;
                    dh[at] = dhOut[at] * cache[4 * b * hidden + hidden + j] + viaGates[at];
                }
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
