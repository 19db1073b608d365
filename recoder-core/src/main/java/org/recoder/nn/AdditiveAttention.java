package org.recoder.nn;

import java.util.Arrays;
import org.recoder.linalg.Sgemm;

/**
 * NARM's local encoder (Li, Ren, Chen, Ren, Lian &amp; Ma, "Neural Attentive Session-based Recommendation", CIKM 2017,
 * eq. 6–8): for a row whose recurrent states are h₁ … h_n and whose query is q (NARM: the last state h_n),
 * <pre>
 *   e_j = vᵀ σ(A₁·q + A₂·h_j),   c = Σ_j α_j h_j
 * </pre>
 * with α = softmax over the row's states of e ({@link Weighting#SOFTMAX}, as the reference code
 * {@code lijingsdu/sessionRec_NARM} normalises them with a masked softmax) or α = e itself ({@link Weighting#SIGMOID},
 * the paper's equations as written). A₁ and A₂ (H × H, {@code NAME.query} and {@code NAME.key}, applied as q·A₁) and
 * v ({@code NAME.v}, H × 1) have no bias, as in both. (The reference applies Theano's piecewise-linear
 * {@code hard_sigmoid} where the paper writes σ; the logistic σ of the paper is used here.)
 *
 * <p>Rows have their own lengths and are given in order of non-increasing length, so that the rows still running at
 * step t are the first {@code active(t)}: states are stored step by step, {@code states[t]} holding those rows'
 * states (row b at b·H), and every product runs on those rows alone, with no padding. Forward keeps its activations
 * in a {@link Work}, which {@link #backward} reads, so one layer serves training and concurrent scoring. Cost: 2·n·H²
 * flops per row for the keys (of which one query's 2H² per row) and O(n·H) for the weights.
 */
public final class AdditiveAttention {
    /** How the energies e_j become the weights α_j. */
    public enum Weighting {
        /** α = softmax_j(e) over the row's states (the reference code). */
        SOFTMAX,
        /** α_j = e_j, unnormalised (the paper's eq. 7 as printed). */
        SIGMOID
    }

    private final Param query;
    private final Param key;
    private final Param v;
    private final int hidden;
    private final Weighting weighting;

    /** {@code NAME.query} and {@code NAME.key} (H × H) and {@code NAME.v} (H × 1) from {@code params}. */
    public AdditiveAttention(ParamSource params, String name, int hidden, Weighting weighting) {
        this.query = params.param(name + ".query", hidden, hidden);
        this.key = params.param(name + ".key", hidden, hidden);
        this.v = params.param(name + ".v", hidden, 1);
        this.hidden = hidden;
        this.weighting = weighting;
    }

    public Param query() {
        return query;
    }

    public Param key() {
        return key;
    }

    public Param v() {
        return v;
    }

    /**
     * Buffers for up to {@code rows} rows of up to {@code steps} states: the projected query and keys, the sigmoid
     * activations and the weights forward; their gradients backward.
     */
    public record Work(float[] q, float[][] keys, float[][] act, float[] alpha, float[] dq, float[][] dKeys, float[] dAlpha,
                       int rows, int steps) {
    }

    /** Buffers for up to {@code rows} rows of up to {@code steps} states each. */
    public Work work(int rows, int steps) {
        float[][] keys = new float[steps][rows * hidden];
        float[][] act = new float[steps][rows * hidden];
        float[][] dKeys = new float[steps][rows * hidden];
        return new Work(new float[rows * hidden], keys, act, new float[rows * steps], new float[rows * hidden], dKeys,
                new float[rows * steps], rows, steps);
    }

    /**
     * Rows still running at step t: those of the first {@code rows} whose length exceeds t (a prefix, the rows being
     * ordered by non-increasing length).
     */
    public static int active(int[] lengths, int rows, int t) {
        int n = 0;
        while (n < rows && lengths[n] > t) {
            n++;
        }
        return n;
    }

