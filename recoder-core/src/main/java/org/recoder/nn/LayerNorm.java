package org.recoder.nn;

/**
 * Layer normalization (Ba, Kiros &amp; Hinton 2016) over each row: y = γ ⊙ (x − mean) / √(var + eps) + β, var the
 * biased row variance. RecVAE uses eps = 0.1. Keeps the normalized rows and inverse deviations for backward.
 */
public final class LayerNorm {
    private final Param gain;
    private final Param shift;
    private final float eps;
    private float[] normalized = new float[0];
    private float[] inverseStd = new float[0];

    public LayerNorm(String name, int width, float eps) {
        this.gain = new Param(name + ".gain", 1, width);
        this.shift = new Param(name + ".shift", 1, width);
        java.util.Arrays.fill(gain.value, 1f);
        this.eps = eps;
    }

    public Param gain() {
        return gain;
    }

    public Param shift() {
        return shift;
    }

    /** y[rows×width] from x (may be the same array). */
    public void forward(float[] x, int rows, float[] y) {
        int w = gain.cols();
        if (normalized.length < rows * w) {
            normalized = new float[rows * w];
            inverseStd = new float[rows];
        }
        for (int r = 0; r < rows; r++) {
            int off = r * w;
            double mean = 0;
            for (int j = 0; j < w; j++) {
                mean += x[off + j];
            }
            mean /= w;
            double var = 0;
            for (int j = 0; j < w; j++) {
                double d = x[off + j] - mean;
                var += d * d;
            }
            var /= w;
            float inv = (float) (1 / Math.sqrt(var + eps));
            inverseStd[r] = inv;
            for (int j = 0; j < w; j++) {
                float n = (float) ((x[off + j] - mean) * inv);
                normalized[off + j] = n;
                y[off + j] = gain.value[j] * n + shift.value[j];
            }
        }
    }

    /** Accumulates dγ, dβ and writes dx (may be {@code dy}) for dy[rows×width]. */
    public void backward(float[] dy, int rows, float[] dx) {
        int w = gain.cols();
        for (int r = 0; r < rows; r++) {
            int off = r * w;
            double sumG = 0;
            double sumGn = 0;
            for (int j = 0; j < w; j++) {
                float g = dy[off + j] * gain.value[j];
                sumG += g;
                sumGn += g * normalized[off + j];
                gain.grad[j] += dy[off + j] * normalized[off + j];
                shift.grad[j] += dy[off + j];
            }
            float inv = inverseStd[r];
            for (int j = 0; j < w; j++) {
                float g = dy[off + j] * gain.value[j];
                dx[off + j] = (float) (inv * (g - sumG / w - normalized[off + j] * sumGn / w));
            }
        }
    }
}
