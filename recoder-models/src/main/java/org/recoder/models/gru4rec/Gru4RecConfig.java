package org.recoder.models.gru4rec;

import static org.recoder.util.Require.atLeast;

import java.util.Arrays;
import org.recoder.api.Doc;

/**
 * GRU4Rec's hyperparameters. The defaults are the official code's best parameters for its Yoochoose setting
 * ({@code paramfiles/yoochoose_xe_shared_best.py}: cross-entropy with logQ, one layer of 480, batch 48, hidden
 * dropout 0.2, Adagrad 0.07, 2,048 negatives drawn ∝ support^0.2, 10 epochs); {@link #diginetica()} is its
 * Diginetica setting (BPR-max). The item embedding is always shared between input and output (the official
 * "constrained embedding", which all its best parameters use); separate and one-hot inputs are not offered yet.
 *
 * @param layers         GRU layer sizes, '-'-separated (the last is the embedding size)
 * @param loss           CROSS_ENTROPY (softmax over the targets and negatives) or BPR_MAX
 * @param batchSize      session-parallel slots
 * @param dropoutEmbed   dropout on the input embedding
 * @param dropoutHidden  dropout on each layer's output (also the hidden state carried to the next event, as the
 *                       official code keeps it)
 * @param learningRate   Adagrad's step
 * @param momentum       Adagrad momentum (0: plain Adagrad)
 * @param samples        negatives shared by a mini-batch, beside its other targets
 * @param sampleAlpha    negatives are drawn ∝ support^sampleAlpha (0 uniform, 1 popularity)
 * @param bpreg          BPR-max's score regularization
 * @param eluParam       BPR-max: ELU on the scores with this α first (0: none)
 * @param logq           cross-entropy: subtract logq · log(sampling probability) from each score (logQ correction)
 * @param epochs         passes over the training events
 */
public record Gru4RecConfig(
        @Doc("GRU layer sizes, '-'-separated; the last is the embedding size") String layers,
        @Doc("CROSS_ENTROPY or BPR_MAX") Loss loss,
        @Doc("session-parallel mini-batch slots") int batchSize,
        @Doc("dropout on the input embedding") double dropoutEmbed,
        @Doc("dropout on each layer's output and carried hidden state") double dropoutHidden,
        @Doc("Adagrad step") double learningRate,
        @Doc("Adagrad momentum, 0 = none") double momentum,
        @Doc("negatives shared by a mini-batch") int samples,
        @Doc("negatives drawn in proportion to support^sampleAlpha") double sampleAlpha,
        @Doc("BPR-max score regularization") double bpreg,
        @Doc("BPR-max: ELU alpha on the scores, 0 = none") double eluParam,
        @Doc("cross-entropy logQ correction weight, 0 = none") double logq,
        @Doc("passes over the training events") int epochs) {
    public Gru4RecConfig {
        sizes(layers);
        if (loss == null) {
            throw new IllegalArgumentException("loss must be CROSS_ENTROPY or BPR_MAX");
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
        atLeast("samples", samples, 0);
        atLeast("sampleAlpha", sampleAlpha, 0);
        atLeast("bpreg", bpreg, 0);
        atLeast("eluParam", eluParam, 0);
        atLeast("logq", logq, 0);
        atLeast("epochs", epochs, 1);
        if (logq > 0 && loss != Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("logq applies to the CROSS_ENTROPY loss only (loss is " + loss + ")");
        }
    }

    /** The losses of the official code's README recommendation (the others vanish, it says). */
    public enum Loss { CROSS_ENTROPY, BPR_MAX }

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
        return new Gru4RecConfig("480", Loss.CROSS_ENTROPY, 48, 0.0, 0.2, 0.07, 0.0, 2048, 0.2, 0.0, 0.0, 1.0, 10);
    }

    /** The official best parameters for Diginetica (BPR-max with ELU 1). */
    public static Gru4RecConfig diginetica() {
        return new Gru4RecConfig("512", Loss.BPR_MAX, 128, 0.5, 0.3, 0.05, 0.15, 2048, 0.3, 0.9, 1.0, 0.0, 10);
    }
}
