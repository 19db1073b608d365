package org.recoder.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;

/**
 * A split of interaction data: training users' data plus optional validation and test held-out users, and,
 * for sampled evaluation, each test user's sampled negative items.
 *
 * @param info          protocol, parameters, seed
 * @param train         training matrix; its item index is the item index of every other part
 * @param validation    validation users or null
 * @param test          test users or null
 * @param testNegatives per test user, the sampled items to rank the held-out item against, or null
 * @param sessions      a session split's ordered events (repeats kept), or null for the other protocols; {@code train}
 *                      and the held-out parts are then its set views ({@link SplitIO})
 */
public record Split(SplitInfo info, Interactions train, HeldOut validation, HeldOut test, Interactions testNegatives,
                    SessionEvents sessions) {
    public Split(SplitInfo info, Interactions train, HeldOut validation, HeldOut test, Interactions testNegatives) {
        this(info, train, validation, test, testNegatives, null);
    }

    /** The ordered events of a session split, if this is one. */
    public Optional<SessionEvents> sessionEvents() {
        return Optional.ofNullable(sessions);
    }

    public Optional<HeldOut> validationPart() {
        return Optional.ofNullable(validation);
    }

    public Optional<HeldOut> testPart() {
        return Optional.ofNullable(test);
    }

    public Optional<Interactions> negatives() {
        return Optional.ofNullable(testNegatives);
    }

    /** What a trainer fits on: the training users' rows, the validation users and this split's description. */
    public TrainingData trainingData() {
        return new TrainingData(train, validation, info, false, false, sessions);
    }

    /** The training data prepared as a model family asks ({@link TrainingData.Preparation}). */
    public TrainingData trainingData(TrainingData.Preparation preparation) {
        if (preparation == TrainingData.Preparation.TRAINING_USERS) {
            return trainingData();
        }
        // Leave-one-out's held-out users are training users (their fold-in rows are the training matrix itself):
        // nothing to append, and no weak generalization to declare.
        Interactions withFoldIn = train;
        if (validation != null && validation.foldIn() != train) {
            withFoldIn = withFoldIn.appendUsers(validation.foldIn());
        }
        if (test != null && test.foldIn() != train) {
            withFoldIn = withFoldIn.appendUsers(test.foldIn());
        }
        return withFoldIn == train ? trainingData() : new TrainingData(withFoldIn, validation, info, true, false, sessions);
    }

    /**
     * The same split without its test part (test users, their sampled negatives and test sessions): what
     * hyperparameter selection sees, so that it cannot touch a test user.
     */
    public Split withoutTest() {
        SessionEvents s = sessions == null ? null : new SessionEvents(sessions.train(), sessions.validation(), null);
        return new Split(info, train, validation, null, null, s);
    }

    /** The same split with {@code info} replaced. */
    public Split withInfo(SplitInfo newInfo) {
        return new Split(newInfo, train, validation, test, testNegatives, sessions);
    }

    /** Users, items and events per part, for split.json and logs. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", Map.of("users", train.numUsers(), "items", train.numItems(), "events", train.nnz()));
        if (validation != null) {
            m.put("validation", Map.of("users", validation.foldIn().numUsers(), "foldin_events", validation.foldIn().nnz(),
                    "holdout_events", validation.holdout().nnz()));
        }
        if (test != null) {
            m.put("test", Map.of("users", test.foldIn().numUsers(), "foldin_events", test.foldIn().nnz(),
                    "holdout_events", test.holdout().nnz()));
        }
        return m;
    }
}
