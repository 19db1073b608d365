package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.DoubleSupplier;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;
import org.recoder.protocol.SessionSplit;
import org.recoder.synth.SyntheticSessions;

/** What the session models' tests share: the small synthetic session split, a sample of it, finite differences. */
public final class SessionTesting {
    private SessionTesting() {
    }

    /**
     * The {@code sessions-small} preset (seed 3) split with the last 2 days as test and, when asked, the day before
     * as validation; the test part goes to {@code testOut[0]}.
     */
    public static TrainingData smallSessions(EventLog[] testOut, boolean validation) {
        EventLog all = SyntheticSessions.preset("sessions-small").generate(3);
        SessionSplit.Result r = new SessionSplit(2, validation ? 1 : 0, 5, 2).split(all);
        testOut[0] = r.test();
        return new TrainingData(r.train().toInteractions(DuplicatePolicy.LAST), null,
                new SplitInfo("session", Map.of(), 0, Map.of(), Map.of()), false, false,
                new SessionEvents(r.train(), r.validation(), r.test()));
    }

    /** The events of the first {@code n} sessions of {@code log}. */
    public static EventLog firstSessions(EventLog log, int n) {
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        java.util.Set<Integer> sessions = new java.util.HashSet<>();
        for (int p = 0; p < log.size(); p++) {
            if (sessions.size() < n || sessions.contains(log.user()[p])) {
                sessions.add(log.user()[p]);
                keep.add(p);
            }
        }
        assertThat(sessions).hasSize(n);
        return log.select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Central difference (step 0.01) of {@code f} in coordinate i of {@code x}. */
    public static double numeric(float[] x, int i, DoubleSupplier f) {
        double h = 1e-2;
        float keep = x[i];
        x[i] = (float) (keep + h);
        double up = f.getAsDouble();
        x[i] = (float) (keep - h);
        double down = f.getAsDouble();
        x[i] = keep;
        return (up - down) / (2 * h);
    }
}
