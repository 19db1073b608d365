package org.recoder.models.popularity;

import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.api.ModelIO;
import org.recoder.io.Tensor;

/**
 * Most-popular baseline: every user gets the items with the most training users (history items excluded by
 * the caller). The floor any personalised model must clear. Scoring is O(|I|) per user.
 */
public final class PopularityModel implements Model {
    public static final String TYPE = "popularity";
    private final PopularityConfig config;
    private final Interactions known;
    private final float[] popularity;
    private final Provenance provenance;

    PopularityModel(PopularityConfig config, Interactions known, float[] popularity, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.popularity = popularity;
        this.provenance = provenance;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        System.arraycopy(popularity, 0, out, 0, popularity.length);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PopularityConfig config() {
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
        return Map.of("popularity", Tensor.of(popularity));
    }

    /** Decodes a saved popularity model. */
    static PopularityModel load(ModelIO.Saved s) {
        float[] pop = s.tensor("popularity").floats();
        if (pop.length != s.items().size()) {
            throw new org.recoder.io.ModelFormatException(s.file(), "popularity has " + pop.length + " entries for "
                    + s.items().size() + " items");
        }
        return new PopularityModel(s.config(PopularityConfig.class), s.knownUsers(), pop, s.provenance());
    }
}
