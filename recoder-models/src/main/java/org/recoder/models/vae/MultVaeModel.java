package org.recoder.models.vae;

import java.nio.file.Path;
import java.util.Arrays;
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
 * Mult-VAE and Mult-DAE, "Variational Autoencoders for Collaborative Filtering" (Liang, Krishnan, Hoffman, Jebara,
 * WWW 2018). An autoencoder over a user's item vector, trained with a multinomial likelihood (softmax over all
 * items); the VAE encodes to a diagonal Gaussian with a β-annealed KL term, the DAE to a deterministic tanh code
 * with input dropout. A history is folded in by one forward pass (L2-normalized input, no dropout, z = μ), so new
 * users are scored without retraining; scores are the logits.
 *
 * <p>Scoring costs O(nnz·h + h·latent + latent·h + h·|I|) for a history; the model holds |I|·h·2 + O(h·latent)
 * weights (24M floats for [20,108-600-200-600-20,108]). Training: {@link MultVaeTrainer}.
 */
public final class MultVaeModel implements Model {
    public static final String TYPE_VAE = "multvae";
    public static final String TYPE_DAE = "multdae";
    private final MultVaeConfig config;
    private final Interactions known;
    private final Map<String, float[]> weights;
    private final Provenance provenance;

    MultVaeModel(MultVaeConfig config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
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
        MultNetwork.infer(config, known.numItems(), weights, x, out);
    }

    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        SparseBatch x = new SparseBatch();
        x.load(histories, users, from, to, true, 0f, null);
        int n = known.numItems();
        float[] flat = new float[(to - from) * n];
        MultNetwork.infer(config, n, weights, x, flat);
        for (int r = 0; r < to - from; r++) {
            System.arraycopy(flat, r * n, out[r], 0, n);
        }
    }

    @Override
    public String type() {
        return config.variational() ? TYPE_VAE : TYPE_DAE;
    }

    @Override
    public MultVaeConfig config() {
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
        Map<String, float[]> w = new LinkedHashMap<>();
        expected.forEach((name, size) -> {
            float[] v = s.tensor(name).floats();
            if (v.length != size) {
                throw new ModelFormatException(s.file(), "tensor " + name + " holds " + v.length + " values, expected " + size);
            }
            w.put(name, v);
        });
        return new MultVaeModel(c, s.knownUsers(), w, s.provenance());
    }

    /** The stored weights by name (copies). */
    public Map<String, float[]> weights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        weights.forEach((k, v) -> copy.put(k, Arrays.copyOf(v, v.length)));
        return copy;
    }
}