    /**
     * c[b] (rows × H) for each row b: {@code states[t]} holds step t's states, {@code lengths[b]} (non-increasing,
     * each ≥ 1 and ≤ {@code work.steps()}) is row b's count, {@code q} (rows × H) its query.
     */
    public void forward(float[][] states, int[] lengths, int rows, float[] q, float[] out, Work w, int threads) {
        int h = hidden;
        checkOrder(lengths, rows, w);
        Sgemm.gemm(false, false, rows, h, h, 1f, q, 0, h, query.value(), 0, h, 0f, w.q(), 0, h, threads);
        int steps = lengths[0];
        for (int t = 0; t < steps; t++) {
            int n = active(lengths, rows, t);
            Sgemm.gemm(false, false, n, h, h, 1f, states[t], 0, h, key.value(), 0, h, 0f, w.keys()[t], 0, h, threads);
        }
        float[] vv = v.value();
        int stride = w.steps();
        for (int b = 0; b < rows; b++) {
            int len = lengths[b];
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < len; t++) {
                float[] a = w.act()[t];
                float[] k = w.keys()[t];
                double e = 0;
                for (int j = 0; j < h; j++) {
                    float s = sigmoid(w.q()[b * h + j] + k[b * h + j]);
                    a[b * h + j] = s;
                    e += (double) vv[j] * s;
                }
                w.alpha()[b * stride + t] = (float) e;
                max = Math.max(max, e);
            }
            if (weighting == Weighting.SOFTMAX) {
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    double x = Math.exp(w.alpha()[b * stride + t] - max);
                    w.alpha()[b * stride + t] = (float) x;
                    sum += x;
                }
                for (int t = 0; t < len; t++) {
                    w.alpha()[b * stride + t] = (float) (w.alpha()[b * stride + t] / sum);
                }
            }
            Arrays.fill(out, b * h, b * h + h, 0f);
            for (int t = 0; t < len; t++) {
                float al = w.alpha()[b * stride + t];
                float[] s = states[t];
                for (int j = 0; j < h; j++) {
                    out[b * h + j] += al * s[b * h + j];
                }
            }
        }
    }

    /**
     * Given ∂L/∂c ({@code dOut}, rows × H) after {@link #forward} with the same arguments and work, accumulates the
     * three parameters' gradients, adds ∂L/∂h_t into {@code dStates[t]} (for the running rows) and ∂L/∂q into
     * {@code dq}.
     */
    public void backward(float[][] states, int[] lengths, int rows, float[] q, float[] dOut, float[][] dStates,
                         float[] dq, Work w, int threads) {
        int h = hidden;
        int stride = w.steps();
        float[] vv = v.value();
        float[] dv = v.grad();
        float[] dqp = w.dq();
        Arrays.fill(dqp, 0, rows * h, 0f);
        for (int b = 0; b < rows; b++) {
            int len = lengths[b];
            double weighted = 0;
            for (int t = 0; t < len; t++) {
                float[] s = states[t];
                float al = w.alpha()[b * stride + t];
                double da = 0;
                for (int j = 0; j < h; j++) {
                    da += (double) dOut[b * h + j] * s[b * h + j];
                    dStates[t][b * h + j] += al * dOut[b * h + j];
                }
                w.dAlpha()[b * stride + t] = (float) da;
                weighted += al * da;
            }
            for (int t = 0; t < len; t++) {
                float de = weighting == Weighting.SOFTMAX
                        ? (float) (w.alpha()[b * stride + t] * (w.dAlpha()[b * stride + t] - weighted))
                        : w.dAlpha()[b * stride + t];
                float[] a = w.act()[t];
                float[] dk = w.dKeys()[t];
                for (int j = 0; j < h; j++) {
                    float s = a[b * h + j];
                    dv[j] += de * s;
                    float pre = de * vv[j] * s * (1 - s);
                    dk[b * h + j] = pre;
                    dqp[b * h + j] += pre;
                }
            }
        }
        int steps = lengths[0];
        for (int t = 0; t < steps; t++) {
            int n = active(lengths, rows, t);
            Sgemm.gemm(true, false, h, h, n, 1f, states[t], 0, h, w.dKeys()[t], 0, h, 1f, key.grad(), 0, h, threads);
            Sgemm.gemm(false, true, n, h, h, 1f, w.dKeys()[t], 0, h, key.value(), 0, h, 1f, dStates[t], 0, h, threads);
        }
        Sgemm.gemm(true, false, h, h, rows, 1f, q, 0, h, dqp, 0, h, 1f, query.grad(), 0, h, threads);
        Sgemm.gemm(false, true, rows, h, h, 1f, dqp, 0, h, query.value(), 0, h, 1f, dq, 0, h, threads);
    }

    private static void checkOrder(int[] lengths, int rows, Work w) {
        if (rows > w.rows()) {
            throw new IllegalArgumentException(rows + " rows, but the work buffers hold " + w.rows());
        }
        for (int b = 0; b < rows; b++) {
            if (lengths[b] < 1 || lengths[b] > w.steps() || (b > 0 && lengths[b] > lengths[b - 1])) {
                throw new IllegalArgumentException("row lengths must be in [1, " + w.steps() + "] and non-increasing, got "
                        + Arrays.toString(Arrays.copyOf(lengths, rows)));
            }
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
