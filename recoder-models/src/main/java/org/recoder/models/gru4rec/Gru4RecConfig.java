package org.recoder.models.gru4rec;

import static org.recoder.util.Require.atLeast;

import java.util.Arrays;
import org.recoder.api.Doc;

/**
 * GRU4Rec's hyperparameters. The defaults are the official code's best parameters for its Yoochoose setting
 * ({@code paramfiles/yoochoose_xe_shared_best.py}: cross-entropy with logQ, one layer of 480, batch 48, hidden
 * dropout 0.2, Adagrad 0.07, 2,048 negatives drawn ∝ support^0.2, 10 epochs); {@link #diginetica()} is its
 * Diginetica setting (BPR-max). The item embedding is shared between input and output by default (the official
 * "constrained embedding", which all its best parameters use); {@code input=SEPARATE} with {@code embedding} &gt; 0
 * gives a separate input embedding instead, and {@code input=ONE_HOT} feeds the first layer one-hot items
 * ({@link org.recoder.nn.OneHotGruCell}), as the official code does with neither.
 *
 * @param layers         GRU layer sizes, '-'-separated (the last is the embedding size)
 * @param loss           CROSS_ENTROPY (softmax over the targets and negatives), BPR_MAX, or the original pairwise
 *                       BPR, TOP1 and TOP1_MAX
 * @param batchSize      session-parallel slots
 * @param dropoutEmbed   dropout on the input embedding
 * @param dropoutHidden  dropout on each layer's output (also the hidden state carried to the next event, as the
 *                       official code keeps it)
 * @param learningRate   Adagrad's step
 * @param momentum       Adagrad momentum (0: plain Adagrad)
 * @param optimizer      ADAGRAD (the official {@code IndexedAdagradM}) or ADAM (lazy on the item tables)
 * @param input          SHARED: the output item embedding is also the input (the official "constrained embedding");
 *                       SEPARATE: an input embedding of its own, {@code embedding} wide (the official
 *                       {@code embedding=N, constrained_embedding=False}); ONE_HOT: one-hot items into the first
 *                       layer, whose input weights are then an items × 3H table looked up by row (the official
 *                       {@code embedding=0, constrained_embedding=False}; its {@code GRUEmbedding} is the Theano form
 *                       of the GRU, {@link org.recoder.nn.OneHotGruCell}, and its output takes {@code dropoutEmbed})
 * @param embedding      the separate input embedding's size (input=SEPARATE only; 0 otherwise)
 * @param samples        negatives shared by a mini-batch, beside its other targets
 * @param sampleAlpha    negatives are drawn ∝ support^sampleAlpha (0 uniform, 1 popularity)
 * @param bpreg          BPR-max's score regularization
 * @param eluParam       BPR-max: ELU on the scores with this α first (0: none)
 * @param logq           cross-entropy: subtract logq · log(sampling probability) from each score (logQ correction)
 * @param epochs         at most this many passes over the training events (the best by validation is kept when
 *                       the split has validation sessions)
 * @param threads        worker threads of the matrix products (0 = all cores); every output entry is summed in one
 *                       fixed order, so the result does not depend on it
 */
