package org.recoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoder.api.ItemScorer;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

class EvaluatorTest {
    /** Scores item i as i: a fixed ranking 5 > 4 > ... > 0. */
    private static final ItemScorer BY_INDEX = new ItemScorer() {
        private final IdIndex items = IdIndex.of("i0", "i1", "i2", "i3", "i4", "i5");

        @Override
        public IdIndex items() {
            return items;
        }

        @Override
        public void score(int[] historyItems, float[] historyValues, float[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
        }
    };

    private static Interactions matrix(IdIndex users, int[] u, int[] i) {
        float[] ones = new float[u.length];
        java.util.Arrays.fill(ones, 1f);
        return Interactions.fromTriples(users, BY_INDEX.items(), u, i, ones, null, DuplicatePolicy.LAST);
    }

    @Test
    void handComputedCase() {
        IdIndex users = IdIndex.of("A", "B", "C");
        // A: fold-in {5}, held out {4, 1}; B: fold-in {0}, nothing held out; C: fold-in {3}, held out {2}
        Interactions fold = matrix(users, new int[] {0, 1, 2}, new int[] {5, 0, 3});
        Interactions hold = matrix(users, new int[] {0, 0, 2}, new int[] {4, 1, 2});
        EvaluationResult r = new Evaluator(MetricSpec.parseList("recall@2,ndcg@2,ndcg@3,coverage@2"), 1)
                .evaluate(BY_INDEX, new HeldOut(fold, hold));
        // A ranks 4,3,2,1,0 -> top2 {4,3}: recall 1/2, ndcg 1/(1 + 1/log2 3); C ranks 5,4,2 -> top2 no hit, ndcg@3 = 1/log2(4)
        assertThat(r.userIds()).containsExactly("A", "C");
        assertThat(r.summaries().get("recall@2").mean()).isCloseTo(0.25, within(1e-12));
        assertThat(r.summaries().get("ndcg@2").mean()).isCloseTo((1 / (1 + 1 / Math.log(3) * Math.log(2))) / 2, within(1e-9));
        assertThat(r.perUser()[2][1]).isCloseTo(0.5, within(1e-12));
        // top-2 lists {4,3} and {5,4}: 3 of 6 items covered
        assertThat(r.summaries().get("coverage@2").mean()).isCloseTo(0.5, within(1e-12));
    }

    /** The same case: A's top 2 of the unmasked items is {4, 3}, C's {5, 4}: item 4 twice, 3 and 5 once. */
    @Test
    void exposureCountsEachItemInTheUsersTopK() {
        IdIndex users = IdIndex.of("A", "B", "C");
        Interactions fold = matrix(users, new int[] {0, 1, 2}, new int[] {5, 0, 3});
        Interactions hold = matrix(users, new int[] {0, 0, 2}, new int[] {4, 1, 2});
        Evaluator ev = new Evaluator(MetricSpec.parseList("recall@1"), 1);
        EvaluationResult r = ev.withExposure(2).evaluate(BY_INDEX, new HeldOut(fold, hold));
        assertThat(r.exposure()).containsExactly(0, 0, 0, 1, 2, 1);
        assertThat(ev.evaluate(BY_INDEX, new HeldOut(fold, hold)).exposure()).isNull();
        // the wider exposure cut-off leaves the metrics alone: recall@1 = hits / min(1, |T|), A 1 (item 4), C 0
        assertThat(r.summaries().get("recall@1").mean()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void sampledEvaluationRanksOnlyCandidates() {
        IdIndex users = IdIndex.of("A");
        Interactions fold = matrix(users, new int[] {0}, new int[] {5});
        Interactions hold = matrix(users, new int[] {0}, new int[] {1});
        Interactions neg = matrix(users, new int[] {0, 0}, new int[] {0, 2});
        // candidates {1, 0, 2} ranked 2 > 1 > 0: the target is second
        EvaluationResult r = new Evaluator(MetricSpec.parseList("hit@1,hit@2,mrr@3"), 1).evaluateSampled(BY_INDEX, new HeldOut(fold, hold), neg);
        assertThat(r.summaries().get("hit@1").mean()).isZero();
        assertThat(r.summaries().get("hit@2").mean()).isEqualTo(1.0);
        assertThat(r.summaries().get("mrr@3").mean()).isEqualTo(0.5);
    }

    @Test
    void multiThreadedAgreesWithSingleThreaded() {
        Interactions data = TestData.small(3);
        var split = StrongGeneralization.liang(3.5f, 0.2, 1).split(data);
        int[] pop = split.train().itemDegrees();
        ItemScorer popularity = new ItemScorer() {
            @Override
            public IdIndex items() {
                return split.train().items();
            }

            @Override
            public void score(int[] h, float[] v, float[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = pop[i];
                }
            }
        };
        List<MetricSpec> m = MetricSpec.liang();
        EvaluationResult one = new Evaluator(m, 1).evaluate(popularity, split.test());
        EvaluationResult many = new Evaluator(m, 4).evaluate(popularity, split.test());
        assertThat(many.perUser()).isDeepEqualTo(one.perUser());
        assertThat(one.users()).isEqualTo(split.test().evaluableUsers()).isPositive();
    }
}
