package org.recoder.models.sknn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;

/**
 * SKNN and V-SKNN against scores worked out by hand on four training sessions over items a..e (0..4):
 * s0 = {a, b} (last event at t 1), s1 = {a, c} (t 2), s2 = {b, c, d} (t 3), s3 = {d, e} (t 4).
 */
class SessionKnnTest {
    static final int A = 0, B = 1, C = 2, D = 3, E = 4;

    @TempDir
    Path dir;

    static TrainingData sessions() {
        IdIndex sessions = IdIndex.of("s0", "s1", "s2", "s3");
        IdIndex items = IdIndex.of("a", "b", "c", "d", "e");
        // s2 repeats b: a repeat is an event, counted in the item supports, not a second set member.
        int[] user = {0, 0, 1, 1, 2, 2, 2, 2, 3, 3};
        int[] item = {A, B, A, C, B, C, B, D, D, E};
        long[] time = {0, 1, 1, 2, 2, 2, 3, 3, 3, 4};
        EventLog log = new EventLog(sessions, items, user, item, new float[user.length], time);
        java.util.Arrays.fill(log.value(), 1f);
        return new TrainingData(log.toInteractions(DuplicatePolicy.LAST), null,
                new SplitInfo("session", Map.of(), 0, Map.of(), Map.of()), false, false, new SessionEvents(log, null, null));
    }

    static float[] score(SessionKnnModel m, int... session) {
        float[] out = new float[5];
        m.scoreSession(session, out);
        return out;
    }

    static SessionKnnModel sknn(SknnConfig c) {
        return new SessionKnnTrainer(SessionKnnModel.SKNN, c).fit(sessions());
    }

    static SessionKnnModel vsknn(VsknnConfig c) {
        return new SessionKnnTrainer(SessionKnnModel.VSKNN, c).fit(sessions());
    }

    @Test
    void sknnCosineSumsTheNeighboursSimilarities() {
        // Candidates of {a, b}: s0 (cos 2/√(2·2) = 1), s1 (1/√(2·2) = 0.5), s2 (1/√(2·3) = 0.4082); s3 shares nothing.
        float[] s = score(sknn(new SknnConfig(100, 0, SknnConfig.Similarity.COSINE)), A, B);
        double c2 = 1 / Math.sqrt(6);
        assertThat(s[A]).isCloseTo((float) 1.5, within(1e-6f));
        assertThat(s[B]).isCloseTo((float) (1 + c2), within(1e-6f));
        assertThat(s[C]).isCloseTo((float) (0.5 + c2), within(1e-6f));
        assertThat(s[D]).isCloseTo((float) c2, within(1e-6f));
        assertThat(s[E]).isZero();
        // The order of a set model's session does not matter.
        assertThat(score(sknn(SknnConfig.defaults()), B, A, B)).containsExactly(s);
    }

    @Test
    void sknnJaccardAndTheNeighbourCount() {
        float[] j = score(sknn(new SknnConfig(100, 0, SknnConfig.Similarity.JACCARD)), A, B);
        assertThat(j[A]).isCloseTo((float) (1 + 1 / 3.0), within(1e-6f));
        assertThat(j[C]).isCloseTo((float) (1 / 3.0 + 1 / 4.0), within(1e-6f));
        // k = 2 keeps s0 and s1.
        float[] k2 = score(sknn(new SknnConfig(2, 0, SknnConfig.Similarity.COSINE)), A, B);
        assertThat(k2).containsExactly(1.5f, 1f, 0.5f, 0f, 0f);
    }

    @Test
    void theSampleIsTheMostRecentCandidates() {
        // Of s0, s1, s2 the two most recent are s2 and s1.
        float[] s = score(sknn(new SknnConfig(100, 2, SknnConfig.Similarity.COSINE)), A, B);
        double c2 = 1 / Math.sqrt(6);
        assertThat(s[A]).isCloseTo(0.5f, within(1e-6f));
        assertThat(s[B]).isCloseTo((float) c2, within(1e-6f));
        assertThat(s[C]).isCloseTo((float) (0.5 + c2), within(1e-6f));
        assertThat(s[D]).isCloseTo((float) c2, within(1e-6f));
    }

