package org.recoder.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-wise and element-wise operations on row-major float matrices, in place, vectorized: softmax, log-softmax,
 * logsumexp, the softplus sum of binary cross-entropy, L2 normalization, and the activations with their derivatives. Softmax-type operations subtract the
 * row maximum first, so large logits neither overflow nor lose the distribution. Transcendentals come from
 * {@link VectorMath}, so results are the same whether the JIT has compiled the code yet or not.
 */
public final class RowOps {
    private static final VectorSpecies<Float> S = Sgemm.SPECIES;

    private RowOps() {
    }

    /** log Σ_j exp(x[r, j]) for each of {@code rows} rows of width {@code cols}, into {@code out[r]}. */
    public static void logSumExp(float[] x, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            out[r] = logSumExp(x, r * cols, cols);
        }
    }

    /** Replaces each row by its softmax. */
    public static void softmax(float[] x, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            float max = max(x, off, cols);
            float sum = expShiftInPlace(x, off, cols, max);
            scale(x, off, cols, 1f / sum);
        }
    }

    /** Replaces each row by its log-softmax, x − logsumexp(x). */
    public static void logSoftmax(float[] x, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            add(x, off, cols, -logSumExp(x, off, cols));
        }
    }

    /** Scales each row to unit Euclidean norm; rows with norm below {@code eps} are divided by eps instead. */
    public static void l2NormalizeRows(float[] x, int rows, int cols, float eps) {
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            FloatVector acc = FloatVector.zero(S);
            int j = 0;
            for (int bound = S.loopBound(cols); j < bound; j += S.length()) {
                FloatVector v = FloatVector.fromArray(S, x, off + j);
                acc = v.fma(v, acc);
            }
            double ss = sumLanes(acc);
            for (; j < cols; j++) {
                ss += (double) x[off + j] * x[off + j];
            }
            scale(x, off, cols, (float) (1 / Math.max(Math.sqrt(ss), eps)));
        }
    }

    /** The element-wise activations used by the autoencoders. */
    public enum Activation {
        IDENTITY, RELU, SIGMOID, TANH;

        /** f(x) of one value: the same function as {@link #apply}'s scalar tail. */
        public float of(float x) {
            return switch (this) {
                case IDENTITY -> x;
                case RELU -> Math.max(x, 0f);
                case SIGMOID -> VectorMath.sigmoid(x);
                case TANH -> VectorMath.tanh(x);
            };
        }

        /** f'(x) expressed through the output y = f(x), as {@link #backward} multiplies by it. */
        public float slope(float y) {
            return switch (this) {
                case IDENTITY -> 1f;
                case RELU -> y > 0f ? 1f : 0f;
                case SIGMOID -> y * (1 - y);
                case TANH -> 1 - y * y;
            };
        }

        /** y = f(x) over {@code x[0, n)}, in place. */
        public void apply(float[] x, int n) {
            switch (this) {
                case IDENTITY -> { }
                case RELU -> {
                    int j = 0;
                    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                        FloatVector.fromArray(S, x, j).max(0f).intoArray(x, j);
                    }
                    for (; j < n; j++) {
                        x[j] = Math.max(x[j], 0f);
                    }
                }
                case SIGMOID -> {
                    int j = 0;
                    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                        VectorMath.sigmoid(FloatVector.fromArray(S, x, j)).intoArray(x, j);
                    }
                    for (; j < n; j++) {
                        x[j] = VectorMath.sigmoid(x[j]);
                    }
                }
                case TANH -> {
                    int j = 0;
                    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                        VectorMath.tanh(FloatVector.fromArray(S, x, j)).intoArray(x, j);
                    }
                    for (; j < n; j++) {
                        x[j] = VectorMath.tanh(x[j]);
                    }
                }
            }
        }

        /**
         * Back-propagation through the activation: {@code grad[j] *= f'(x_j)}, expressed through the output
         * {@code y = f(x)} (relu: y > 0; sigmoid: y(1 − y); tanh: 1 − y²).
         */
        public void backward(float[] y, float[] grad, int n) {
            switch (this) {
                case IDENTITY -> { }
                case RELU -> {
                    for (int j = 0; j < n; j++) {
                        if (!(y[j] > 0f)) {
                            grad[j] = 0f;
                        }
                    }
                }
                case SIGMOID -> {
                    int j = 0;
                    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                        FloatVector v = FloatVector.fromArray(S, y, j);
                        FloatVector.fromArray(S, grad, j).mul(v.mul(v.neg().add(1f))).intoArray(grad, j);
                    }
                    for (; j < n; j++) {
                        grad[j] *= y[j] * (1 - y[j]);
                    }
                }
                case TANH -> {
                    int j = 0;
                    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
                        FloatVector v = FloatVector.fromArray(S, y, j);
                        FloatVector.fromArray(S, grad, j).mul(v.mul(v).neg().add(1f)).intoArray(grad, j);
                    }
                    for (; j < n; j++) {
                        grad[j] *= 1 - y[j] * y[j];
                    }
                }
            }
        }
    }

    /**
     * The all-negatives part of binary cross-entropy with logits, in one pass: returns Σ_j softplus(z_j) =
     * Σ_j log(1 + e^{z_j}) over {@code z[off, off + len)} and writes grad[off + j] = σ(z_j)·scale. A caller
     * subtracts z for each positive (and scale from its gradient). Stable for any z: softplus(z) = max(z, 0) +
     * log(1 + e^{−|z|}).
     */
    public static double softplusSum(float[] z, int off, int len, float scale, float[] grad) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, z, off + j);
            FloatVector t = VectorMath.exp(v.abs().neg());
            FloatVector onePlus = t.add(one);
            acc = acc.add(v.max(0f).add(VectorMath.log(onePlus)));
            FloatVector sig = one.blend(t, v.compare(VectorOperators.LT, 0f)).div(onePlus);
            sig.mul(scale).intoArray(grad, off + j);
        }
        double sum = sumLanes(acc);
        for (; j < len; j++) {
            float v = z[off + j];
            float t = VectorMath.exp(-Math.abs(v));
            sum += Math.max(v, 0f) + VectorMath.log(1f + t);
            grad[off + j] = (v < 0 ? t : 1f) / (1f + t) * scale;
        }
        return sum;
    }

    static float logSumExp(float[] x, int off, int len) {
        if (len == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        float max = max(x, off, len);
        if (max == Float.NEGATIVE_INFINITY || max == Float.POSITIVE_INFINITY || Float.isNaN(max)) {
            return max;
        }
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(S, x, off + j).sub(max)));
        }
        double sum = sumLanes(acc);
        for (; j < len; j++) {
            sum += VectorMath.exp(x[off + j] - max);
        }
        return (float) (max + Math.log(sum));
    }

    /**
     * The lanes' sum in lane order. {@code reduceLanes(ADD)} is not used: its summation order differs between
     * the compiled intrinsic and the fallback, so results would depend on JIT timing.
     */
    private static double sumLanes(FloatVector acc) {
        float[] lanes = acc.toArray();
        double s = 0;
        for (float v : lanes) {
            s += v;
        }
        return s;
    }

    private static float max(float[] x, int off, int len) {
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            acc = acc.max(FloatVector.fromArray(S, x, off + j));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            m = Math.max(m, x[off + j]);
        }
        return m;
    }

    private static float expShiftInPlace(float[] x, int off, int len, float shift) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, off + j).sub(shift));
            e.intoArray(x, off + j);
            acc = acc.add(e);
        }
        double sum = sumLanes(acc);
        for (; j < len; j++) {
            float e = VectorMath.exp(x[off + j] - shift);
            x[off + j] = e;
            sum += e;
        }
        return (float) sum;
    }

    private static void scale(float[] x, int off, int len, float a) {
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            FloatVector.fromArray(S, x, off + j).mul(a).intoArray(x, off + j);
        }
        for (; j < len; j++) {
            x[off + j] *= a;
        }
    }

    private static void add(float[] x, int off, int len, float a) {
        int j = 0;
        for (int bound = S.loopBound(len); j < bound; j += S.length()) {
            FloatVector.fromArray(S, x, off + j).add(a).intoArray(x, off + j);
        }
        for (; j < len; j++) {
            x[off + j] += a;
        }
    }
}
