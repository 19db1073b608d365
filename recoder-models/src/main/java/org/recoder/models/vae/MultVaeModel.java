package org.recoder.models.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.ModelIO;
import org.recoder.models.NeuralModel;
import org.recoder.nn.SparseBatch;

/**
 * Mult-VAE and Mult-DAE, "Variational Autoencoders for Collaborative Filtering" (Liang, Krishnan, Hoffman, Jebara,
 * WWW 2018). An autoencoder over a user's item vector, trained with a multinomial likelihood (softmax over all
 * items); the VAE encodes to a diagonal Gaussian with a β-annealed KL term, the DAE to a deterministic tanh code
 * with input dropout. A history is folded in by one forward pass (L2-normalized input, no dropout, z = μ), so new
 * users are scored without retraining; scores are the logits.
 *
 * <p>Scoring costs O(nnz·h + h·latent + latent·h + h·|I|) for a history; the model holds |I|·h·2 + O(h·latent)
 * weights (24M floats for [20,108-600-200-600-20,108]). Training: {@link MultVaeTrainer}.
 */
public final class MultVaeModel extends NeuralModel {
    public static final String TYPE_VAE = "multvae";
    public static final String TYPE_DAE = "multdae";
    private final MultVaeConfig config;
    private final int items;
    private final Map<String, float[]> weights;

    MultVaeModel(MultVaeConfig config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
        super(config, known, weights, provenance);
        this.config = config;
        this.items = known.numItems();
        this.weights = weights;
    }

    @Override
    protected void forward(SparseBatch x, float[] out) {
        MultNetwork.infer(config, items, weights, x, out);
    }

    @Override
    public String type() {
        return config.variational() ? TYPE_VAE : TYPE_DAE;
    }

    @Override
    public MultVaeConfig config() {
        return config;
    }

    public static MultVaeModel load(ModelIO.Saved s) {
        MultVaeConfig c = s.config(MultVaeConfig.class);
        int items = s.items().size();
        int l = c.latent();
        int h = c.hidden();
        int code = c.variational() ? 2 * l : l;
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("enc0.weight", items * (h > 0 ? h : code));
        expected.put("enc0.bias", h > 0 ? h : code);
        if (h > 0) {
            expected.put("enc1.weight", h * code);
            expected.put("enc1.bias", code);
            expected.put("dec0.weight", l * h);
            expected.put("dec0.bias", h);
            expected.put("dec1.weight", h * items);
            expected.put("dec1.bias", items);
        } else {
            expected.put("dec0.weight", l * items);
            expected.put("dec0.bias", items);
        }
        return new MultVaeModel(c, s.knownUsers(), readWeights(s, expected), s.provenance());
    }
}
