package org.recoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoder.api.ItemScorer;
import org.recoder.api.SessionScorer;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;

/** The session protocol's metrics against ranks worked out by hand. */
class SessionEvaluatorTest {
    static final IdIndex ITEMS = IdIndex.of("a", "b", "c", "d");

    /** Two sessions: x = a, b, a (targets b after [a], a after [a, b]); y = c, d (target d after [c]). */
    static EventLog sessions() {
        return new EventLog(IdIndex.of("x", "y"), ITEMS, new int[] {0, 0, 1, 0, 1}, new int[] {0, 1, 2, 0, 3},
                new float[] {1, 1, 1, 1, 1}, new long[] {1, 2, 3, 4, 5});
    }

    /** Scores a prefix by its length: after 1 event b 3, a 2, c 2, d 1; after 2 events a 1, b 2, c 3, d 4. */
    record ByLength(List<String> seen) implements SessionScorer {
        @Override
        public IdIndex items() {
            return ITEMS;
        }

        @Override
        public void score(int[] items, float[] values, float[] out) {
            throw new AssertionError("a session scorer is given the order");
        }

        @Override
        public void scoreSession(int[] items, float[] out) {
            synchronized (seen) {
                seen.add(Arrays.toString(items));
            }
            float[] s = items.length == 1 ? new float[] {2, 3, 2, 1} : new float[] {1, 2, 3, 4};
            System.arraycopy(s, 0, out, 0, 4);
        }
    }

    @Test
    void everyNextEventIsATargetAndTiesFollowTheMode() {
        // Targets: b after [a] rank 1; a after [a, b] rank 4; d after [c] rank 4 (the ties of a and c do not touch
        // d). Then a and c tied at 2 after one event: a target of a would rank 3 conservative, 2 standard, 2.5 median.
        List<String> seen = new ArrayList<>();
        List<MetricSpec> m = MetricSpec.parseList("recall@1,recall@3,mrr@20,ndcg@4");
        SessionEvaluator.Result r = new SessionEvaluator(m, SessionEvaluator.Ties.CONSERVATIVE, 1).evaluate(new ByLength(seen), sessions());
        assertThat(seen).containsExactly("[0]", "[0, 1]", "[2]");
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.summaries().get("recall@1").mean()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.summaries().get("recall@3").mean()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.summaries().get("mrr@20").mean()).isCloseTo((1 + 0.25 + 0.25) / 3, within(1e-12));
        assertThat(r.summaries().get("ndcg@4").mean()).isCloseTo((1 + 2 / (Math.log(5) / Math.log(2))) / 3, within(1e-12));
        float[] tied = {2, 3, 2, 1};
        assertThat(new SessionEvaluator(m, SessionEvaluator.Ties.CONSERVATIVE, 1).rank(tied, 0)).isEqualTo(3);
        assertThat(new SessionEvaluator(m, SessionEvaluator.Ties.STANDARD, 1).rank(tied, 0)).isEqualTo(2);
        assertThat(new SessionEvaluator(m, SessionEvaluator.Ties.MEDIAN, 1).rank(tied, 0)).isEqualTo(2.5);
        assertThat(SessionEvaluator.value(new MetricSpec("mrr", 2), 2.5)).isZero();
        SessionEvaluator.Result threaded = new SessionEvaluator(m, SessionEvaluator.Ties.CONSERVATIVE, 4)
                .evaluate(new ByLength(new ArrayList<>()), sessions());
        assertThat(threaded.summaries()).isEqualTo(r.summaries());
    }

    @Test
    void aSetModelSeesEachPrefixAsASet() {
        List<String> seen = new ArrayList<>();
        ItemScorer set = new ItemScorer() {
            @Override
            public IdIndex items() {
                return ITEMS;
            }

            @Override
            public void score(int[] items, float[] values, float[] out) {
                seen.add(Arrays.toString(items));
                Arrays.fill(out, 0);
            }
        };
        new SessionEvaluator(MetricSpec.parseList("recall@20"), SessionEvaluator.Ties.CONSERVATIVE, 1)
                .evaluate(set, sessions());
        assertThat(seen).containsExactly("[0]", "[0, 1]", "[2]");
    }

    @Test
    void refusesWhatDoesNotApply() {
        assertThatThrownBy(() -> new SessionEvaluator(MetricSpec.parseList("precision@20"), SessionEvaluator.Ties.CONSERVATIVE, 1))
                .hasMessageContaining("precision@20");
        ItemScorer knownOnly = new ItemScorer() {
            @Override
            public IdIndex items() {
                return ITEMS;
            }

            @Override
            public void score(int[] items, float[] values, float[] out) {
            }

            @Override
            public boolean canFoldIn() {
                return false;
            }
        };
        assertThatThrownBy(() -> new SessionEvaluator(MetricSpec.parseList("mrr@20"), SessionEvaluator.Ties.CONSERVATIVE, 1)
                .evaluate(knownOnly, sessions())).hasMessageContaining("cannot score new sessions");
        assertThatThrownBy(() -> SessionEvaluator.Ties.parse("optimistic")).hasMessageContaining("conservative");
    }
}
