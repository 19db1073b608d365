package org.recoder.models.sknn;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.EventLog;
import org.recoder.data.Interactions;

/** Indexes a session split's training sessions for SKNN or V-SKNN: their item sets, last event times and item supports. O(events). */
public final class SessionKnnTrainer implements Trainer<SessionKnnModel> {
    private final String type;
    private final Record config;

    SessionKnnTrainer(String type, Record config) {
        this.type = type;
        this.config = config;
    }

    @Override
    public SessionKnnModel fit(TrainingData data) {
        if (data.sessions() == null) {
            throw new IllegalArgumentException(type + " trains on a session split's ordered events (recoder split session); "
                    + "this split is '" + data.split().protocol() + "'");
        }
        long t0 = System.nanoTime();
        EventLog events = data.sessions().train();
        Interactions sessions = data.train();
        long[] last = new long[sessions.numUsers()];
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        int[] itemEvents = new int[sessions.numItems()];
        for (int p = 0; p < events.size(); p++) {
            last[events.user()[p]] = Math.max(last[events.user()[p]], events.times()[p]);
            itemEvents[events.item()[p]]++;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new SessionKnnModel(type, config, sessions, last, itemEvents,
                Provenance.of(sessions, data.splitSummary(), 0, secs, Map.of()));
    }
}
