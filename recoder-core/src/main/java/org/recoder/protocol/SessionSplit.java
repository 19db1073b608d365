package org.recoder.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.recoder.data.EventLog;
import org.recoder.data.SplitInfo;

/**
 * Session split of GRU4Rec (Hidasi et al., ICLR 2016, {@code examples/rsc15/preprocess.py}) and NARM (Li et al.,
 * CIKM 2017): drop sessions shorter than {@code minSessionLength}, items with fewer than {@code minItemSupport}
 * events, then short sessions again; sessions whose last event falls in the final {@code testDays} days are the
 * test set; test events on items absent from training are dropped, then test sessions shorter than
 * {@code minSessionLength}. With {@code validationDays} &gt; 0 the same cut is applied again to the training part, and the validation and
 * test events are then restricted to the remaining training items (every part shares the training item index).
 *
 * @param testDays         length of the test period in days (1 for YooChoose, 7 for DIGINETICA in NARM)
 * @param validationDays   length of the validation period cut from training, or 0
 * @param minItemSupport   minimum events per item (5)
 * @param minSessionLength minimum events per session (2)
 */
public record SessionSplit(double testDays, double validationDays, int minItemSupport, int minSessionLength) {
    public SessionSplit {
        if (!(testDays > 0) || validationDays < 0) {
            throw new IllegalArgumentException("days must be > 0");
        }
    }

    /** The result: events in file order, sessions as users. */
    public record Result(SplitInfo info, EventLog train, EventLog validation, EventLog test) {
    }

    public Result split(EventLog log) {
        if (!log.hasTimes()) {
            throw new IllegalArgumentException("a session split needs timestamps; this log has none");
        }
        int[] keep = StrongGeneralization.range(log.size()).toArray();
        keep = filterSessions(log, keep);
        int[] support = new int[log.items().size()];
        for (int p : keep) {
            support[log.item()[p]]++;
        }
        keep = Arrays.stream(keep).filter(p -> support[log.item()[p]] >= minItemSupport).toArray();
        keep = filterSessions(log, keep);
        if (keep.length == 0) {
            throw new IllegalArgumentException("no sessions left after filtering");
        }
        int[][] parts = cut(log, keep, testDays);
        int[] train = parts[0];
        int[] test = restrictToItems(log, train, parts[1]);
        return result(log, train, test, Protocols.params("test_days", testDays, "validation_days", validationDays,
                "min_item_support", minItemSupport, "min_session_length", minSessionLength));
    }

    /** Cuts the validation period from {@code train} when asked, and assembles the parts and their counts. */
    private Result result(EventLog log, int[] train, int[] test, Map<String, Object> params) {
        int[] validation = null;
        if (validationDays > 0) {
            int[][] vp = cut(log, train, validationDays);
            train = vp[0];
            validation = restrictToItems(log, train, vp[1]);
            // The items are those of the (now shorter) training part, for the test period too.
            test = restrictToItems(log, train, test);
        }
        Map<String, Object> counts = new HashMap<>();
        counts.put("train_events", train.length);
        counts.put("test_events", test.length);
        if (validation != null) {
            counts.put("validation_events", validation.length);
        }
        return new Result(new SplitInfo("session", params, 0, null, counts), log.select(train),
                validation == null ? null : log.select(validation), log.select(test));
    }

    /**
     * A split given as two files (as the session-rec framework ships {@code *_train_full.txt} and {@code *_test.txt}):
     * {@code train} is kept as it is, {@code test}'s events on items absent from it are dropped, then its sessions
     * shorter than {@code minSessionLength}; with {@code validationDays} &gt; 0 the validation period is cut from
     * {@code train} as in {@link #split}. {@code testDays} and {@code minItemSupport} do not apply. A session id in
     * both files is an error: the two would be one session.
     */
    public Result splitGiven(EventLog train, EventLog test) {
        if (!train.hasTimes() || !test.hasTimes()) {
            throw new IllegalArgumentException("a session split needs timestamps; the " + (train.hasTimes() ? "test" : "training")
                    + " events have none");
        }
        org.recoder.data.EventLogBuilder b = new org.recoder.data.EventLogBuilder(true);
        java.util.Set<String> trainIds = new java.util.HashSet<>();
        for (int p = 0; p < train.size(); p++) {
            String session = train.users().id(train.user()[p]);
            trainIds.add(session);
            b.add(session, train.items().id(train.item()[p]), train.value()[p], train.times()[p]);
        }
        for (int p = 0; p < test.size(); p++) {
            String session = test.users().id(test.user()[p]);
            if (trainIds.contains(session)) {
                throw new IllegalArgumentException("session '" + session + "' is in both the training and the test file");
            }
            b.add(session, test.items().id(test.item()[p]), test.value()[p], test.times()[p]);
        }
        EventLog log = b.build();
        int[] trainPart = StrongGeneralization.range(train.size()).toArray();
        int[] testPart = restrictToItems(log, trainPart,
                java.util.stream.IntStream.range(train.size(), log.size()).toArray());
        return result(log, trainPart, testPart, Protocols.params("given_test", true, "validation_days", validationDays,
                "min_session_length", minSessionLength));
    }

    private int[][] cut(EventLog log, int[] events, double days) {
        long tmax = Long.MIN_VALUE;
        Map<Integer, Long> sessionEnd = new HashMap<>();
        for (int p : events) {
            tmax = Math.max(tmax, log.times()[p]);
            sessionEnd.merge(log.user()[p], log.times()[p], Math::max);
        }
        long from = tmax - (long) (days * 86_400_000L);
        int[] test = Arrays.stream(events).filter(p -> sessionEnd.get(log.user()[p]) >= from).toArray();
        int[] train = Arrays.stream(events).filter(p -> sessionEnd.get(log.user()[p]) < from).toArray();
        return new int[][] {train, test};
    }

    private int[] restrictToItems(EventLog log, int[] train, int[] held) {
        boolean[] known = new boolean[log.items().size()];
        for (int p : train) {
            known[log.item()[p]] = true;
        }
        return filterSessions(log, Arrays.stream(held).filter(p -> known[log.item()[p]]).toArray());
    }

    private int[] filterSessions(EventLog log, int[] events) {
        int[] len = new int[log.users().size()];
        for (int p : events) {
            len[log.user()[p]]++;
        }
        return Arrays.stream(events).filter(p -> len[log.user()[p]] >= minSessionLength).toArray();
    }
}
