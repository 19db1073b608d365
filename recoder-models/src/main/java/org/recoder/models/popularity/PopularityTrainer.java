package org.recoder.models.popularity;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;

/** Counts the training users of each item. O(nnz). */
public final class PopularityTrainer implements Trainer<PopularityModel> {
    private final PopularityConfig config;

    public PopularityTrainer(PopularityConfig config) {
        this.config = config;
    }

    @Override
    public PopularityModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions train = data.train();
        int[] deg = train.itemDegrees();
        float[] scores = new float[deg.length];
        for (int i = 0; i < deg.length; i++) {
            scores[i] = deg[i];
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new PopularityModel(config, train, scores, Provenance.of(train, data.splitSummary(), 0, secs, Map.of()));
    }
}
