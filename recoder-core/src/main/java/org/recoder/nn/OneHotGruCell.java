package org.recoder.nn;

import java.util.SplittableRandom;
import org.recoder.linalg.Sgemm;

/**
 * A GRU layer whose input is one item of a catalogue, one-hot: the input product is a row lookup in an
 * items × 3H table. Written as the official GRU4Rec's {@code GRUEmbedding} (Hidasi &amp; Czapp,
 * {@code GRU4Rec_PyTorch_Official}), which is the original Theano GRU, not PyTorch's {@code GRUCell}: the reset gate
 * applies before the recurrent product of the candidate, the bias sits on the input side only, and z weighs the
 * candidate:
 * <pre>
 *   [a_n, a_r, a_z] = W_x[item] + b             (W_x: items × 3H, blocks in the order n, r, z)
 *   r  = σ(a_r + h·W_r),  z = σ(a_z + h·W_z)    (W_rz = [W_r W_z]: H × 2H)
 *   ĥ  = tanh(a_n + (r ⊙ h)·W_h)                (W_h: H × H)
 *   h' = (1 − z) ⊙ h + z ⊙ ĥ
 * </pre>
 * Parameters {@code NAME.x} (items × 3H), {@code NAME.bias} (1 × 3H), {@code NAME.rz} (H × 2H) and {@code NAME.h}
 * (H × H). A step costs 2·batch·3H·H flops in the two recurrent products and O(batch·H) elsewhere, whatever the
 * number of items: that is what one-hot input buys over an items × 3H product. Forward keeps nothing in the layer
 * (the caller passes a cache of {@link #cacheSize} floats for {@link #backward}), so one cell serves training and
 * concurrent inference.
 */
public final class OneHotGruCell {
    private final Param gates;
    private final Param bias;
    private final Param rz;
    private final Param candidate;
    private final int hidden;

    public OneHotGruCell(ParamSource params, String name, int items, int hidden) {
        this.gates = params.param(name + ".x", items, 3 * hidden);
        this.bias = params.param(name + ".bias", 1, 3 * hidden);
        this.rz = params.param(name + ".rz", hidden, 2 * hidden);
        this.candidate = params.param(name + ".h", hidden, hidden);
        this.hidden = hidden;
    }

    public int hidden() {
        return hidden;
    }

    /** The item table W_x (items × 3H): its rows are updated sparsely, as an embedding's. */
    public Param gates() {
        return gates;
    }

    /** The bias b, W_rz and W_h: dense parameters. */
    public java.util.List<Param> denseParams() {
        return java.util.List.of(bias, rz, candidate);
    }

    /** Work buffers for steps of up to {@code rows} rows; one per training loop so that no step allocates. */
    public record Scratch(float[] hrz, float[] hn, float[] dA, float[] dRz, float[] dRh) {
    }

    public Scratch scratch(int rows) {
        return new Scratch(new float[rows * 2 * hidden], new float[rows * hidden], new float[rows * 3 * hidden],
                new float[rows * 2 * hidden], new float[rows * hidden]);
    }

    /** Floats of a training step's cache for {@code batch} rows: r, z, ĥ and r ⊙ h. */
    public int cacheSize(int batch) {
        return 4 * batch * hidden;
    }

    /**
     * The official code's {@code _reset_weights_to_compatibility_mode}: each block of W_x (items × H) uniform in
     * ±√(6 / (items + H)), each block of W_rz and W_h (H × H) in ±√(6 / 2H), the bias zero.
     */
    public void initialize(SplittableRandom rng) {
        fill(gates.value(), Math.sqrt(6.0 / (gates.rows() + hidden)), rng);
        double sigma = Math.sqrt(6.0 / (2.0 * hidden));
        fill(rz.value(), sigma, rng);
        fill(candidate.value(), sigma, rng);
        java.util.Arrays.fill(bias.value(), 0f);
    }

