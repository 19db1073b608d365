package org.recoder.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.EventLogBuilder;
import org.recoder.data.Interactions;
import org.recoder.data.read.DataFormatException;
import org.recoder.synth.SyntheticData;
import org.recoder.testing.TestData;

class ProtocolsTest {
    @TempDir
    Path dir;

    @Test
    void strongSplitWithoutThresholdKeepsEveryEventAndRoundTrips(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        // Implicit data (play counts, bookmarks) has no rating threshold.
        Split s = new StrongGeneralization(null, 0, 5, 0.1, 0.2, 5, 98765).split(TestData.small(7));
        assertThat(s.info().parameters()).doesNotContainKey("threshold");
        SplitIO.write(s, dir.resolve("s"), false);
        assertThat(SplitIO.read(dir.resolve("s")).train()).isEqualTo(s.train().withoutTimes());
    }

    /**
     * Hash assignment: each user's role is the hash of (seed, user id) against the fraction, each held-out user's
     * targets its events with the smallest hashes, so a user's part does not depend on the other users (dropping a
     * training user moves no one else) and a cluster can compute it row by row.
     */
    @Test
    void hashAssignmentFollowsTheIdsAlone() {
        Interactions data = TestData.small(7);
        StrongGeneralization hash = new StrongGeneralization(null, 0, 5, 0.1, 0.2, 5, 98765, StrongGeneralization.Assignment.HASH);
        Split s = hash.split(data);
        assertThat(s.info().parameters()).containsEntry("assignment", "hash");
        for (String u : s.test().foldIn().users().ids()) {
            assertThat(HashAssignment.user(98765, u)).isLessThan(0.1);
        }
        for (String u : s.validation().foldIn().users().ids()) {
            assertThat(HashAssignment.user(98765, u)).isGreaterThanOrEqualTo(0.1).isLessThan(0.2);
        }
        for (String u : s.train().users().ids()) {
            assertThat(HashAssignment.user(98765, u)).isGreaterThanOrEqualTo(0.2);
        }
        Interactions fold = s.test().foldIn();
        Interactions hold = s.test().holdout();
        for (int u = 0; u < hold.numUsers(); u++) {
            String user = hold.users().id(u);
            int n = fold.degree(fold.users().index(user)) + hold.degree(u);
            assertThat(hold.degree(u)).isEqualTo(n < 5 ? 0 : (int) Math.floor(0.2 * n));
            double highestHeld = -1;
            for (int i : hold.rowItems(u)) {
                highestHeld = Math.max(highestHeld, HashAssignment.event(98765, user, hold.items().id(i)));
            }
            for (int i : fold.rowItems(fold.users().index(user))) {
                assertThat(HashAssignment.event(98765, user, fold.items().id(i))).isGreaterThan(highestHeld);
            }
        }
        // Without one training user (and its events), every other user keeps its part and its targets.
        String dropped = s.train().users().id(0);
        int[] others = java.util.stream.IntStream.range(0, data.numUsers()).filter(u -> !data.users().id(u).equals(dropped)).toArray();
        Split without = hash.split(data.select(others, java.util.stream.IntStream.range(0, data.numItems()).toArray()));
        assertThat(without.test().foldIn().users().ids()).isEqualTo(s.test().foldIn().users().ids());
        assertThat(without.validation().holdout().nnz()).isEqualTo(s.validation().holdout().nnz());
        assertThat(new StrongGeneralization(null, 0, 5, 0.1, 0.2, 5, 1, StrongGeneralization.Assignment.HASH).split(data).test().foldIn().users().ids())
                .isNotEqualTo(s.test().foldIn().users().ids());
        assertThatThrownBy(() -> new StrongGeneralization(null, 0, 5, 50, 0.2, 5, 1, StrongGeneralization.Assignment.HASH))
                .hasMessageContaining("hash assignment needs heldout-users as a fraction");
        // The hash itself: deterministic, in [0, 1), and the separator keeps ("ab", "c") apart from ("a", "bc").
        assertThat(HashAssignment.unit(3, "ab", "c")).isEqualTo(HashAssignment.unit(3, "ab", "c")).isNotEqualTo(HashAssignment.unit(3, "a", "bc"));
        double sum = 0;
        for (int k = 0; k < 10_000; k++) {
            double h = HashAssignment.unit(5, "u" + k);
            assertThat(h).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += h;
        }
        assertThat(sum / 10_000).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.01));
    }

    /** Hashed negatives: distinct, never a seen item, the same for the same (seed, user), and found for a user who knows almost all. */
    @Test
    void hashNegativesAreUnseenDistinctAndDeterministic() {
        String[] items = java.util.stream.IntStream.range(0, 50).mapToObj(i -> String.format("i%02d", i)).toArray(String[]::new);
        boolean[] seen = new boolean[50];
        for (int c = 0; c < 50; c += 3) {
            seen[c] = true;
        }
        int[] a = LeaveOneOut.hashNegatives(9, "u1", items, seen, 20);
        assertThat(a).hasSize(20).doesNotHaveDuplicates();
        for (int c : a) {
            assertThat(seen[c]).isFalse();
        }
        assertThat(LeaveOneOut.hashNegatives(9, "u1", items, seen, 20)).containsExactly(a);
        assertThat(LeaveOneOut.hashNegatives(9, "u2", items, seen, 20)).isNotEqualTo(a);
        assertThat(seen[0]).isTrue();
        // 49 of 50 seen: the one unseen item, whichever way it is found.
        boolean[] almost = new boolean[50];
        java.util.Arrays.fill(almost, true);
        almost[17] = false;
        assertThat(LeaveOneOut.hashNegatives(9, "u1", items, almost, 1)).containsExactly(17);
    }

    @Test
    void strongGeneralizationFollowsLiang() {
        Interactions data = TestData.small(7);
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(data);
        Set<String> train = new HashSet<>(s.train().users().ids());
        Set<String> val = new HashSet<>(s.validation().foldIn().users().ids());
        Set<String> test = new HashSet<>(s.test().foldIn().users().ids());
        assertThat(train).doesNotContainAnyElementsOf(val).doesNotContainAnyElementsOf(test);
        assertThat(val).doesNotContainAnyElementsOf(test);
        assertThat(s.test().holdout().items()).isEqualTo(s.train().items());
        Interactions fold = s.test().foldIn();
        Interactions hold = s.test().holdout();
        for (int u = 0; u < fold.numUsers(); u++) {
            int n = fold.degree(u) + hold.degree(u);
            assertThat(hold.degree(u)).isEqualTo(n < 5 ? 0 : (int) Math.floor(0.2 * n));
            for (int i : hold.rowItems(u)) {
                assertThat(fold.rowItems(u)).doesNotContain(i);
            }
        }
        // every training user kept ≥ 5 events above the threshold
        for (int u = 0; u < s.train().numUsers(); u++) {
            assertThat(s.train().degree(u)).isGreaterThanOrEqualTo(5);
        }
        assertThat(s.train().valueArray()).containsOnly(1f);
        Split again = StrongGeneralization.liang(3.5f, 0.1, 98765).split(data);
        assertThat(again.test().holdout()).isEqualTo(hold);
        assertThat(StrongGeneralization.liang(3.5f, 0.1, 1).split(data).test().holdout()).isNotEqualTo(hold);
    }

    @Test
    void splitDirectoryReadsBackIdentically() {
        Split s = StrongGeneralization.liang(3.5f, 50, 98765).split(TestData.small(7));
        SplitIO.write(s, dir.resolve("split"), false);
        Split r = SplitIO.read(dir.resolve("split"));
        assertThat(r.train()).isEqualTo(s.train());
        assertThat(r.validation().foldIn()).isEqualTo(s.validation().foldIn());
        assertThat(r.validation().holdout()).isEqualTo(s.validation().holdout());
        assertThat(r.test().foldIn()).isEqualTo(s.test().foldIn());
        assertThat(r.test().holdout()).isEqualTo(s.test().holdout());
        assertThat(r.info().protocol()).isEqualTo("strong");
        assertThat(r.info().seed()).isEqualTo(98765);
        assertThat(r.info().parameters()).containsEntry("heldout_users_resolved", 50);
        assertThatThrownBy(() -> SplitIO.write(s, dir.resolve("split"), false)).hasMessageContaining("already holds a split")
                .hasMessageContaining("--force");
        SplitIO.write(s, dir.resolve("split"), true);
        assertThat(SplitIO.read(dir.resolve("split")).train()).isEqualTo(s.train());
    }

    @Test
    void forceReplacesOnlyWhatRecoderWrote() throws IOException {
        Split s = StrongGeneralization.liang(3.5f, 50, 98765).split(TestData.small(7));
        // A folder of the user's files: never deleted, with or without --force.
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "precious");
        for (boolean force : new boolean[] {false, true}) {
            assertThatThrownBy(() -> SplitIO.write(s, home, force)).hasMessageContaining("not a split directory written by Recoder")
                    .hasMessageContaining("with or without --force");
        }
        assertThat(home.resolve("thesis.tex")).hasContent("precious");
        // A file (a model, say) is not replaced by a directory.
        Path model = Files.writeString(dir.resolve("model.recoder"), "weights");
        assertThatThrownBy(() -> SplitIO.write(s, model, true)).hasMessageContaining("is a file");
        assertThat(model).hasContent("weights");
        // A split with a foreign file added: refused too, so that file is not lost.
        Path split = dir.resolve("split");
        SplitIO.write(s, split, false);
        Files.writeString(split.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SplitIO.write(s, split, true)).hasMessageContaining("it also holds notes.txt");
        assertThat(split.resolve("notes.txt")).hasContent("mine");
        // A split.json that is not Recoder's: refused.
        Path fake = Files.createDirectories(dir.resolve("fake"));
        Files.writeString(fake.resolve("split.json"), "{\"name\": \"other tool\"}");
        assertThatThrownBy(() -> SplitIO.write(s, fake, true)).hasMessageContaining("no Recoder split.json");
        // An empty folder is fine without --force.
        Path empty = Files.createDirectories(dir.resolve("empty"));
        SplitIO.write(s, empty, false);
        assertThat(empty.resolve("split.json")).exists();
    }

    @Test
    void badSplitDirectoriesFailClearly() throws IOException {
        assertThatThrownBy(() -> SplitIO.read(dir.resolve("none"))).hasMessageContaining("split directory not found");
        Path d = Files.createDirectories(dir.resolve("d"));
        assertThatThrownBy(() -> SplitIO.read(d)).hasMessageContaining("missing train.tsv");
        Files.writeString(d.resolve("train.tsv"), "user\titem\tvalue\nu1\ti1\t1\nu1\ti2\t1\n");
        assertThat(SplitIO.read(d).train().nnz()).isEqualTo(2);
        Files.writeString(d.resolve("test_foldin.tsv"), "user\titem\tvalue\nu9\ti1\t1\n");
        assertThatThrownBy(() -> SplitIO.read(d)).hasMessageContaining("has test_foldin.tsv but is missing test_holdout.tsv");
        Files.writeString(d.resolve("test_holdout.tsv"), "user\titem\tvalue\nu9\ti7\t1\n");
        assertThatThrownBy(() -> SplitIO.read(d)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("test_holdout.tsv:2").hasMessageContaining("item 'i7' is not in train.tsv");
        Files.writeString(d.resolve("train.tsv"), "user,item,value\nu1,i1,1\n");
        assertThatThrownBy(() -> SplitIO.read(d)).hasMessageContaining("train.tsv:1").hasMessageContaining("expected the header");
    }

    @Test
    void leaveOneOutHoldsTheLatestAndSamplesUnseenNegatives() {
        Interactions data = TestData.tiny(120, 80, 5);
        Split s = new LeaveOneOut(true, false, 20, 11).split(data);
        Interactions hold = s.test().holdout();
        Interactions neg = s.testNegatives();
        for (int u = 0; u < hold.numUsers(); u++) {
            if (hold.degree(u) == 0) {
                continue;
            }
            assertThat(hold.degree(u)).isEqualTo(1);
            int du = data.users().index(hold.users().id(u));
            String target = hold.items().id(hold.rowItems(u)[0]);
            long targetTime = data.timeArray()[data.rowStart(du) + java.util.Arrays.binarySearch(data.rowItems(du), data.items().index(target))];
            for (int k = data.rowStart(du); k < data.rowEnd(du); k++) {
                assertThat(data.timeArray()[k]).isLessThanOrEqualTo(targetTime);
            }
            Set<String> seen = new HashSet<>();
            for (int i : data.rowItems(du)) {
                seen.add(data.items().id(i));
            }
            assertThat(neg.degree(u)).isEqualTo(20);
            for (int i : neg.rowItems(u)) {
                assertThat(seen).doesNotContain(neg.items().id(i));
            }
            assertThat(s.train().rowItems(u)).doesNotContain(hold.rowItems(u)[0]);
        }
        SplitIO.write(s, dir.resolve("loo"), false);
        Split r = SplitIO.read(dir.resolve("loo"));
        assertThat(r.test().foldIn()).isSameAs(r.train());
        assertThat(r.test().holdout()).isEqualTo(hold);
        assertThat(r.testNegatives()).isEqualTo(neg);
    }

    @Test
    void ratingAndTemporalSplits() {
        Interactions data = TestData.tiny(100, 60, 2);
        Split rs = new RatingSplit(0.1, 0, 0, 3).split(data);
        int held = rs.test().holdout().nnz() + ((Number) rs.info().parameters().get("dropped_test_ratings")).intValue();
        assertThat(held).isEqualTo((int) Math.round(0.1 * data.nnz()));
        assertThat(rs.train().nnz() + held).isEqualTo(data.nnz());
        assertThat(rs.validation()).isNull();
        assertThat(new RatingSplit(0.1, 0, 1, 3).split(data).test().holdout()).isNotEqualTo(rs.test().holdout());
        // With validation: 10% of the rest held out again; every rating lands in exactly one part or is dropped.
        Split rv = new RatingSplit(0.1, 0.1, 0, 3).split(data);
        var params = rv.info().parameters();
        int test = rv.test().holdout().nnz() + ((Number) params.get("dropped_test_ratings")).intValue();
        int validation = rv.validation().holdout().nnz() + ((Number) params.get("dropped_validation_ratings")).intValue();
        assertThat(test).isEqualTo((int) Math.round(0.1 * data.nnz()));
        assertThat(validation).isEqualTo((int) Math.round(0.1 * (data.nnz() - Math.round(0.1 * data.nnz()))));
        assertThat(rv.train().nnz() + test + validation).isEqualTo(data.nnz());
        assertThat(rv.validation().foldIn()).isSameAs(rv.train());
        assertThat(rv.test().foldIn()).isSameAs(rv.train());

        EventLogBuilder b = new EventLogBuilder(true);
        for (int u = 0; u < 30; u++) {
            for (int i = 0; i < 20; i++) {
                b.add("u" + u, "i" + ((u + i) % 25), 1, i * 1000L + u);
            }
        }
        Split ts = new TemporalSplit(0.2, 0.1).split(b.build().toInteractions(DuplicatePolicy.LAST));
        long cut = ((Number) ts.info().parameters().get("test_from_ms")).longValue();
        assertThat(java.util.Arrays.stream(ts.train().timeArray()).max().getAsLong()).isLessThan(cut);
        assertThat(java.util.Arrays.stream(ts.test().holdout().timeArray()).min().getAsLong()).isGreaterThanOrEqualTo(cut);
        assertThat(ts.validation().holdout().nnz()).isPositive();
    }

    @Test
    void sessionSplitTakesTheLastDayAndFilters() {
        EventLogBuilder b = new EventLogBuilder(true);
        long day = 86_400_000L;
        // 20 sessions over 10 days, each 3 events on items 0..4; one session of length 1; one rare item
        for (int s = 0; s < 20; s++) {
            for (int e = 0; e < 3; e++) {
                b.add("s" + s, "i" + ((s + e) % 5), 1, s * day / 2 + e * 1000);
            }
        }
        b.add("short", "i1", 1, 5 * day);
        b.add("s3", "rare", 1, 3 * day / 2 + 5000);
        EventLog log = b.build();
        SessionSplit.Result r = new SessionSplit(1, 0, 5, 2).split(log);
        Set<String> testSessions = new HashSet<>();
        for (int p = 0; p < r.test().size(); p++) {
            testSessions.add(r.test().users().id(r.test().user()[p]));
        }
        // GRU4Rec: a session is a test session when its last event is at or after tmax - 1 day
        assertThat(testSessions).containsExactlyInAnyOrder("s17", "s18", "s19");
        for (int p = 0; p < r.train().size(); p++) {
            assertThat(r.train().users().id(r.train().user()[p])).isNotIn("short", "s17", "s18", "s19");
            assertThat(r.train().items().id(r.train().item()[p])).isNotEqualTo("rare");
        }
        SplitIO.writeSessions(r, dir.resolve("sessions"), false);
        assertThat(dir.resolve("sessions/test_holdout.tsv")).exists();
    }

    @Test
    void aSessionSplitReadsBackAsOrderedEventsWithItsRepeats() {
        EventLogBuilder b = new EventLogBuilder(true);
        long day = 86_400_000L;
        for (int s = 0; s < 12; s++) {
            // Each session revisits its first item: a repeated (session, item) pair is an event in its place.
            b.add("s" + s, "i" + (s % 3), 1, s * day + 1000);
            b.add("s" + s, "i" + ((s + 1) % 3), 1, s * day + 2000);
            b.add("s" + s, "i" + (s % 3), 1, s * day + 3000);
        }
        SessionSplit.Result r = new SessionSplit(1, 0, 1, 2).split(b.build());
        SplitIO.writeSessions(r, dir.resolve("sessions"), false);
        Split back = SplitIO.read(dir.resolve("sessions"));
        org.recoder.data.SessionEvents ev = back.sessionEvents().orElseThrow();
        // s10 and s11 end within the last day (s10 exactly one day before the last event, which counts as inside).
        assertThat(ev.train().size()).isEqualTo(r.train().size()).isEqualTo(30);
        assertThat(ev.test().size()).isEqualTo(6);
        // The set view has each session's distinct items; the held-out part is fold-in = all but the last event.
        assertThat(back.train().nnz()).isEqualTo(20);
        assertThat(back.test().foldIn().nnz()).isEqualTo(4);
        assertThat(back.test().holdout().nnz()).isEqualTo(2);
        int[][] rows = ev.test().eventsByUser();
        assertThat(rows).hasDimensions(2, 3);
        assertThat(ev.test().users().id(0)).isEqualTo("s10");
        assertThat(ev.test().items().id(ev.test().item()[rows[0][2]])).isEqualTo("i1");
        assertThat(back.trainingData().sessions()).isSameAs(ev);
    }

    @Test
    void eventsByUserSortsByTimeAndKeepsFileOrderOnTies() {
        EventLogBuilder b = new EventLogBuilder(true);
        b.add("s", "c", 1, 30);
        b.add("s", "a", 1, 10);
        b.add("s", "b", 1, 10);
        b.add("t", "a", 1, 5);
        EventLog log = b.build();
        int[][] rows = log.eventsByUser();
        assertThat(rows[0]).containsExactly(1, 2, 0);
        assertThat(rows[1]).containsExactly(3);
    }

    @Test
    void aGivenTestFileKeepsTrainingAsItIs() {
        EventLogBuilder tr = new EventLogBuilder(true);
        tr.add("1", "a", 1, 1000);
        tr.add("1", "b", 1, 2000);
        tr.add("2", "a", 1, 3000);
        tr.add("2", "c", 1, 4000);
        EventLogBuilder te = new EventLogBuilder(true);
        te.add("7", "a", 1, 9000);
        te.add("7", "new", 1, 9100);
        te.add("7", "c", 1, 9200);
        te.add("8", "b", 1, 9300);
        te.add("8", "new", 1, 9400);
        SessionSplit.Result r = new SessionSplit(1, 0, 5, 2).splitGiven(tr.build(), te.build());
        // Training is not re-filtered (items with one event stay); "new" is dropped from the test part, and with it
        // session 8, left with one event.
        assertThat(r.train().size()).isEqualTo(4);
        assertThat(r.test().size()).isEqualTo(2);
        assertThat(r.info().parameters()).containsEntry("given_test", true);
        EventLogBuilder clash = new EventLogBuilder(true);
        clash.add("2", "a", 1, 9000);
        clash.add("2", "b", 1, 9100);
        assertThatThrownBy(() -> new SessionSplit(1, 0, 5, 2).splitGiven(tr.build(), clash.build()))
                .hasMessageContaining("session '2' is in both");
    }

    /** A validation period cut from a given training file shrinks the items, and the test part follows them. */
    @Test
    void aValidationPeriodCutFromGivenTrainingRestrictsTheTestToTheRemainingItems() {
        long day = 86_400_000L;
        EventLogBuilder tr = new EventLogBuilder(true);
        tr.add("1", "a", 1, 0);
        tr.add("1", "b", 1, 1000);
        tr.add("2", "a", 1, 3 * day);
        tr.add("2", "c", 1, 3 * day + 1000);
        EventLogBuilder te = new EventLogBuilder(true);
        te.add("7", "a", 1, 4 * day);
        te.add("7", "c", 1, 4 * day + 1000);
        te.add("7", "b", 1, 4 * day + 2000);
        SessionSplit.Result r = new SessionSplit(1, 1, 5, 2).splitGiven(tr.build(), te.build());
        assertThat(r.train().size()).isEqualTo(2);
        // Session 2 keeps "a" only (c is not a training item any more) and is dropped as too short.
        assertThat(r.validation().size()).isZero();
        java.util.Set<Integer> trainItems = new java.util.HashSet<>();
        for (int p = 0; p < r.train().size(); p++) {
            trainItems.add(r.train().item()[p]);
        }
        assertThat(r.test().size()).isEqualTo(2);
        for (int p = 0; p < r.test().size(); p++) {
            assertThat(trainItems).contains(r.test().item()[p]);
        }
    }

    @Test
    void emptyAfterFilteringIsAnError() {
        EventLog log = SyntheticData.preset("small").generate(1);
        Interactions data = log.toInteractions(DuplicatePolicy.LAST);
        assertThatThrownBy(() -> StrongGeneralization.liang(10f, 0.1, 1).split(data)).hasMessageContaining("empty after filtering");
    }
}
