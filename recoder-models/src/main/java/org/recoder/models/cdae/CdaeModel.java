package org.recoder.models.cdae;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelIO;
import org.recoder.io.Tensor;
import org.recoder.models.NeuralModel;
import org.recoder.nn.SparseBatch;

/**
 * CDAE, "Collaborative Denoising Auto-Encoders for Top-N Recommender Systems" (Wu, DuBois, Zheng, Ester, WSDM
 * 2016): a one-hidden-layer denoising autoencoder over a user's item vector whose hidden layer also adds a learned
 * vector V_u for that user, h = act(x̃·W_in + b + V_u), with sigmoid outputs trained by binary cross-entropy
 * against the uncorrupted 0/1 row ({@link CdaeTrainer}). Follows RecBole's {@code cdae.py} (hidden 64, ReLU,
 * corruption 0.5, all items in the loss, L2 0.01 on the un-squared norms of V and W_in). The paper instead samples
 * negative items per user and regularizes with squared norms; neither is done here.
 *
 * <p><b>No fold-in.</b> V_u exists only for users present in training, so this model scores known users only;
 * {@link #score} (an anonymous history) throws, and {@link #canFoldIn()} is false. A new user needs retraining
 * with their events. To evaluate on held-out users, train with their fold-in rows as extra training users
 * ({@link org.recoder.api.TrainingData#withFoldIn}): weak generalization for those users, unlike Mult-VAE, RecVAE
 * and EASE, which encode a history at request time.
 *
 * <p>Scoring a known user costs O(nnz·h + h·|I|); the model holds 2·|I|·h + U·h weights.
 */
public final class CdaeModel implements Model {
    public static final String TYPE = "cdae";
    private final CdaeConfig config;
    private final Interactions known;
    private final Map<String, float[]> weights;
    private final Provenance provenance;

    CdaeModel(CdaeConfig config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.weights = weights;
        this.provenance = provenance;
    }

    @Override
    public boolean canFoldIn() {
        return false;
    }

    /** Always throws: CDAE cannot score a history without a learned user vector. */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        throw new UnsupportedOperationException("CDAE cannot fold in a new history: it learns a vector per training "
                + "user, so only users seen in training can be scored (by id); retrain with the new user's events");
    }

    /**
     * Scores the users of {@code histories} named by {@code users[from, to)}: each must be a known user (matched by
     * id), its history is the input, its learned vector is added to the hidden layer.
     */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        int b = to - from;
        int[] ids = new int[b];
        for (int r = 0; r < b; r++) {
            String id = histories.users().id(users[from + r]);
            ids[r] = known.users().tryIndex(id);
            if (ids[r] < 0) {
                throw new IllegalArgumentException("CDAE cannot score user '" + id + "': it was not a training user, and "
                        + "CDAE learns a vector per training user (train with the held-out users' fold-in rows, "
                        + "`recoder train cdae` does, or retrain with this user's events)");
            }
        }
        SparseBatch x = new SparseBatch();
        x.load(histories, users, from, to, false, 0f, null);
        int n = known.numItems();
        float[] flat = new float[b * n];
        CdaeNetwork.infer(config, n, weights, x, ids, flat);
        for (int r = 0; r < b; r++) {
            System.arraycopy(flat, r * n, out[r], 0, n);
        }
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CdaeConfig config() {
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

    /** The stored weights by name (copies). */
    public Map<String, float[]> weights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        weights.forEach((k, v) -> copy.put(k, Arrays.copyOf(v, v.length)));
        return copy;
    }

    public void save(Path file) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        weights.forEach((name, w) -> t.put(name, Tensor.of(w)));
        ModelIO.save(this, t, file);
    }

    public static CdaeModel load(ModelIO.Saved s) {
        CdaeConfig c = s.config(CdaeConfig.class);
        int items = s.items().size();
        int h = c.hidden();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("enc.weight", items * h);
        expected.put("enc.bias", h);
        expected.put("user.weight", s.knownUsers().numUsers() * h);
        expected.put("dec.weight", h * items);
        expected.put("dec.bias", items);
        return new CdaeModel(c, s.knownUsers(), NeuralModel.readWeights(s, expected), s.provenance());
    }
}
