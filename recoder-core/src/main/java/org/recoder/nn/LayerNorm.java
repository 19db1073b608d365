package org.recoder.nn;

/**
 * Layer normalization (Ba, Kiros &amp; Hinton 2016) over each row: y = γ ⊙ (x − mean) / √(var + eps) + β, var the
 * biased row variance. RecVAE uses eps = 0.1. Training passes a {@link Cache} to keep the normalized rows and
 * inverse deviations for backward; inference passes none, so one layer object serves both, concurrently.
 */
public final class LayerNorm {
    private final Param gain;
    private final Param shift;
    private final float eps;

    /** What backward needs from a forward pass; grows with the batch, never shrinks. */
    public static final class Cache {
        private float[] normalized = new float[0];
        private float[] inverseStd = new float[0];
    }

    public LayerNorm(String name, int width, float eps) {
        this(ParamSource.fresh(), name, width, eps);
    }

    /** {@code name.gain} (1 when fresh) and {@code name.shift} (0 when fresh), both of length width. */
    public LayerNorm(ParamSource params, String name, int width, float eps) {
        this.gain = params.param(name + ".gain", 1, width);
        this.shift = params.param(name + ".shift", 1, width);
        if (params.isFresh()) {
            java.util.Arrays.fill(gain.value, 1f);
        }
        this.eps = eps;
    }

    public Param gain() {
        return gain;
    }

    public Param shift() {
        return shift;
    }

    /** y[rows×width] from x (may be the same array); keeps what backward needs in {@code cache} unless it is null. */
    public void forward(float[] x, int rows, float[] y, Cache cache) {
        int w = gain.cols();
        if (cache != null && cache.normalized.length < rows * w) {
            cache.normalized = new float[rows * w];
            cache.inverseStd = new float[rows];
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
            if (cache != null) {
                cache.inverseStd[r] = inv;
            }
            for (int j = 0; j < w; j++) {
                float n = (float) ((x[off + j] - mean) * inv);
                if (cache != null) {
                    cache.normalized[off + j] = n;
                }
                y[off + j] = gain.value[j] * n + shift.value[j];
            }
        }
    }

    /** Accumulates dγ, dβ and writes dx (may be {@code dy}) for dy[rows×width], from the forward pass's cache. */
    public void backward(Cache cache, float[] dy, int rows, float[] dx) {
        int w = gain.cols();
        float[] normalized = cache.normalized;
        float[] dGain = gain.grad();
        float[] dShift = shift.grad();
        for (int r = 0; r < rows; r++) {
            int off = r * w;
            double sumG = 0;
            double sumGn = 0;
            for (int j = 0; j < w; j++) {
                float g = dy[off + j] * gain.value[j];
                sumG += g;
                sumGn += g * normalized[off + j];
                dGain[j] += dy[off + j] * normalized[off + j];
                dShift[j] += dy[off + j];
            }
            float inv = cache.inverseStd[r];
            for (int j = 0; j < w; j++) {
                float g = dy[off + j] * gain.value[j];
                dx[off + j] = (float) (inv * (g - sumG / w - normalized[off + j] * sumGn / w));
            }
        }
    }
}
