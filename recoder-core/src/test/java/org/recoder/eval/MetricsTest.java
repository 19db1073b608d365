package org.recoder.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Oracle tests: every expected value below is computed by hand in the comments. */
class MetricsTest {
    // ranked list 5, 2, 9, 1, 7; relevant {2, 7, 8}: hits at ranks 2 and 5
    private static final int[] RANKED = {5, 2, 9, 1, 7};
    private static final boolean[] REL = new boolean[10];

    static {
        REL[2] = true;
        REL[7] = true;
        REL[8] = true;
    }

    @Test
    void ndcg() {
        // DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853; IDCG@5 over min(5,3) = 1 + 0.630930 + 0.5
        assertThat(RankingMetric.ndcg(RANKED, 5, REL, 3, 5)).isCloseTo((0.630930 + 0.386853) / 2.130930, within(1e-6));
        // NDCG@2: DCG = 0.630930, IDCG over min(2,3) = 1.630930
        assertThat(RankingMetric.ndcg(RANKED, 5, REL, 3, 2)).isCloseTo(0.630930 / 1.630930, within(1e-6));
    }

    @Test
    void recallBothDefinitions() {
        // Liang: hits / min(k, |T|)
        assertThat(RankingMetric.recall(RANKED, 5, REL, 3, 5)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetric.recall(RANKED, 5, REL, 3, 2)).isCloseTo(1.0 / 2, within(1e-12));
        // conventional: hits / |T|
        assertThat(RankingMetric.recallConventional(RANKED, 5, REL, 3, 2)).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void hitPrecisionMrrMap() {
        assertThat(RankingMetric.hit(RANKED, 5, REL, 3, 1)).isZero();
        assertThat(RankingMetric.hit(RANKED, 5, REL, 3, 2)).isEqualTo(1);
        assertThat(RankingMetric.precision(RANKED, 5, REL, 3, 5)).isCloseTo(0.4, within(1e-12));
        // a short list (3 rankable items) is not rewarded: 1 hit / k = 5
        assertThat(RankingMetric.precision(RANKED, 3, REL, 3, 5)).isCloseTo(0.2, within(1e-12));
        assertThat(RankingMetric.mrr(RANKED, 5, REL, 3, 5)).isCloseTo(0.5, within(1e-12));
        assertThat(RankingMetric.mrr(RANKED, 5, REL, 3, 1)).isZero();
        // AP@5 = (1/2 + 2/5) / min(5, 3)
        assertThat(RankingMetric.averagePrecision(RANKED, 5, REL, 3, 5)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void perfectRankingScoresOne() {
        int[] perfect = {2, 7, 8, 0, 1};
        for (String m : new String[] {"ndcg", "recall", "recall_conventional", "hit", "mrr", "map"}) {
            assertThat(RankingMetric.byName(m).score(perfect, 5, REL, 3, 5)).as(m).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void ratingErrors() {
        float[] p = {1, 2, 3};
        float[] a = {2, 2, 5};
        // squared errors 1, 0, 4 -> sqrt(5/3); absolute 1, 0, 2 -> 1
        assertThat(RatingMetrics.rmse(p, a)).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(RatingMetrics.mae(p, a)).isCloseTo(1.0, within(1e-12));
        assertThatThrownBy(() -> RatingMetrics.rmse(new float[0], new float[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryIsMeanAndPopulationStderr() {
        // mean 2.5, population variance 1.25, stderr = sqrt(1.25) / 2
        Summary s = Summary.of(new double[] {1, 2, 3, 4});
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.stderr()).isCloseTo(Math.sqrt(1.25) / 2, within(1e-12));
    }

    @Test
    void metricSpecsParse() {
        assertThat(MetricSpec.parseList("ndcg@100, recall@20")).containsExactly(new MetricSpec("ndcg", 100), new MetricSpec("recall", 20));
        assertThatThrownBy(() -> MetricSpec.parse("ndcg")).hasMessageContaining("name@k");
        assertThatThrownBy(() -> MetricSpec.parse("foo@3")).hasMessageContaining("unknown metric 'foo'");
        assertThatThrownBy(() -> MetricSpec.parse("ndcg@0")).hasMessageContaining("cut-off");
    }
}
