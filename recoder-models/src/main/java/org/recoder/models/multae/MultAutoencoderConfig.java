package org.recoder.models.multae;

import static org.recoder.util.Require.atLeast;
import static org.recoder.util.Require.inRange;
import static org.recoder.util.Require.positive;

import org.recoder.api.Doc;

/**
 * Hyperparameters of Mult-VAE and Mult-DAE (Liang et al., WWW 2018), defaults as in the reference notebook.
 *
 * @param variational  true for Mult-VAE (Gaussian latent, KL term), false for Mult-DAE (deterministic tanh code)
 * @param hidden       width of the hidden layer on each side of the latent code, 0 for none (VAE: 600, DAE: 0,
 *                     i.e. [I-200-I])
 * @param latent       latent dimension (200)
 * @param dropout      input dropout probability, after L2 normalization of the row (0.5)
 * @param betaCap      KL weight cap (VAE: 0.2)
 * @param annealSteps  the KL weight is min(betaCap, updates / annealSteps), counted per minibatch (200,000)
 * @param l2           weight penalty l2·Σ‖W‖² on weight matrices (VAE: 0; DAE: 0.01 / batch size)
 * @param learningRate Adam learning rate (1e-3)
 * @param batchSize    users per minibatch (500)
 * @param epochs       training epochs (200); the epoch with the best validation metric is kept (early stopping is a
 *                     listener, {@link org.recoder.train.EarlyStopping})
 */
public record MultAutoencoderConfig(
        @Doc("true: Mult-VAE (Gaussian code, KL term); false: Mult-DAE (tanh code)") boolean variational,
        @Doc("width of the hidden layer on each side of the code, 0 for none") int hidden,
        @Doc("latent dimension") int latent,
        @Doc("input dropout probability, after L2 normalization") float dropout,
        @Doc("cap of the KL weight beta (Mult-VAE)") float betaCap,
        @Doc("minibatch updates over which beta rises to its cap") int annealSteps,
        @Doc("weight of the squared L2 penalty on weight matrices") float l2,
        @Doc("Adam learning rate") float learningRate,
        @Doc("users per minibatch") int batchSize,
        @Doc("training epochs; the best validation epoch is kept") int epochs) {
    public MultAutoencoderConfig {
        atLeast("hidden", hidden, 0);
        atLeast("latent", latent, 1);
        inRange("dropout", dropout, 0, 1);
        atLeast("betaCap", betaCap, 0);
        atLeast("annealSteps", annealSteps, 1);
        atLeast("l2", l2, 0);
        positive("learningRate", learningRate);
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
    }

    /** Mult-VAE [I-600-200-600-I], β cap 0.2 over 200,000 updates, Adam 1e-3, batch 500, 200 epochs. */
    public static MultAutoencoderConfig multVae() {
        return new MultAutoencoderConfig(true, 600, 200, 0.5f, 0.2f, 200_000, 0f, 1e-3f, 500, 200);
    }

    /** Mult-DAE [I-200-I], L2 0.01/batch, Adam 1e-3, batch 500, 200 epochs. */
    public static MultAutoencoderConfig multDae() {
        return new MultAutoencoderConfig(false, 0, 200, 0.5f, 0f, 1, 0.01f / 500, 1e-3f, 500, 200);
    }

    public MultAutoencoderConfig withEpochs(int e) {
        return new MultAutoencoderConfig(variational, hidden, latent, dropout, betaCap, annealSteps, l2, learningRate, batchSize, e);
    }

    /**
     * With KL cap {@code cap}. Liang et al. pick β by annealing to 1 and taking the β at the best validation epoch
     * ({@code withBetaCap(1)}, then read β at the best epoch of the learning curve), then retrain capped there.
     */
    public MultAutoencoderConfig withBetaCap(float cap) {
        return new MultAutoencoderConfig(variational, hidden, latent, dropout, cap, annealSteps, l2, learningRate, batchSize, epochs);
    }

    public MultAutoencoderConfig withBatchSize(int b) {
        return new MultAutoencoderConfig(variational, hidden, latent, dropout, betaCap, annealSteps, l2, learningRate, b, epochs);
    }

    public MultAutoencoderConfig withAnnealSteps(int s) {
        return new MultAutoencoderConfig(variational, hidden, latent, dropout, betaCap, s, l2, learningRate, batchSize, epochs);
    }
}