    private static void fill(float[] w, double sigma, SplittableRandom rng) {
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) rng.nextDouble(-sigma, sigma);
        }
    }

    /**
     * h'[batch × H] from the rows' items and h[batch × H]; {@code cache} is filled for {@link #backward} unless
     * null. {@code hOut} must not be {@code h}.
     */
    public void forward(int[] items, float[] h, int batch, float[] hOut, float[] cache, int threads, Scratch work) {
        int hh = hidden;
        float[] hrz = work.hrz();
        float[] hn = work.hn();
        float[] wx = gates.value();
        float[] b = bias.value();
        Sgemm.gemm(false, false, batch, 2 * hh, hh, 1f, h, 0, hh, rz.value(), 0, 2 * hh, 0f, hrz, 0, 2 * hh, threads);
        // r ⊙ h goes to the cache (or to hOut as scratch) for the candidate's product.
        float[] rh = cache != null ? cache : hOut;
        int rhAt = cache != null ? 3 * batch * hh : 0;
        for (int r = 0; r < batch; r++) {
            int row = items[r] * 3 * hh;
            for (int j = 0; j < hh; j++) {
                float gateR = sigmoid(wx[row + hh + j] + b[hh + j] + hrz[r * 2 * hh + j]);
                rh[rhAt + r * hh + j] = gateR * h[r * hh + j];
                if (cache != null) {
                    cache[r * hh + j] = gateR;
                }
            }
        }
        Sgemm.gemm(false, false, batch, hh, hh, 1f, rh, rhAt, hh, candidate.value(), 0, hh, 0f, hn, 0, hh, threads);
        for (int r = 0; r < batch; r++) {
            int row = items[r] * 3 * hh;
            for (int j = 0; j < hh; j++) {
                float z = sigmoid(wx[row + 2 * hh + j] + b[2 * hh + j] + hrz[r * 2 * hh + hh + j]);
                float cand = (float) Math.tanh(wx[row + j] + b[j] + hn[r * hh + j]);
                int at = r * hh + j;
                hOut[at] = (1 - z) * h[at] + z * cand;
                if (cache != null) {
                    cache[batch * hh + at] = z;
                    cache[2 * batch * hh + at] = cand;
                }
            }
        }
    }

    /**
     * Given ∂L/∂h' for the step {@link #forward} cached, accumulates the gradients of b, W_rz and W_h, adds each
     * row's ∂L/∂a to its item's row of W_x's gradient, and writes ∂L/∂h into {@code dh} unless null.
     */
    public void backward(int[] items, float[] h, float[] cache, float[] dhOut, int batch, float[] dh, Scratch work) {
        int hh = hidden;
        int n = batch * hh;
        float[] dA = work.dA();
        float[] dRz = work.dRz();
        float[] dRh = work.dRh();
        // ĥ's pre-activation: da_n = dh'·z·(1 − ĥ²).
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hh; j++) {
                int at = r * hh + j;
                float z = cache[n + at];
                float cand = cache[2 * n + at];
                float d = dhOut[at];
                dA[r * 3 * hh + j] = d * z * (1 - cand * cand);
                float dz = d * (cand - h[at]) * z * (1 - z);
                dA[r * 3 * hh + 2 * hh + j] = dz;
                dRz[r * 2 * hh + hh + j] = dz;
            }
        }
        // Through (r ⊙ h)·W_h: W_h's gradient, then ∂L/∂(r ⊙ h) = da_n · W_hᵀ.
        float[] dn = work.hn();
        for (int r = 0; r < batch; r++) {
            System.arraycopy(dA, r * 3 * hh, dn, r * hh, hh);
        }
        Sgemm.gemm(true, false, hh, hh, batch, 1f, cache, 3 * n, hh, dn, 0, hh, 1f, candidate.grad(), 0, hh, 0);
        Sgemm.gemm(false, true, batch, hh, hh, 1f, dn, 0, hh, candidate.value(), 0, hh, 0f, dRh, 0, hh, 0);
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hh; j++) {
                int at = r * hh + j;
                float gateR = cache[at];
                float dr = dRh[at] * h[at] * gateR * (1 - gateR);
                dA[r * 3 * hh + hh + j] = dr;
                dRz[r * 2 * hh + j] = dr;
            }
        }
        float[] bg = bias.grad();
        float[] xg = gates.grad();
        for (int r = 0; r < batch; r++) {
            int row = items[r] * 3 * hh;
            for (int k = 0; k < 3 * hh; k++) {
                float d = dA[r * 3 * hh + k];
                xg[row + k] += d;
                bg[k] += d;
            }
        }
        Sgemm.gemm(true, false, hh, 2 * hh, batch, 1f, h, 0, hh, dRz, 0, 2 * hh, 1f, rz.grad(), 0, 2 * hh, 0);
        if (dh != null) {
            float[] viaRz = work.hrz();
            Sgemm.gemm(false, true, batch, hh, 2 * hh, 1f, dRz, 0, 2 * hh, rz.value(), 0, 2 * hh, 0f, viaRz, 0, hh, 0);
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < hh; j++) {
                    int at = r * hh + j;
                    dh[at] = dhOut[at] * (1 - cache[n + at]) + dRh[at] * cache[at] + viaRz[at];
                }
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
