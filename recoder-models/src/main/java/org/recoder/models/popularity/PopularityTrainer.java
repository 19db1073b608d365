package org.recoder.models.popularity;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;

/**
 * Counts the training users of each item; on a session split, its training events instead (repeats included), as
 * GRU4Rec's and session-rec's POP baseline ranks by item support. O(nnz), or O(events).
 */
public final class PopularityTrainer implements Trainer<PopularityModel> {
    private final PopularityConfig config;

    public PopularityTrainer(PopularityConfig config) {
        this.config = config;
    }

    @Override
    public PopularityModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions train = data.train();
        float[] scores = new float[train.numItems()];
        if (data.sessions() != null) {
            for (int i : data.sessions().train().item()) {
                scores[i]++;
            }
        } else {
            int[] deg = train.itemDegrees();
            for (int i = 0; i < deg.length; i++) {
                scores[i] = deg[i];
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new PopularityModel(config, train, scores, Provenance.of(train, data.splitSummary(), 0, secs, Map.of()));
    }
}
