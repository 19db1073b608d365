package org.recoder.models.recvae;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.io.ModelIO;
import org.recoder.io.Tensor;
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
public final class RecVaeModel implements Model {
    public static final String TYPE = "recvae";
    private final RecVaeConfig config;
    private final Interactions known;
    private final Map<String, float[]> weights;
    private final Provenance provenance;

    RecVaeModel(RecVaeConfig config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.weights = weights;
        this.provenance = provenance;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        SparseBatch x = new SparseBatch();
        x.loadHistory(historyItems, historyValues, true);
        RecVaeNetwork.infer(config, known.numItems(), weights, x, out);
    }

    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        SparseBatch x = new SparseBatch();
        x.load(histories, users, from, to, true, 0f, null);
        int n = known.numItems();
        float[] flat = new float[(to - from) * n];
        RecVaeNetwork.infer(config, n, weights, x, flat);
        for (int r = 0; r < to - from; r++) {
            System.arraycopy(flat, r * n, out[r], 0, n);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RecVaeConfig config() {
        return config;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Interactions knownUsers() {
        return known;
    }

    public void save(Path file) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        weights.forEach((name, w) -> t.put(name, Tensor.of(w)));
        ModelIO.save(this, t, file);
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
        Map<String, float[]> w = new LinkedHashMap<>();
        expected.forEach((name, size) -> {
            float[] v = s.tensor(name).floats();
            if (v.length != size) {
                throw new ModelFormatException(s.file(), "tensor " + name + " holds " + v.length + " values, expected " + size);
            }
            w.put(name, v);
        });
        return new RecVaeModel(c, s.knownUsers(), w, s.provenance());
    }
}
