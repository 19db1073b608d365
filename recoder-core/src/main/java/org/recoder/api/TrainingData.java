package org.recoder.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.data.Interactions;
import org.recoder.protocol.HeldOut;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitInfo;

/**
 * What a trainer fits on: the training matrix, optional validation users (for early stopping and model
 * selection) and the split's description for the model's provenance.
 */
public record TrainingData(Interactions train, HeldOut validation, SplitInfo split) {
    /** The training part of {@code split}. */
    public static TrainingData of(Split split) {
        return new TrainingData(split.train(), split.validation(), split.info());
    }

    /** Protocol, parameters and seed of the split, for provenance. */
    public Map<String, Object> splitSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", split.protocol());
        m.put("seed", split.seed());
        m.put("parameters", split.parameters());
        if (!split.source().isEmpty()) {
            m.put("source", split.source());
        }
        return m;
    }
}
