package org.recoder.models.ratingmean;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.models.family.RatingModel;

/**
 * The mean-rating baselines of rating prediction (the global, user and item means of AutoRec's and every
 * rating-prediction paper's tables): a rating is predicted as the training ratings' mean overall, the user's mean or
 * the item's mean, the global mean where the user or item has no training rating. A new user's USER mean is the mean
 * of the ratings given. Scores for ranking are the predictions. Cost: O(1) a prediction; O(nnz) to fit.
 */
public final class RatingMeanModel extends RatingModel {
    public static final String TYPE = "ratingmean";
    private final RatingMeanConfig config;
    private final float global;
    /** The user means (USER) or item means (ITEM), NaN where there are no ratings; empty for GLOBAL. */
    private final float[] means;

    RatingMeanModel(RatingMeanConfig config, Interactions known, float global, float[] means, Provenance provenance) {
        super(config, known, provenance);
        this.config = config;
        this.global = global;
        this.means = means;
    }

    private float mean(int index) {
        float m = means[index];
        return Float.isNaN(m) ? global : m;
    }

    @Override
    public void predictKnown(int user, int[] items, float[] out) {
        requireKnown(user);
        for (int n = 0; n < items.length; n++) {
            out[n] = switch (config.by()) {
                case GLOBAL -> global;
                case USER -> mean(user);
                case ITEM -> mean(items[n]);
            };
        }
    }

    @Override
    public void predict(int[] historyItems, float[] historyRatings, int[] items, float[] out) {
        if (config.by() == RatingMeanConfig.By.USER) {
            double s = 0;
            for (float r : historyRatings) {
                s += r;
            }
            Arrays.fill(out, 0, items.length, historyRatings.length == 0 ? global : (float) (s / historyRatings.length));
            return;
        }
        for (int n = 0; n < items.length; n++) {
            out[n] = config.by() == RatingMeanConfig.By.GLOBAL ? global : mean(items[n]);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RatingMeanConfig config() {
        return config;
    }

    @Override
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("global.mean", Tensor.of(new float[] {global}, 1, 1));
        if (means.length > 0) {
            t.put("means", Tensor.of(means, 1, means.length));
        }
        return t;
    }
}
