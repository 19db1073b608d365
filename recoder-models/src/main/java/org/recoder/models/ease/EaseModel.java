package org.recoder.models.ease;

import java.util.Arrays;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.api.ModelIO;
import org.recoder.io.Tensor;
import org.recoder.linalg.SparseDense;

/**
 * EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): a linear item-item model
 * x̂ = x·B with a zero diagonal, fitted in closed form ({@link EaseTrainer}). A history is folded in by adding the
 * rows of B for its items, weighted by the history's values (1 under the binary default), so new users are scored
 * without retraining in O(|H|·n) time, never through a dense product over all items. The model holds B, n² floats
 * (1.6 GB at 20,108 items).
 *
 * <p>Deviation from popular ports, following the paper: X is binary (Darel13712/ease_rec scales ratings), λ is
 * 500 (that port uses 0.5, RecBole 250) and negative weights are kept (Cornac's {@code posB=True} drops them).
 */
public final class EaseModel implements Model, org.recoder.api.ItemSimilarity, org.recoder.api.Explainer {
    public static final String TYPE = "ease";
    private final EaseConfig config;
    private final Interactions known;
    private final float[] weights;
    private final Provenance provenance;

    EaseModel(EaseConfig config, Interactions known, float[] weights, Provenance provenance) {
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
        int n = known.numItems();
        Arrays.fill(out, 0, n, 0f);
        for (int h = 0; h < historyItems.length; h++) {
            SparseDense.axpy(config.binary() ? 1f : historyValues[h], weights, historyItems[h] * n, out, 0, n);
        }
    }

    /** Row {@code item} of B: the weight of {@code item}, in a history, in every item's score. Exact. */
    @Override
    public void similarTo(int item, float[] out) {
        int n = known.numItems();
        System.arraycopy(weights, item * n, out, 0, n);
    }

    /** Exact: the score is Σ_h value_h · B[h, target], so item h contributes value_h · B[h, target]. */
    @Override
    public void contributions(int[] historyItems, float[] historyValues, int target, float[] out) {
        int n = known.numItems();
        for (int k = 0; k < historyItems.length; k++) {
            out[k] = (config.binary() ? 1f : historyValues[k]) * weights[historyItems[k] * n + target];
        }
    }

    @Override
    public String explanationKind() {
        return "exact: value × B[item, target], the terms of EASE's score";
    }

    @Override
    public String similarityKind() {
        return "EASE weight B[item, j]: the item's weight, in a history, in item j's score";
    }

    /** B[i, j], the weight of history item i in the score of item j. */
    public float weight(int i, int j) {
        return weights[i * known.numItems() + j];
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public EaseConfig config() {
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

    @Override
    public Map<String, Tensor> tensors() {
        int n = known.numItems();
        return Map.of("B", Tensor.of(weights, n, n));
    }

    static EaseModel load(ModelIO.Saved s) {
        int n = s.items().size();
        Tensor b = s.tensor("B");
        if (b.shape().length != 2 || b.shape()[0] != n || b.shape()[1] != n) {
            throw new ModelFormatException(s.file(), "tensor B has shape " + Arrays.toString(b.shape()) + ", expected ["
                    + n + ", " + n + "]");
        }
        return new EaseModel(s.config(EaseConfig.class), s.knownUsers(), b.floats(), s.provenance());
    }
}
