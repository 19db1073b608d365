package org.recoder.models.ncf;

import org.recoder.api.Doc;

/**
 * GMF's hyperparameters, the NCF reference code's defaults (He et al., WWW 2017): 8 factors, 4 negatives per
 * positive, Adam 1e-3, batches of 256 pairs, 20 epochs (its README; the best epoch on the validation items is kept).
 *
 * @param factors      length of p_u and q_i (the paper sweeps 8, 16, 32, 64)
 * @param negatives    negative items per positive, drawn uniformly from the user's non-interacted items, every epoch
 * @param learningRate Adam's step size
 * @param batchSize    (user, item) pairs per step
 * @param epochs       passes over the positives and fresh negatives
 * @param threads      worker threads (0 = all cores); each computes the gradients of its slice of a batch
 */
public record GmfConfig(
        @Doc("length of the user and item vectors p_u, q_i") int factors,
        @Doc("negatives per positive, resampled every epoch") int negatives,
        @Doc("Adam's step size") float learningRate,
        @Doc("(user, item) pairs per step") int batchSize,
        @Doc("passes over the positives with fresh negatives; the best on validation is kept") int epochs,
        @Doc("worker threads, 0 = all cores") int threads) {
    public GmfConfig {
        NcfSettings.check(factors, "8-4", negatives, learningRate, batchSize, epochs, threads);
    }

    public static GmfConfig defaults() {
        return new GmfConfig(8, 4, 0.001f, 256, 20, 0);
    }
}
