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
 *
 * @param train            training users' rows
 * @param validation       validation users (fold-in and held-out), or null
 * @param split            the split's protocol, parameters and seed
 * @param foldInInTraining whether {@code train} also holds the held-out users' fold-in rows ({@link #withFoldIn})
 */
public record TrainingData(Interactions train, HeldOut validation, SplitInfo split, boolean foldInInTraining) {
    public TrainingData(Interactions train, HeldOut validation, SplitInfo split) {
        this(train, validation, split, false);
    }

    /** The training part of {@code split}. */
    public static TrainingData of(Split split) {
        return new TrainingData(split.train(), split.validation(), split.info());
    }

    /**
     * The training part of {@code split} with the validation and test users' fold-in rows appended as further
     * training users, their held-out rows still hidden: what a model with a parameter per user (CDAE) needs in
     * order to score those users at all. This is weak generalization for the held-out users, and the provenance
     * says so ({@code "foldin_in_training": true}).
     */
    public static TrainingData withFoldIn(Split split) {
        Interactions train = split.train();
        if (split.validation() != null) {
            train = train.appendUsers(split.validation().foldIn());
        }
        if (split.test() != null) {
            train = train.appendUsers(split.test().foldIn());
        }
        return new TrainingData(train, split.validation(), split.info(), true);
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
        if (foldInInTraining) {
            m.put("foldin_in_training", true);
        }
        return m;
    }
}
