package org.recoder.models.multae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.EpochReport;
import org.recoder.train.TrainingOptions;

class MultAutoencoderTest {
    @TempDir
    Path dir;

    /** The whole training step against finite differences of its loss, for both variants. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void networkGradientMatchesFiniteDifferences(boolean variational) {
        Interactions x = TestData.tiny(30, 14, 3);
        MultAutoencoderConfig c = new MultAutoencoderConfig(variational, 5, 3, 0f, 0.5f, 1, 0.01f, 1e-3f, 4, 1);
        MultAutoencoderNetwork net = new MultAutoencoderNetwork(c, x.numItems(), new SplittableRandom(1));
        SparseBatch b = new SparseBatch();
        b.load(x, new int[] {0, 4, 9, 20}, 0, 4, true, 0f, null);
        net.trainStep(b, 0.3f, new SplittableRandom(42));
        List<float[]> analytic = new ArrayList<>();
        for (Param p : net.params()) {
            analytic.add(p.grad().clone());
            p.zeroGrad();
        }
        double h = 1e-2;
        for (int k = 0; k < net.params().size(); k++) {
            Param p = net.params().get(k);
            float[] w = p.value();
            for (int i = 0; i < w.length; i += Math.max(1, w.length / 13)) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = net.trainStep(b, 0.3f, new SplittableRandom(42))[0];
                w[i] = (float) (keep - h);
                double down = net.trainStep(b, 0.3f, new SplittableRandom(42))[0];
                w[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic.get(k)[i]).as(p.name() + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(3e-3 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @Test
    void trainsAboveBaselineAndSavesLoadsAndFoldsIn() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        List<EpochReport> epochs = new ArrayList<>();
        MultAutoencoderModel m = new MultAutoencoderTrainer(MultAutoencoderConfig.multVae().withEpochs(15).withBatchSize(100)
                .withAnnealSteps(2000), 7,
                TrainingOptions.defaults().withListeners(List.of((r, c) -> epochs.add(r)))).fit(td);
        assertThat(epochs).hasSize(15);
        assertThat(epochs.get(14).loss()).isLessThan(epochs.get(0).loss());
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double vae = ev.evaluate(m, s.test()).summaries().get("ndcg@100").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(td), s.test()).summaries().get("ndcg@100").mean();
        assertThat(vae).isGreaterThan(2 * pop);
        Path f = dir.resolve("vae.recoder");
        MultAutoencoderModel back = (MultAutoencoderModel) RoundTrip.assertIdentical(m, f, s.test().foldIn());
        assertThat(ev.evaluate(back, s.test()).summaries().get("ndcg@100").mean()).isEqualTo(vae);
        List<String> history = List.of(m.items().id(0), m.items().id(5));
        assertThat(Recommender.of(back).forHistory(history, 5, List.of())).isEqualTo(Recommender.of(m).forHistory(history, 5, List.of()));
        // The same seed gives the same model.
        MultAutoencoderModel again = new MultAutoencoderTrainer(MultAutoencoderConfig.multVae().withEpochs(15).withBatchSize(100)
                .withAnnealSteps(2000), 7).fit(td);
        assertThat(again.weights().get("dec1.bias")).containsExactly(m.weights().get("dec1.bias"));
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> MultAutoencoderConfig.multVae().withEpochs(0)).hasMessage("epochs must be ≥ 1, got 0");
        assertThatThrownBy(() -> MultAutoencoderConfig.multVae().withBatchSize(-3)).hasMessage("batchSize must be ≥ 1, got -3");
        assertThatThrownBy(() -> new MultAutoencoderConfig(true, 600, 200, 1.5f, 0.2f, 1, 0f, 1e-3f, 500, 1))
                .hasMessage("dropout must be in [0, 1), got 1.5");
    }

    @Test
    void gradientTimesInputMatchesCentralDifferencesOfTheModelsOwnScores() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        MultAutoencoderModel m = new MultAutoencoderTrainer(MultAutoencoderConfig.multVae().withEpochs(3).withBatchSize(200), 7,
                TrainingOptions.defaults().withListeners(List.of())).fit(s.trainingData());
        int[] hist = s.test().foldIn().rowItems(0);
        float[] values = s.test().foldIn().rowValues(0);
        int target = 17;
        float[] c = new float[hist.length];
        m.contributions(hist, values, target, c);
        float[] up = new float[m.items().size()];
        float[] down = new float[m.items().size()];
        boolean nonZero = false;
        for (int k = 0; k < hist.length; k++) {
            float[] v = values.clone();
            v[k] += 0.01f;
            m.score(hist, v, up);
            v[k] -= 0.02f;
            m.score(hist, v, down);
            double expected = values[k] * (((double) up[target] - down[target]) / 0.02);
            // The same differences, one history at a time instead of one batch: equal to float precision.
            assertThat((double) c[k]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(expected))));
            nonZero |= Math.abs(c[k]) > 1e-6;
        }
        assertThat(nonZero).isTrue();
        assertThat(m.explanationKind()).startsWith("gradient × input");
    }
}
