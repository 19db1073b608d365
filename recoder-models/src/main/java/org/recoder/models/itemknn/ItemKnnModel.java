package org.recoder.models.itemknn;

import java.util.Arrays;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.api.ModelIO;
import org.recoder.io.Tensor;

/**
 * Item-based collaborative filtering with cosine similarity and top-k neighbourhoods (Sarwar et al., WWW 2001;
 * Deshpande &amp; Karypis, TOIS 2004). The score of item j for a history H is Σ_{i∈H} x_i · sim(i, j) over the
 * neighbourhoods of the history items, so a new user is served from their history without retraining.
 *
 * <p>Scoring costs O(|H| · neighbours + |I|); the model holds |I| · neighbours similarities.
 */
public final class ItemKnnModel implements Model, org.recoder.api.ItemSimilarity, org.recoder.api.Explainer {
    public static final String TYPE = "itemknn";
    private final ItemKnnConfig config;
    private final Interactions known;
    private final int[] ptr;
    private final int[] neighbours;
    private final float[] similarity;
    private final Provenance provenance;

    ItemKnnModel(ItemKnnConfig config, Interactions known, int[] ptr, int[] neighbours, float[] similarity,
                 Provenance provenance) {
        this.config = config;
        this.known = known;
        this.ptr = ptr;
        this.neighbours = neighbours;
        this.similarity = similarity;
        this.provenance = provenance;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        Arrays.fill(out, 0f);
        for (int h = 0; h < historyItems.length; h++) {
            int i = historyItems[h];
            float v = historyValues[h];
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                out[neighbours[p]] += v * similarity[p];
            }
        }
    }

    /** The item's kept neighbourhood with its similarities; items outside it are not similar (−∞). */
    @Override
    public void similarTo(int item, float[] out) {
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int p = ptr[item]; p < ptr[item + 1]; p++) {
            out[neighbours[p]] = similarity[p];
        }
    }

    /** Exact: value_h · sim(h, target) when the target is in h's neighbourhood, else 0 (the terms of the score). */
    @Override
    public void contributions(int[] historyItems, float[] historyValues, int target, float[] out) {
        for (int k = 0; k < historyItems.length; k++) {
            int h = historyItems[k];
            float c = 0f;
            for (int p = ptr[h]; p < ptr[h + 1]; p++) {
                if (neighbours[p] == target) {
                    c = historyValues[k] * similarity[p];
                    break;
                }
            }
            out[k] = c;
        }
    }

    @Override
    public String explanationKind() {
        return "exact: value × sim(item, target), the terms of item-kNN's score";
    }

    @Override
    public String similarityKind() {
        return "cosine similarity with shrinkage, within the item's top-k neighbourhood";
    }

    /** The neighbours of item {@code i} (indices), most similar first. */
    public int[] neighboursOf(int i) {
        return Arrays.copyOfRange(neighbours, ptr[i], ptr[i + 1]);
    }

    /** The similarities aligned with {@link #neighboursOf(int)}. */
    public float[] similaritiesOf(int i) {
        return Arrays.copyOfRange(similarity, ptr[i], ptr[i + 1]);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ItemKnnConfig config() {
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
        return Map.of("similarity.indptr", Tensor.of(ptr), "similarity.indices", Tensor.of(neighbours),
                "similarity.values", Tensor.of(similarity));
    }

    static ItemKnnModel load(ModelIO.Saved s) {
        int[] ptr = s.tensor("similarity.indptr").ints();
        int[] idx = s.tensor("similarity.indices").ints();
        float[] val = s.tensor("similarity.values").floats();
        int ni = s.items().size();
        if (ptr.length != ni + 1 || ptr[ni] != idx.length || idx.length != val.length) {
            throw new ModelFormatException(s.file(), "similarity tensors do not fit " + ni + " items");
        }
        for (int j : idx) {
            if (j < 0 || j >= ni) {
                throw new ModelFormatException(s.file(), "neighbour index " + j + " out of range");
            }
        }
        return new ItemKnnModel(s.config(ItemKnnConfig.class), s.knownUsers(), ptr, idx, val, s.provenance());
    }
}
