package org.recoder.models.recvae;

import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralModel;

/**
 * RecVAE, "RecVAE: a New Variational Autoencoder for Top-N Recommendations with Implicit Feedback" (Shenbin,
 * Alekseev, Tutubalina, Malykh, Nikolenko, WSDM 2020): Mult-VAE with a deeper dense-residual encoder (swish,
 * LayerNorm), a composite prior that includes the previous encoder's posterior, a per-user KL weight γ·|x_u|, and
 * alternating encoder and decoder updates ({@link RecVaeTrainer}). A history is folded in with one forward pass
 * (z = μ), so new users need no retraining. Follows the reference master branch (LayerNorm eps 0.1, the old
 * posterior from a frozen encoder copy), not the paper's per-user posterior table of the wsdm branch.
 *
 * <p>Scoring a history costs O(nnz·h + 4·h² + h·latent + latent·|I|).
 */
public final class RecVaeModel extends NeuralModel {
    public static final String TYPE = "recvae";
    private final RecVaeConfig config;

    RecVaeModel(RecVaeConfig config, Interactions known, RecVaeNetwork network, Provenance provenance) {
        super(config, known, network, provenance);
        this.config = config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RecVaeConfig config() {
        return config;
    }
}
