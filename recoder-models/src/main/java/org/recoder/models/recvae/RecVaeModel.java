package org.recoder.models.recvae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.ModelIO;
import org.recoder.models.NeuralModel;
import org.recoder.nn.SparseBatch;

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
    private final int items;
    private final Map<String, float[]> weights;

    RecVaeModel(RecVaeConfig config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
        super(config, known, weights, provenance);
        this.config = config;
        this.items = known.numItems();
        this.weights = weights;
    }

    @Override
    protected void forward(SparseBatch x, float[] out) {
        RecVaeNetwork.infer(config, items, weights, x, out);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RecVaeConfig config() {
        return config;
    }

    public static RecVaeModel load(ModelIO.Saved s) {
        RecVaeConfig c = s.config(RecVaeConfig.class);
        int items = s.items().size();
        int h = c.hidden();
        int l = c.latent();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("enc.fc1.weight", items * h);
        expected.put("enc.fc1.bias", h);
        for (int k = 2; k <= RecVaeEncoder.LAYERS; k++) {
            expected.put("enc.fc" + k + ".weight", h * h);
            expected.put("enc.fc" + k + ".bias", h);
        }
        for (int k = 1; k <= RecVaeEncoder.LAYERS; k++) {
            expected.put("enc.ln" + k + ".gain", h);
            expected.put("enc.ln" + k + ".shift", h);
        }
        expected.put("enc.mu.weight", h * l);
        expected.put("enc.mu.bias", l);
        expected.put("enc.logvar.weight", h * l);
        expected.put("enc.logvar.bias", l);
        expected.put("dec.weight", l * items);
        expected.put("dec.bias", items);
        return new RecVaeModel(c, s.knownUsers(), readWeights(s, expected), s.provenance());
    }
}
