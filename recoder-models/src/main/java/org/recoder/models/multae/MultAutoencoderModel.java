package org.recoder.models.multae;

import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralModel;

/**
 * Mult-VAE and Mult-DAE, "Variational Autoencoders for Collaborative Filtering" (Liang, Krishnan, Hoffman, Jebara,
 * WWW 2018). An autoencoder over a user's item vector, trained with a multinomial likelihood (softmax over all
 * items); the VAE encodes to a diagonal Gaussian with a β-annealed KL term, the DAE to a deterministic tanh code
 * with input dropout. A history is folded in by one forward pass (L2-normalized input, no dropout, z = μ), so new
 * users are scored without retraining; scores are the logits.
 *
 * <p>Scoring costs O(nnz·h + h·latent + latent·h + h·|I|) for a history; the model holds |I|·h·2 + O(h·latent)
 * weights (24M floats for [20,108-600-200-600-20,108]). Training: {@link MultAutoencoderTrainer}.
 */
public final class MultAutoencoderModel extends NeuralModel {
    public static final String TYPE_VAE = "multvae";
    public static final String TYPE_DAE = "multdae";
    private final MultAutoencoderConfig config;

    MultAutoencoderModel(MultAutoencoderConfig config, Interactions known, MultAutoencoderNetwork network, Provenance provenance) {
        super(config, known, network, provenance);
        this.config = config;
    }

    @Override
    public String type() {
        return config.variational() ? TYPE_VAE : TYPE_DAE;
    }

    @Override
    public MultAutoencoderConfig config() {
        return config;
    }
}