public record Gru4RecConfig(
        @Doc("GRU layer sizes, '-'-separated; the last is the embedding size") String layers,
        @Doc("CROSS_ENTROPY, BPR_MAX, BPR, TOP1 or TOP1_MAX") Loss loss,
        @Doc("session-parallel mini-batch slots") int batchSize,
        @Doc("dropout on the input embedding") double dropoutEmbed,
        @Doc("dropout on each layer's output and carried hidden state") double dropoutHidden,
        @Doc("Adagrad step") double learningRate,
        @Doc("Adagrad momentum, 0 = none") double momentum,
        @Doc("ADAGRAD (the official code's) or ADAM") Optimizer optimizer,
        @Doc("SHARED (the output embedding is the input), SEPARATE (its own embedding) or ONE_HOT") Input input,
        @Doc("the SEPARATE input embedding's size") int embedding,
        @Doc("negatives shared by a mini-batch") int samples,
        @Doc("negatives drawn in proportion to support^sampleAlpha") double sampleAlpha,
        @Doc("BPR-max score regularization") double bpreg,
        @Doc("BPR-max: ELU alpha on the scores, 0 = none") double eluParam,
        @Doc("cross-entropy logQ correction weight, 0 = none") double logq,
        @Doc("passes over the training events") int epochs,
        @Doc("worker threads, 0 = all cores") int threads) {
    public Gru4RecConfig {
        sizes(layers);
        if (loss == null) {
            throw new IllegalArgumentException("loss must be CROSS_ENTROPY, BPR_MAX, BPR, TOP1 or TOP1_MAX");
        }
        atLeast("batchSize", batchSize, 2);
        for (double p : new double[] {dropoutEmbed, dropoutHidden}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropoutEmbed and dropoutHidden must be in [0, 1), got " + p);
            }
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be ADAGRAD or ADAM");
        }
        if (optimizer == Optimizer.ADAM && momentum > 0) {
            throw new IllegalArgumentException("momentum applies to the ADAGRAD optimizer only (optimizer is ADAM)");
        }
        if (input == null) {
            throw new IllegalArgumentException("input must be SHARED, SEPARATE or ONE_HOT");
        }
        atLeast("embedding", embedding, 0);
        if (input == Input.SEPARATE && embedding == 0) {
            throw new IllegalArgumentException("input SEPARATE needs its size: embedding must be ≥ 1");
        }
        if (input != Input.SEPARATE && embedding > 0) {
            throw new IllegalArgumentException("embedding applies to input=SEPARATE only (input is " + input + ")");
        }
        atLeast("samples", samples, 0);
        atLeast("sampleAlpha", sampleAlpha, 0);
        atLeast("bpreg", bpreg, 0);
        atLeast("eluParam", eluParam, 0);
        atLeast("logq", logq, 0);
        atLeast("epochs", epochs, 1);
        atLeast("threads", threads, 0);
        if (logq > 0 && loss != Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("logq applies to the CROSS_ENTROPY loss only (loss is " + loss + ")");
        }
        if ((bpreg > 0 || eluParam > 0) && loss != Loss.BPR_MAX) {
            throw new IllegalArgumentException("bpreg and eluParam apply to the BPR_MAX loss only (loss is " + loss + ")");
        }
    }

    /**
     * CROSS_ENTROPY and BPR_MAX are the official code's (its README recommends them over the rest); BPR, TOP1 and
     * TOP1_MAX are the original Theano code's pairwise losses ({@link Gru4RecLosses#pairwise}).
     */
    public enum Loss { CROSS_ENTROPY, BPR_MAX, BPR, TOP1, TOP1_MAX }

    /** What the first GRU layer reads: the shared output embedding, an input embedding of its own, or one-hot items. */
    public enum Input { SHARED, SEPARATE, ONE_HOT }

    /** The optimizers. */
    public enum Optimizer { ADAGRAD, ADAM }

    /** The layer sizes. */
    public int[] layerSizes() {
        return sizes(layers);
    }

    private static int[] sizes(String layers) {
        if (layers == null || layers.isBlank()) {
            throw new IllegalArgumentException("layers must be sizes like 100 or 100-100");
        }
        int[] s;
        try {
            s = Arrays.stream(layers.split("-")).mapToInt(t -> Integer.parseInt(t.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layers must be sizes like 100 or 100-100, got '" + layers + "'");
        }
        for (int v : s) {
            if (v < 1) {
                throw new IllegalArgumentException("layer sizes must be ≥ 1, got '" + layers + "'");
            }
        }
        return s;
    }

    /** The official best parameters for Yoochoose (cross-entropy). */
    public static Gru4RecConfig defaults() {
        return new Gru4RecConfig("480", Loss.CROSS_ENTROPY, 48, 0.0, 0.2, 0.07, 0.0, Optimizer.ADAGRAD, Input.SHARED, 0, 2048, 0.2, 0.0, 0.0, 1.0, 10, 0);
    }

    /** The official best parameters for Diginetica (BPR-max with ELU 1). */
    public static Gru4RecConfig diginetica() {
        return new Gru4RecConfig("512", Loss.BPR_MAX, 128, 0.5, 0.3, 0.05, 0.15, Optimizer.ADAGRAD, Input.SHARED, 0, 2048, 0.3, 0.9, 1.0, 0.0, 10, 0);
    }
}
