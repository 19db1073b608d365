package org.recoder.models.recvae;

import static org.recoder.util.Require.atLeast;
import static org.recoder.util.Require.inRange;
import static org.recoder.util.Require.positive;

import org.recoder.api.Doc;

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
public record RecVaeConfig(
        @Doc("width of the five encoder layers") int hidden,
        @Doc("latent dimension") int latent,
        @Doc("KL weight per user is gamma times the user's item count") float gamma,
        @Doc("input dropout probability in the encoder passes") float dropout,
        @Doc("Adam learning rate of both optimizers") float learningRate,
        @Doc("users per minibatch") int batchSize,
        @Doc("epochs; the best validation epoch is kept") int epochs,
        @Doc("encoder passes per epoch") int encoderPasses,
        @Doc("decoder passes per epoch") int decoderPasses,
        @Doc("LayerNorm epsilon") float layerNormEps) {
    public RecVaeConfig {
        atLeast("hidden", hidden, 1);
        atLeast("latent", latent, 1);
        atLeast("gamma", gamma, 0);
        inRange("dropout", dropout, 0, 1);
        positive("learningRate", learningRate);
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
        atLeast("encoderPasses", encoderPasses, 1);
        atLeast("decoderPasses", decoderPasses, 1);
        positive("layerNormEps", layerNormEps);
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
