package org.recoder.models.narm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.data.SplitInfo;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.SessionEvaluator;
import org.recoder.models.RoundTrip;
import static org.recoder.models.SessionTesting.firstSessions;
import static org.recoder.models.SessionTesting.numeric;
import static org.recoder.models.SessionTesting.smallSessions;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.AdditiveAttention;
import org.recoder.nn.Losses;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

class NarmTest {
    @TempDir
    Path dir;

    /**
     * The whole network's gradient (embedding in both roles, GRU through time, attention, bilinear decoder) against
     * central differences of the softmax cross-entropy of a batch of prefixes of lengths 3, 2 and 1.
     */
    @Test
    void networkGradientMatchesFiniteDifferencesThroughTimeAndAttention() {
        for (AdditiveAttention.Weighting weighting : AdditiveAttention.Weighting.values()) {
            NarmConfig c = new NarmConfig(3, 4, 0, 0, weighting, 1e-3, 3, 1, 3);
            int items = 7;
            NarmNetwork net = new NarmNetwork(ParamSource.fresh(), items, c);
            net.initialize(new SplittableRandom(3));
            // Away from the initial point: non-zero biases, a larger embedding.
            SplittableRandom r = new SplittableRandom(4);
            for (Param p : net.params()) {
                float[] v = p.value();
                for (int k = 0; k < v.length; k++) {
                    v[k] += (float) r.nextDouble(-0.5, 0.5);
                }
            }
            NarmNetwork.Work w = net.work(3, 3);
            int[][] rows = {{1, 5, 1}, {2, 6}, {4}};
            for (int b = 0; b < 3; b++) {
                System.arraycopy(rows[b], 0, w.tokens, b * 3, rows[b].length);
                w.lengths[b] = rows[b].length;
            }
            int[] targets = {6, 0, 3};
            float[] scores = new float[3 * items];
            float[] grad = new float[3 * items];
            float[] lse = new float[3];
            DoubleSupplier loss = () -> {
                net.encode(w, 3, c, new SplittableRandom(9), 1);
                net.scores(w, 3, scores, 1);
                return Losses.softmaxCrossEntropy(scores, 3, items, targets, grad, lse);
            };
            loss.getAsDouble();
            net.backward(w, 3, grad, 1);
            for (Param p : net.params()) {
                float[] analytic = p.grad().clone();
                for (int i = 0; i < p.value().length; i++) {
                    double num = numeric(p.value(), i, loss);
                    assertThat((double) analytic[i]).as(weighting + " " + p.name() + " " + i)
                            .isCloseTo(num, within(2e-3 * Math.max(1, Math.abs(num))));
                }
            }
        }
    }

    @Test
    void learnsTheSequencesDeterministicallyKeepsTheBestEpochAndRoundTrips() {
        EventLog[] test = new EventLog[1];
        TrainingData data = smallSessions(test, true);
        NarmConfig c = new NarmConfig(16, 32, 0.25, 0.5, AdditiveAttention.Weighting.SOFTMAX, 3e-3, 128, 3, 19);
        NarmModel m = new NarmTrainer(c, 5).fit(data);
        NarmModel again = new NarmTrainer(c, 5).fit(data);
        float[] a = new float[m.items().size()];
        float[] b = new float[m.items().size()];
        m.scoreSession(new int[] {3, 17, 3}, a);
        again.scoreSession(new int[] {3, 17, 3}, b);
        assertThat(a).containsExactly(b);
        // The best epoch by validation Recall@20 is kept and recorded.
        assertThat(m.provenance().validationMetrics()).containsKey("validation_recall@20");
        // A session longer than maxLength is scored on its last maxLength items.
        NarmConfig shortWindow = new NarmConfig(16, 32, 0.25, 0.5, AdditiveAttention.Weighting.SOFTMAX, 3e-3, 128, 1, 2);
        NarmModel w2 = new NarmTrainer(shortWindow, 5).fit(data);
        w2.scoreSession(new int[] {9, 3, 17}, a);
        w2.scoreSession(new int[] {3, 17}, b);
        assertThat(a).containsExactly(b);
        m.scoreSession(new int[] {3, 17, 3}, a);
        // Over 200 of the test sessions, against popularity on the same targets.
        SessionEvaluator ev = new SessionEvaluator(MetricSpec.parseList("recall@20,mrr@20"), SessionEvaluator.Ties.CONSERVATIVE, 1);
        EventLog sample = firstSessions(test[0], 200);
        double narm = ev.evaluate(m, sample).summaries().get("recall@20").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(data), sample).summaries().get("recall@20").mean();
        assertThat(narm).isGreaterThan(pop + 0.1);
        Interactions fresh = Interactions.fromTriples(IdIndex.of("n"), m.items(), new int[] {0}, new int[] {4}, new float[] {1}, null,
                DuplicatePolicy.LAST);
        NarmModel back = (NarmModel) RoundTrip.assertIdentical(m, dir.resolve("n.recoder"), fresh);
        back.scoreSession(new int[] {3, 17, 3}, b);
        assertThat(b).containsExactly(a);
    }

    @Test
    void refusesSetSplitsAndBadConfigs() {
        assertThatThrownBy(() -> new NarmConfig(50, 100, 1.0, 0.5, AdditiveAttention.Weighting.SOFTMAX, 1e-3, 512, 30, 19))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> new NarmConfig(50, 100, 0.25, 0.5, null, 1e-3, 512, 30, 19)).hasMessageContaining("attention");
        Interactions x = Interactions.fromTriples(IdIndex.of("u"), IdIndex.of("a", "b"), new int[] {0, 0}, new int[] {0, 1},
                new float[] {1, 1}, null, DuplicatePolicy.LAST);
        TrainingData sets = new TrainingData(x, null, new SplitInfo("strong", Map.of(), 0, Map.of(), Map.of()));
        assertThatThrownBy(() -> new NarmTrainer(NarmConfig.defaults(), 1).fit(sets)).hasMessageContaining("session split");
    }
}
