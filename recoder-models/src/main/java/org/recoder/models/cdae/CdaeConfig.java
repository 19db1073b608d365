package org.recoder.models.cdae;

import static org.recoder.util.Require.atLeast;
import static org.recoder.util.Require.inRange;
import static org.recoder.util.Require.notNull;
import static org.recoder.util.Require.positive;

import org.recoder.api.Doc;
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
public record CdaeConfig(
        @Doc("width of the hidden layer and of the per-user vectors") int hidden,
        @Doc("input dropout probability; kept entries scaled by 1/(1 - p)") float corruption,
        @Doc("activation of the hidden layer") Activation hiddenActivation,
        @Doc("reconstruction loss over all items") Loss loss,
        @Doc("weight of the L1 norms of V and W_in") float l1,
        @Doc("weight of the un-squared Frobenius norms of V and W_in (RecBole)") float l2,
        @Doc("Adam learning rate") float learningRate,
        @Doc("users per minibatch (RecBole 2048; 128 was best on the shared datasets)") int batchSize,
        @Doc("training epochs; the best validation epoch is kept") int epochs) {
    /** The reconstruction loss. */
    public enum Loss { BCE, MSE }

    public CdaeConfig {
        atLeast("hidden", hidden, 1);
        inRange("corruption", corruption, 0, 1);
        notNull("hiddenActivation", hiddenActivation, "RELU, SIGMOID, TANH or IDENTITY");
        notNull("loss", loss, "BCE or MSE");
        atLeast("l1", l1, 0);
        atLeast("l2", l2, 0);
        positive("learningRate", learningRate);
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
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
