package org.recoder.nn;

import org.recoder.linalg.Sgemm;

/**
 * A fully connected layer y = x·W + b for a batch of rows, W of shape in×out. Forward keeps nothing, so one layer
 * object serves training and any number of concurrent inference calls; backward is given the forward input and
 * accumulates dW += xᵀ·dy and db += Σ_rows dy, and returns dx = dy·Wᵀ when asked.
 */
public final class Dense {
    private final Param weight;
    private final Param bias;
    /**
     * Wᵀ (out×in), kept once {@link #freezeForInference} has been called: forward passes then stream it as row dot
     * products instead of packing W on every call.
     */
    private volatile float[] frozenTranspose;

    public Dense(String name, int in, int out) {
        this(ParamSource.fresh(), name, in, out);
    }

    /** {@code name.weight} (in×out) and {@code name.bias} (out) from {@code params}. */
    public Dense(ParamSource params, String name, int in, int out) {
        this.weight = params.param(name + ".weight", in, out);
        this.bias = params.param(name + ".bias", 1, out);
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int in() {
        return weight.rows();
    }

    public int out() {
        return weight.cols();
    }

    /** y[batch×out] = x[batch×in]·W + b, on all cores. */
    public void forward(float[] x, int batch, float[] y) {
        forward(x, batch, y, 0);
    }

    /** As {@link #forward(float[], int, float[])} on {@code threads} threads (1 for one of several parallel scorers). */
    public void forward(float[] x, int batch, float[] y, int threads) {
        int out = out();
        for (int r = 0; r < batch; r++) {
            System.arraycopy(bias.value, 0, y, r * out, out);
        }
        float[] wt = frozenTranspose;
        if (wt != null) {
            // Row dot products for every batch size, so that a row's output does not depend on its batch.
            Sgemm.dots(batch, out, in(), 1f, x, 0, in(), wt, 0, in(), 1f, y, 0, out, threads);
            return;
        }
        Sgemm.gemm(false, false, batch, out, in(), 1f, x, 0, in(), weight.value, 0, out, 1f, y, 0, out, threads);
    }

    /**
     * For a layer whose weights will not change again (a model being served): keeps a transposed copy of W, as much
     * memory again, so that forward passes read it in stored order as row dot products ({@link Sgemm#dots}) instead
     * of packing all of W per call, which dominates for the few rows of a server's requests: one history through
     * Mult-VAE's 600 × 20,108 output layer drops from 9.4 to 2.4 ms on the development machine (docs/performance.md).
     * A row's output is then the same whatever batch it is in. Idempotent; training the layer afterwards is an error.
     */
    public synchronized void freezeForInference() {
        if (frozenTranspose != null) {
            return;
        }
        int in = in();
        int out = out();
        float[] w = weight.value();
        float[] wt = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                wt[j * in + i] = w[i * out + j];
            }
        }
        frozenTranspose = wt;
    }

    /** y[r] += bias for each of {@code rows} rows of width bias.length. */
    public static void addBias(float[] y, int rows, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < bias.length; j++) {
                y[r * bias.length + j] += bias[j];
            }
        }
    }

    /**
     * Accumulates the parameter gradients for dy[batch×out], {@code x} being the forward input; writes dx[batch×in]
     * unless {@code dx} is null.
     */
    public void backward(float[] x, float[] dy, int batch, float[] dx) {
        if (frozenTranspose != null) {
            throw new IllegalStateException("layer " + weight.name() + " is frozen for inference and cannot be trained");
        }
        int out = out();
        Sgemm.gemm(true, false, in(), out, batch, 1f, x, 0, in(), dy, 0, out, 1f, weight.grad(), 0, out, 0);
        float[] db = bias.grad();
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < out; j++) {
                db[j] += dy[r * out + j];
            }
        }
        if (dx != null) {
            Sgemm.gemm(false, true, batch, in(), out, 1f, dy, 0, out, weight.value, 0, out, 0f, dx, 0, in(), 0);
        }
    }
}
