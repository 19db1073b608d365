package org.recoder.models.vasp;

import java.util.Arrays;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralModel;

/**
 * VASP, "Deep Variational Autoencoder with Shallow Parallel Path for Top-N Recommendation" (Vančura &amp; Kordík,
 * ICANN 2021, arXiv 2102.05774): the product of a deep VAE with focal-loss training (FLVAE: dense-residual swish +
 * LayerNorm encoder and decoder, output sigmoid(Dense(decoder)) ⊙ sigmoid(Dense(z))) and a shallow linear path,
 * Neural EASE (sigmoid(x·W) with a zero diagonal), trained jointly with split-brain augmentation. On ML-20M the
 * paper's best of this family (NDCG@100 0.448). Follows the authors' notebook ({@code zombak79/vasp}); see
 * {@link VaspConfig} for the sizes and the schedule. The ablations FLVAE alone and Neural EASE alone are
 * {@code paths=FLVAE} and {@code paths=EASE}.
 *
 * <p>A history is folded in with one forward pass (z = μ): O(nnz·h + (L_enc + L_dec)·h² + (h + latent)·s + nnz·s)
 * for s sampled items; Neural EASE holds s² weights.
 */
public final class VaspModel extends NeuralModel {
    public static final String TYPE = "vasp";
    private final VaspConfig config;
    private final VaspNetwork network;

    VaspModel(VaspConfig config, Interactions known, VaspNetwork network, Provenance provenance) {
        super(config, known, network, provenance);
        this.config = config;
        this.network = network;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public VaspConfig config() {
        return config;
    }

    /** The input is the binary history as it is: the notebook neither normalizes it nor drops entries. */
    @Override
    protected boolean normalizeInput() {
        return false;
    }

    @Override
    public void freezeForServing() {
        if (network.flvae()) {
            network.resnetHead.freezeForInference();
            network.latentHead.freezeForInference();
        }
    }

    /**
     * Neural EASE's weights W[item, j], the weight the item gives item j's score (as EASE's B); FLVAE alone: the
     * cosine of the resnet head's item vectors. Items outside the sampled columns have no neighbours.
     */
    @Override
    public void similarTo(int item, float[] out) {
        Arrays.fill(out, 0, network.items, 0f);
        int c = network.column[item];
        if (c < 0) {
            return;
        }
        int s = network.s;
        if (network.ease != null) {
            float[] w = network.ease.value();
            for (int j = 0; j < s; j++) {
                out[network.sampled[j]] = w[c * s + j];
            }
            return;
        }
        float[] v = network.resnetHead.weight().value();
        int d = network.resnetHead.in();
        double nc = 0;
        for (int r = 0; r < d; r++) {
            nc += (double) v[r * s + c] * v[r * s + c];
        }
        for (int j = 0; j < s; j++) {
            double dot = 0;
            double nj = 0;
            for (int r = 0; r < d; r++) {
                dot += (double) v[r * s + c] * v[r * s + j];
                nj += (double) v[r * s + j] * v[r * s + j];
            }
            out[network.sampled[j]] = nc > 0 && nj > 0 ? (float) (dot / Math.sqrt(nc * nj)) : 0f;
        }
    }

    @Override
    public String similarityKind() {
        return network.ease != null ? "Neural EASE weight W[item, j]" : "cosine of the resnet head's item vectors";
    }
}
