package org.recoder.models.cdae;

import org.recoder.linalg.RowOps.Activation;

/**
 * Hyperparameters of CDAE, defaults as RecBole's {@code CDAE.yaml} and training defaults (the reference of
 * {@code ../shared/docs/anchors.md} §1.9).
 *
 * @param hidden           width of the hidden layer and of the per-user vectors (64)
 * @param corruption       input dropout probability; kept entries are scaled by 1/(1 − p) (0.5)
 * @param hiddenActivation activation of the hidden layer (RELU; the paper also uses SIGMOID and IDENTITY)
 * @param loss             BCE (binary cross-entropy of the sigmoid outputs against the 0/1 row) or MSE (squared
 *                         error of the sigmoid outputs), summed over the batch's users and all items
 * @param l1               weight of ‖V‖₁ + ‖W_in‖₁ (0)
 * @param l2               weight of ‖V‖_F + ‖W_in‖_F, the un-squared Frobenius norms as RecBole writes it (0.01)
 * @param learningRate     Adam learning rate (1e-3)
 * @param batchSize        users per minibatch (2048, RecBole's {@code train_batch_size}); on data with a few thousand
 *                         users that is a handful of updates per epoch and CDAE under-trains: on the shared
 *                         datasets 128 was best on validation everywhere (docs/results.md)
 * @param epochs           training epochs (300, RecBole's default); the best validation epoch is kept
 */
public record CdaeConfig(int hidden, float corruption, Activation hiddenActivation, Loss loss, float l1, float l2,
                         float learningRate, int batchSize, int epochs) {
    /** The reconstruction loss. */
    public enum Loss { BCE, MSE }

    public CdaeConfig {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be ≥ 1, got " + hidden);
        }
        if (!(corruption >= 0 && corruption < 1)) {
            throw new IllegalArgumentException("corruption must be in [0, 1), got " + corruption);
        }
        if (hiddenActivation == null || loss == null) {
            throw new IllegalArgumentException("hiddenActivation and loss are required");
        }
        if (!(l1 >= 0) || !(l2 >= 0) || !(learningRate > 0) || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("need l1 ≥ 0, l2 ≥ 0, learningRate > 0, batchSize ≥ 1, epochs ≥ 1");
        }
    }

    /** RecBole's CDAE: hidden 64, ReLU, BCE, corruption 0.5, L2 0.01, Adam 1e-3, batch 2048, 300 epochs. */
    public static CdaeConfig defaults() {
        return new CdaeConfig(64, 0.5f, Activation.RELU, Loss.BCE, 0f, 0.01f, 1e-3f, 2048, 300);
    }

    public CdaeConfig withEpochs(int e) {
        return new CdaeConfig(hidden, corruption, hiddenActivation, loss, l1, l2, learningRate, batchSize, e);
    }

    public CdaeConfig withBatchSize(int b) {
        return new CdaeConfig(hidden, corruption, hiddenActivation, loss, l1, l2, learningRate, b, epochs);
    }

    public CdaeConfig withHidden(int h) {
        return new CdaeConfig(h, corruption, hiddenActivation, loss, l1, l2, learningRate, batchSize, epochs);
    }

    public CdaeConfig withLoss(Loss l) {
        return new CdaeConfig(hidden, corruption, hiddenActivation, l, l1, l2, learningRate, batchSize, epochs);
    }

    public CdaeConfig withRegularization(float newL1, float newL2) {
        return new CdaeConfig(hidden, corruption, hiddenActivation, loss, newL1, newL2, learningRate, batchSize, epochs);
    }

    public CdaeConfig withHiddenActivation(Activation a) {
        return new CdaeConfig(hidden, corruption, a, loss, l1, l2, learningRate, batchSize, epochs);
    }
}
