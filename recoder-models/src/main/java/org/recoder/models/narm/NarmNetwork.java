package org.recoder.models.narm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.linalg.Sgemm;
import org.recoder.nn.AdditiveAttention;
import org.recoder.nn.Elementwise;
import org.recoder.nn.GruCell;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/**
 * NARM's network, written once for training and scoring (Li et al., CIKM 2017, §3): the items of a prefix,
 * embedded ({@code item.embedding}, items × E) with dropout, step a GRU ({@code gru0}, E → H) from a zero state;
 * the global encoder is the last state c_g = h_n, the local one the attention of c_g over all states
 * ({@link AdditiveAttention}, {@code attention.*}); the context c = [c_l; c_g] (2H), with dropout, is mapped to
 * u = c·B ({@code decoder.bilinear}, 2H × E) and item i scores u · embedding_i: the bilinear decoder sharing the
 * input embeddings, with no bias (as in the reference code).
 *
 * <p>A batch is given as rows of item indices with their lengths, in order of non-increasing length, so that each
 * GRU step and attention product runs on the rows still running (no padding). Cost per row of n items:
 * n · 6H(E + H) flops in the GRU, 2nH² in the attention, 4HE in the decoder and 2·items·E for the scores; backward
 * about twice that.
 */
final class NarmNetwork {
    final Param embedding;
    final GruCell gru;
    final AdditiveAttention attention;
    final Param bilinear;
    final int items;
    final int e;
    final int h;

    NarmNetwork(ParamSource params, int items, NarmConfig config) {
        this.items = items;
        this.e = config.embedding();
        this.h = config.hidden();
        embedding = params.param("item.embedding", items, e);
        gru = new GruCell(params, "gru0", e, h);
        attention = new AdditiveAttention(params, "attention", h, config.attention());
        bilinear = params.param("decoder.bilinear", 2 * h, e);
    }

    List<Param> params() {
        List<Param> p = new ArrayList<>(List.of(embedding));
        p.addAll(List.of(gru.input().weight(), gru.input().bias(), gru.recurrent().weight(), gru.recurrent().bias()));
        p.addAll(List.of(attention.query(), attention.key(), attention.v(), bilinear));
        return p;
    }

    /**
     * The reference code's initialization ({@code init_weights}, {@code ortho_weight}): every matrix Gaussian with
     * σ = √(2 / rows) (the embedding's rows are the items, the attention vector's the one row of its 1 × H form),
     * each recurrent gate block a random orthogonal matrix, biases zero.
     */
    void initialize(SplittableRandom rng) {
        gaussian(embedding.value(), Math.sqrt(2.0 / items), rng);
        gaussian(gru.input().weight().value(), Math.sqrt(2.0 / e), rng);
        float[] rec = gru.recurrent().weight().value();
        for (int gate = 0; gate < 3; gate++) {
            float[] q = orthogonal(h, rng);
            for (int i = 0; i < h; i++) {
                System.arraycopy(q, i * h, rec, i * 3 * h + gate * h, h);
            }
        }
        Arrays.fill(gru.input().bias().value(), 0f);
        Arrays.fill(gru.recurrent().bias().value(), 0f);
        gaussian(attention.query().value(), Math.sqrt(2.0 / h), rng);
        gaussian(attention.key().value(), Math.sqrt(2.0 / h), rng);
        gaussian(attention.v().value(), Math.sqrt(2.0), rng);
        gaussian(bilinear.value(), Math.sqrt(2.0 / e), rng);
    }