    @Test
    void vsknnWeightsRecentEventsAndDiscountsOlderMatches() {
        // [b, a]: weights b 1/2, a 1; similarities s0 (1 + 1/2)/2, s1 1/2, s2 (1/2)/2; s2 shares only b, the 2nd
        // event from the end, so its votes are halved.
        float[] s = score(vsknn(new VsknnConfig(100, 0, VsknnConfig.Decay.DIV, VsknnConfig.Decay.DIV, 0, 0)), B, A);
        assertThat(s[A]).isCloseTo(1.25f, within(1e-6f));
        assertThat(s[B]).isCloseTo(0.875f, within(1e-6f));
        assertThat(s[C]).isCloseTo(0.625f, within(1e-6f));
        assertThat(s[D]).isCloseTo(0.125f, within(1e-6f));
        assertThat(s[E]).isZero();
        // A repeat: [a, b, a] weighs a by its latest place (3/3) and b by 2/3.
        float[] r = score(vsknn(VsknnConfig.defaults()), A, B, A);
        assertThat(r[A]).isCloseTo((float) (5 / 6.0 + 0.5), within(1e-6f));
        assertThat(r[B]).isCloseTo((float) (5 / 6.0 + 1 / 6.0), within(1e-6f));
        assertThat(r[C]).isCloseTo((float) (0.5 + 1 / 6.0), within(1e-6f));
        assertThat(r[D]).isCloseTo((float) (1 / 6.0), within(1e-6f));
    }

    @Test
    void vsknnLastClicksAndIdf() {
        // Only the last event (a) counts: s0 and s1 each have similarity 1/1 and discount 1.
        float[] s = score(vsknn(new VsknnConfig(100, 0, VsknnConfig.Decay.DIV, VsknnConfig.Decay.DIV, 0, 1)), B, A);
        assertThat(s).containsExactly(2f, 1f, 1f, 0f, 0f);
        // idf: 4 sessions; a has 2 events, b 3 (s2 repeats it), c 2, d 2.
        float[] i = score(vsknn(new VsknnConfig(100, 0, VsknnConfig.Decay.DIV, VsknnConfig.Decay.DIV, 2, 1)), B, A);
        assertThat(i[A]).isCloseTo((float) (2 * (1 + 2 * Math.log(4 / 2.0))), within(1e-5f));
        assertThat(i[B]).isCloseTo((float) (1 + 2 * Math.log(4 / 3.0)), within(1e-5f));
    }

    @Test
    void decaysAreSessionRecsFunctions() {
        assertThat(VsknnConfig.Decay.QUADRATIC.position(1, 2)).isEqualTo(0.25);
        assertThat(VsknnConfig.Decay.LOG.step(1)).isCloseTo(1 / Math.log10(2.7), within(1e-12));
        assertThat(VsknnConfig.Decay.LINEAR.position(5, 20)).isZero();
        assertThat(VsknnConfig.Decay.LINEAR.position(20, 20)).isEqualTo(1);
        assertThat(VsknnConfig.Decay.QUADRATIC.step(3)).isEqualTo(1 / 9.0);
    }

    @Test
    void savesAndLoadsTheSameModel() {
        for (SessionKnnModel m : new SessionKnnModel[] {sknn(SknnConfig.defaults()), vsknn(VsknnConfig.defaults())}) {
            Interactions fresh = Interactions.fromTriples(IdIndex.of("n"), m.items(), new int[] {0, 0}, new int[] {B, A},
                    new float[] {1, 1}, null, DuplicatePolicy.LAST);
            SessionKnnModel back = (SessionKnnModel) RoundTrip.assertIdentical(m, dir.resolve(m.type() + ".recoder"), fresh);
            assertThat(score(back, B, A)).containsExactly(score(m, B, A));
            assertThat(Models.family(m.type()).protocols()).containsExactly("session");
        }
    }

    @Test
    void refusesASplitWithoutSessions() {
        TrainingData d = sessions();
        TrainingData noSessions = new TrainingData(d.train(), null, SplitInfo.unknown());
        assertThatThrownBy(() -> new SessionKnnTrainer(SessionKnnModel.SKNN, SknnConfig.defaults()).fit(noSessions))
                .hasMessageContaining("session split");
    }
}
