package org.recoder.models.vae;

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
public record MultVaeConfig(boolean variational, int hidden, int latent, float dropout, float betaCap,
                            int annealSteps, float l2, float learningRate, int batchSize, int epochs) {
    public MultVaeConfig {
        if (variational && hidden < 0 || hidden < 0 || latent < 1) {
            throw new IllegalArgumentException("hidden must be ≥ 0 and latent ≥ 1, got " + hidden + ", " + latent);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(betaCap >= 0) || annealSteps < 1) {
            throw new IllegalArgumentException("betaCap must be ≥ 0 and annealSteps ≥ 1");
        }
        if (!(l2 >= 0) || !(learningRate > 0) || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("need l2 ≥ 0, learningRate > 0, batchSize ≥ 1, epochs ≥ 1");
        }
    }

    /** Mult-VAE [I-600-200-600-I], β cap 0.2 over 200,000 updates, Adam 1e-3, batch 500, 200 epochs. */
    public static MultVaeConfig multVae() {
        return new MultVaeConfig(true, 600, 200, 0.5f, 0.2f, 200_000, 0f, 1e-3f, 500, 200);
    }

    /** Mult-DAE [I-200-I], L2 0.01/batch, Adam 1e-3, batch 500, 200 epochs. */
    public static MultVaeConfig multDae() {
        return new MultVaeConfig(false, 0, 200, 0.5f, 0f, 1, 0.01f / 500, 1e-3f, 500, 200);
    }

    public MultVaeConfig withEpochs(int e) {
        return new MultVaeConfig(variational, hidden, latent, dropout, betaCap, annealSteps, l2, learningRate, batchSize, e);
    }

    /**
     * With KL cap {@code cap}. Liang et al. pick β by annealing to 1 and taking the β at the best validation epoch
     * ({@code withBetaCap(1)}, then read β at the best epoch of the learning curve), then retrain capped there.
     */
    public MultVaeConfig withBetaCap(float cap) {
        return new MultVaeConfig(variational, hidden, latent, dropout, cap, annealSteps, l2, learningRate, batchSize, epochs);
    }

    public MultVaeConfig withBatchSize(int b) {
        return new MultVaeConfig(variational, hidden, latent, dropout, betaCap, annealSteps, l2, learningRate, b, epochs);
    }

    public MultVaeConfig withAnnealSteps(int s) {
        return new MultVaeConfig(variational, hidden, latent, dropout, betaCap, s, l2, learningRate, batchSize, epochs);
    }
}