    private static void gaussian(float[] w, double sigma, SplittableRandom rng) {
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (Init.gaussian(rng) * sigma);
        }
    }

    /** A random n × n orthogonal matrix: Gram–Schmidt (twice, for float accuracy) on Gaussian columns. */
    private static float[] orthogonal(int n, SplittableRandom rng) {
        double[][] cols = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = Init.gaussian(rng);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += cols[j][i] * cols[k][i];
                    }
                    for (int i = 0; i < n; i++) {
                        cols[j][i] -= d * cols[k][i];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += cols[j][i] * cols[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                cols[j][i] /= norm;
            }
        }
        float[] q = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = (float) cols[j][i];
            }
        }
        return q;
    }

    /** Buffers for a batch of up to {@code rows} rows of up to {@code steps} items: forward, caches and backward. */
    final class Work {
        final int rows;
        final int steps;
        /** Row b's item at step t is {@code tokens[b · steps + t]}. */
        final int[] tokens;
        final int[] lengths;
        final float[][] x;
        final float[][] xMask;
        final float[][] states;
        final float[][] caches;
        final float[] zero;
        final GruCell.Scratch gruWork;
        final AdditiveAttention.Work attentionWork;
        final float[] last;
        final float[] local;
        final float[] context;
        final float[] contextMask;
        final float[] u;
        final float[] dU;
        final float[] dContext;
        final float[] dLocal;
        final float[] dLast;
        final float[][] dStates;
        final float[] dPrev;
        final float[] dx;

        Work(int rows, int steps) {
            this.rows = rows;
            this.steps = steps;
            tokens = new int[rows * steps];
            lengths = new int[rows];
            x = new float[steps][rows * e];
            xMask = new float[steps][rows * e];
            states = new float[steps][rows * h];
            caches = new float[steps][gru.cacheSize(rows)];
            zero = new float[rows * h];
            gruWork = gru.scratch(rows);
            attentionWork = attention.work(rows, steps);
            last = new float[rows * h];
            local = new float[rows * h];
            context = new float[rows * 2 * h];
            contextMask = new float[rows * 2 * h];
            u = new float[rows * e];
            dU = new float[rows * e];
            dContext = new float[rows * 2 * h];
            dLocal = new float[rows * h];
            dLast = new float[rows * h];
            dStates = new float[steps][rows * h];
            dPrev = new float[rows * h];
            dx = new float[rows * e];
        }

        /** Rows of the first {@code n} still running at step t. */
        int active(int n, int t) {
            return AdditiveAttention.active(lengths, n, t);
        }
    }

    Work work(int rows, int steps) {
        return new Work(rows, steps);
    }

    /**
     * Forward for the first {@code n} rows of {@code w} (tokens and lengths filled, lengths non-increasing): fills
     * {@code w.u} (n × E), from which {@link #scores} gives the items' scores. With {@code dropout} non-null this is
     * a training pass: dropout is drawn from it and the GRU caches are kept for {@link #backward}.
     */
    void encode(Work w, int n, NarmConfig config, SplittableRandom dropout, int threads) {
        int steps = w.lengths[0];
        for (int t = 0; t < steps; t++) {
            int k = w.active(n, t);
            float[] x = w.x[t];
            for (int b = 0; b < k; b++) {
                System.arraycopy(embedding.value(), w.tokens[b * w.steps + t] * e, x, b * e, e);
            }
            if (dropout != null) {
                Elementwise.dropout(x, k * e, config.dropoutEmbed(), dropout, w.xMask[t]);
            }
            gru.forward(x, t == 0 ? w.zero : w.states[t - 1], k, w.states[t], dropout == null ? null : w.caches[t], threads,
                    w.gruWork);
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(w.states[w.lengths[b] - 1], b * h, w.last, b * h, h);
        }
        attention.forward(w.states, w.lengths, n, w.last, w.local, w.attentionWork, threads);
        for (int b = 0; b < n; b++) {
            System.arraycopy(w.local, b * h, w.context, b * 2 * h, h);
            System.arraycopy(w.last, b * h, w.context, b * 2 * h + h, h);
        }
        if (dropout != null) {
            Elementwise.dropout(w.context, n * 2 * h, config.dropoutContext(), dropout, w.contextMask);
        }
        Sgemm.gemm(false, false, n, e, 2 * h, 1f, w.context, 0, 2 * h, bilinear.value(), 0, e, 0f, w.u, 0, e, threads);
    }

    /** scores (n × items) = u · embeddingᵀ for the first {@code n} rows encoded in {@code w}. */
    void scores(Work w, int n, float[] scores, int threads) {
        Sgemm.gemm(false, true, n, items, e, 1f, w.u, 0, e, embedding.value(), 0, e, 0f, scores, 0, items, threads);
    }

    /**
     * Given ∂L/∂scores (n × items) after a training {@link #encode} of {@code w}, accumulates every parameter's
     * gradient: through the decoder (into both of the embedding's roles), the context dropout, the attention and the
     * last state, then back through time down the GRU steps to the embedded inputs.
     */
    void backward(Work w, int n, float[] dScores, int threads) {
        Sgemm.gemm(false, false, n, e, items, 1f, dScores, 0, items, embedding.value(), 0, e, 0f, w.dU, 0, e, threads);
        Sgemm.gemm(true, false, items, e, n, 1f, dScores, 0, items, w.u, 0, e, 1f, embedding.grad(), 0, e, threads);
        Sgemm.gemm(true, false, 2 * h, e, n, 1f, w.context, 0, 2 * h, w.dU, 0, e, 1f, bilinear.grad(), 0, e, threads);
        Sgemm.gemm(false, true, n, 2 * h, e, 1f, w.dU, 0, e, bilinear.value(), 0, e, 0f, w.dContext, 0, 2 * h, threads);
        for (int k = 0; k < n * 2 * h; k++) {
            w.dContext[k] *= w.contextMask[k];
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(w.dContext, b * 2 * h, w.dLocal, b * h, h);
            System.arraycopy(w.dContext, b * 2 * h + h, w.dLast, b * h, h);
        }
        int steps = w.lengths[0];
        for (int t = 0; t < steps; t++) {
            Arrays.fill(w.dStates[t], 0, w.active(n, t) * h, 0f);
        }
        attention.backward(w.states, w.lengths, n, w.last, w.dLocal, w.dStates, w.dLast, w.attentionWork, threads);
        for (int b = 0; b < n; b++) {
            float[] d = w.dStates[w.lengths[b] - 1];
            for (int j = 0; j < h; j++) {
                d[b * h + j] += w.dLast[b * h + j];
            }
        }
        float[] embGrad = embedding.grad();
        for (int t = steps - 1; t >= 0; t--) {
            int k = w.active(n, t);
            gru.backward(w.x[t], t == 0 ? w.zero : w.states[t - 1], w.caches[t], w.dStates[t], k, w.dx,
                    t == 0 ? null : w.dPrev, w.gruWork);
            if (t > 0) {
                float[] d = w.dStates[t - 1];
                for (int j = 0; j < k * h; j++) {
                    d[j] += w.dPrev[j];
                }
            }
            float[] mask = w.xMask[t];
            for (int b = 0; b < k; b++) {
                int at = w.tokens[b * w.steps + t] * e;
                for (int j = 0; j < e; j++) {
                    embGrad[at + j] += w.dx[b * e + j] * mask[b * e + j];
                }
            }
        }
    }

    /** Scores every item after the session {@code items} (oldest first), its last {@code maxLength} items encoded. */
    void scoreSession(int[] session, int maxLength, NarmConfig config, float[] out) {
        if (session.length == 0) {
            // No state to attend over: the decoder of a zero context scores every item 0.
            Arrays.fill(out, 0, items, 0f);
            return;
        }
        int len = Math.min(session.length, maxLength);
        Work w = new Work(1, len);
        System.arraycopy(session, session.length - len, w.tokens, 0, len);
        w.lengths[0] = len;
        encode(w, 1, config, null, 1);
        scores(w, 1, out, 1);
    }
}
