package org.recoder.nn;

import org.recoder.linalg.Sgemm;

/**
 * A fully connected layer y = x·W + b for a batch of rows, W of shape in×out. Backward accumulates
 * dW += xᵀ·dy and db += Σ_rows dy, and returns dx = dy·Wᵀ when asked. The input is kept by reference between
 * forward and backward, so the caller must not overwrite it in between.
 */
public final class Dense {
    private final Param weight;
    private final Param bias;
    private float[] input;

    public Dense(String name, int in, int out) {
        this.weight = new Param(name + ".weight", in, out);
        this.bias = new Param(name + ".bias", 1, out);
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

    /** y[batch×out] = x[batch×in]·W + b. */
    public void forward(float[] x, int batch, float[] y) {
        input = x;
        apply(x, batch, in(), weight.value, bias.value, out(), y, 0);
    }

    /**
     * The same product from plain arrays, without keeping anything for backward: what inference from a saved
     * model uses ({@code threads} 1 when the caller is already one of several parallel scorers).
     */
    public static void apply(float[] x, int rows, int in, float[] weight, float[] bias, int out, float[] y, int threads) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, y, r * out, out);
        }
        Sgemm.gemm(false, false, rows, out, in, 1f, x, 0, in, weight, 0, out, 1f, y, 0, out, threads);
    }

    /** y[r] += bias for each of {@code rows} rows of width bias.length. */
    public static void addBias(float[] y, int rows, float[] bias) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < bias.length; j++) {
                y[r * bias.length + j] += bias[j];
            }
        }
    }

    /** Accumulates the parameter gradients for dy[batch×out]; writes dx[batch×in] unless {@code dx} is null. */
    public void backward(float[] dy, int batch, float[] dx) {
        int out = out();
        Sgemm.gemm(true, false, in(), out, batch, 1f, input, 0, in(), dy, 0, out, 1f, weight.grad, 0, out, 0);
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < out; j++) {
                bias.grad[j] += dy[r * out + j];
            }
        }
        if (dx != null) {
            Sgemm.gemm(false, true, batch, in(), out, 1f, dy, 0, out, weight.value, 0, out, 0f, dx, 0, in(), 0);
        }
    }
}
