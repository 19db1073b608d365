package org.recoder.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;

/**
 * What a trainer fits on: the training matrix, optional validation users (for early stopping and model
 * selection) and the split's description for the model's provenance.
 *
 * @param train            training users' rows
 * @param validation       validation users (fold-in and held-out), or null
 * @param split            the split's protocol, parameters and seed
 * @param foldInInTraining whether {@code train} also holds the held-out users' fold-in rows ({@link Preparation#WITH_HELD_OUT_FOLD_IN})
 * @param sessions         a session split's ordered events, repeats kept (what session models and session
 *                         baselines train on; {@code train} is then their set view), or null
 * @param selectedOnTest   whether {@code validation} is the split's test part ({@link #selectingOnTest}): the epoch is
 *                         then chosen on the very targets the model is scored on, and the provenance says so
 */
public record TrainingData(Interactions train, HeldOut validation, SplitInfo split, boolean foldInInTraining,
                           boolean selectedOnTest, SessionEvents sessions) {
    public TrainingData(Interactions train, HeldOut validation, SplitInfo split) {
        this(train, validation, split, false, false, null);
    }

    public TrainingData(Interactions train, HeldOut validation, SplitInfo split, boolean foldInInTraining) {
        this(train, validation, split, foldInInTraining, false, null);
    }

    public TrainingData(Interactions train, HeldOut validation, SplitInfo split, boolean foldInInTraining,
                        boolean selectedOnTest) {
        this(train, validation, split, foldInInTraining, selectedOnTest, null);
    }

    /**
     * The same data validated on {@code test}, the split's test part, instead of its validation part: the epoch
     * (or any choice made on validation) is then selected on the test targets, as the NCF reference code does
     * (He et al.'s {@code NeuMF.py} keeps the epoch of the best test HR). The test score of such a model is
     * optimistic: it was chosen to be high on exactly those targets. Only for reproducing the reference; the
     * provenance records {@code "selected_on_test": true} and {@code evaluate} prints it.
     */
    public TrainingData selectingOnTest(HeldOut test) {
        if (test == null) {
            throw new IllegalArgumentException("the split has no test part to select on");
        }
        return new TrainingData(train, test, split, foldInInTraining, true, sessions);
    }

    /**
     * What a model family trains on, out of a split ({@code Split.trainingData(preparation)} applies it).
     * {@link #TRAINING_USERS}: the training users' rows only (strong generalization: held-out users are folded in
     * at evaluation time). {@link #WITH_HELD_OUT_FOLD_IN}: the validation and test users' fold-in rows are
     * appended as further training users, their held-out rows still hidden: what a model with a parameter per
     * user (CDAE) needs in order to score those users at all. That is weak generalization for the held-out users,
     * and the provenance says so ({@code "foldin_in_training": true}).
     */
    public enum Preparation { TRAINING_USERS, WITH_HELD_OUT_FOLD_IN }

    /** The same data without validation users (no per-epoch validation: benchmarks). */
    public TrainingData withoutValidation() {
        return new TrainingData(train, null, split, foldInInTraining, false, sessions);
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
        if (selectedOnTest) {
            m.put("selected_on_test", true);
        }
        return m;
    }
}
