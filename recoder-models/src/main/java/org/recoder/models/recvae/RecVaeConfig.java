package org.recoder.models.recvae;

/**
 * Hyperparameters of RecVAE, defaults as the reference code ({@code ilya-shenbin/RecVAE} master, run.py).
 *
 * @param hidden         width of the five encoder layers (600)
 * @param latent         latent dimension (200)
 * @param gamma          KL weight per user is γ·|x_u| (0.005)
 * @param dropout        input dropout in the encoder phases (0.5); the decoder phase uses none
 * @param learningRate   Adam learning rate of both optimizers (5e-4)
 * @param batchSize      users per minibatch (500)
 * @param epochs         epochs (50 for ML-20M); each is {@code encoderPasses} encoder passes then
 *                       {@code decoderPasses} decoder passes; the epoch with the best validation NDCG@100 is kept
 * @param encoderPasses  encoder passes per epoch (3)
 * @param decoderPasses  decoder passes per epoch (1)
 * @param layerNormEps   LayerNorm epsilon (0.1, master branch)
 */
public record RecVaeConfig(int hidden, int latent, float gamma, float dropout, float learningRate, int batchSize,
                           int epochs, int encoderPasses, int decoderPasses, float layerNormEps) {
    public RecVaeConfig {
        if (hidden < 1 || latent < 1 || !(gamma >= 0) || !(dropout >= 0 && dropout < 1) || !(learningRate > 0)
                || batchSize < 1 || epochs < 1 || encoderPasses < 1 || decoderPasses < 1 || !(layerNormEps > 0)) {
            throw new IllegalArgumentException("invalid RecVAE hyperparameters: " + hidden + ", " + latent + ", " + gamma
                    + ", " + dropout + ", " + learningRate + ", " + batchSize + ", " + epochs + ", " + encoderPasses
                    + ", " + decoderPasses + ", " + layerNormEps);
        }
    }

    public static RecVaeConfig defaults() {
        return new RecVaeConfig(600, 200, 0.005f, 0.5f, 5e-4f, 500, 50, 3, 1, 0.1f);
    }

    public RecVaeConfig withEpochs(int e) {
        return new RecVaeConfig(hidden, latent, gamma, dropout, learningRate, batchSize, e, encoderPasses, decoderPasses, layerNormEps);
    }

    public RecVaeConfig withBatchSize(int b) {
        return new RecVaeConfig(hidden, latent, gamma, dropout, learningRate, b, epochs, encoderPasses, decoderPasses, layerNormEps);
    }
}
