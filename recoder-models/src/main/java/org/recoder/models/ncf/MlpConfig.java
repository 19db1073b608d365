package org.recoder.models.ncf;

import org.recoder.api.Doc;

/**
 * NCF's MLP hyperparameters, the reference code's defaults: layers 64-32-16-8 (user and item embeddings of 32
 * each, concatenated, then ReLU layers of 32, 16 and 8), 4 negatives per positive, Adam 1e-3, batches of 256, 20
 * epochs.
 *
 * @param layers       the tower, {@code -}-separated: the concatenated embedding width (even), then each ReLU layer
 * @param negatives    negative items per positive, resampled every epoch
 * @param learningRate Adam's step size
 * @param batchSize    (user, item) pairs per step
 * @param epochs       passes over the positives and fresh negatives
 * @param threads      worker threads (0 = all cores)
 */
public record MlpConfig(
        @Doc("tower widths: concatenated embedding width, then each ReLU layer, e.g. 64-32-16-8") String layers,
        @Doc("negatives per positive, resampled every epoch") int negatives,
        @Doc("Adam's step size") float learningRate,
        @Doc("(user, item) pairs per step") int batchSize,
        @Doc("passes over the positives with fresh negatives; the best on validation is kept") int epochs,
        @Doc("worker threads, 0 = all cores") int threads) {
    public MlpConfig {
        NcfSettings.check(1, layers, negatives, learningRate, batchSize, epochs, threads);
    }

    public static MlpConfig defaults() {
        return new MlpConfig("64-32-16-8", 4, 0.001f, 256, 20, 0);
    }
}
