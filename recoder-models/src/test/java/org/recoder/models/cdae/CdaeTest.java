package org.recoder.models.cdae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

class CdaeTest {
    @TempDir
    Path dir;

    /** The whole step (user vectors, both layers, loss, L1 and L2 terms) against central differences. */
    @ParameterizedTest
    @CsvSource({"BCE, TANH", "BCE, SIGMOID", "MSE, TANH", "BCE, IDENTITY"})
    void stepGradientMatchesFiniteDifferences(CdaeConfig.Loss loss, Activation act) {
        Interactions x = TestData.tiny(30, 14, 3);
        CdaeConfig c = new CdaeConfig(5, 0f, act, loss, 0.01f, 0.05f, 1e-3f, 4, 1);
        CdaeNetwork net = new CdaeNetwork(c, x.numItems(), x.numUsers(), new SplittableRandom(3));
        for (Param p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.1f * (float) Math.sin(3 * i + 1);
            }
        }
        int[] users = {0, 4, 9, 20};
        SparseBatch b = new SparseBatch();
        b.load(x, users, 0, 4, false, 0f, null);
        net.trainStep(b, users, 0);
        List<float[]> analytic = new ArrayList<>();
        for (Param p : net.params()) {
            analytic.add(p.grad().clone());
            p.zeroGrad();
        }
        double h = 1e-2;
        int checked = 0;
        for (int k = 0; k < net.params().size(); k++) {
            Param p = net.params().get(k);
            float[] w = p.value();
            for (int i = 0; i < w.length; i += Math.max(1, w.length / 9)) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = net.trainStep(b, users, 0);
                w[i] = (float) (keep - h);
                double down = net.trainStep(b, users, 0);
                w[i] = keep;
                net.params().forEach(Param::zeroGrad);
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic.get(k)[i]).as(p.name() + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(3e-3 * Math.max(1, Math.abs(numeric))));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void trainsAboveBaselineSavesLoadsAndServesKnownUsersOnly() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);
        assertThat(td.train().numUsers()).isEqualTo(s.train().numUsers() + s.validation().foldIn().numUsers()
                + s.test().foldIn().numUsers());
        assertThat(td.splitSummary()).containsEntry("foldin_in_training", true);
        CdaeModel m = new CdaeTrainer(CdaeConfig.defaults().withEpochs(40).withBatchSize(100), 5).fit(td);
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double cdae = ev.evaluate(m, s.test()).summaries().get("ndcg@100").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(s.trainingData()), s.test())
                .summaries().get("ndcg@100").mean();
        assertThat(cdae).isGreaterThan(2 * pop);
        assertThat(m.provenance().validationMetrics()).containsKey("validation_ndcg@100");

        Path f = dir.resolve("cdae.recoder");
        CdaeModel back = (CdaeModel) RoundTrip.assertIdentical(m, f, s.test().foldIn());
        assertThat(ev.evaluate(back, s.test()).summaries().get("ndcg@100").mean()).isEqualTo(cdae);

        String testUser = s.test().foldIn().users().id(0);
        assertThat(Recommender.of(back).forUser(testUser, 5, List.of())).hasSize(5)
                .isEqualTo(Recommender.of(m).forUser(testUser, 5, List.of()));
        assertThat(back.canFoldIn()).isFalse();
        assertThatThrownBy(() -> Recommender.of(back).forHistory(List.of(m.items().id(0)), 5, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot fold in");
        assertThatThrownBy(() -> back.score(new int[] {0}, new float[] {1f}, new float[m.items().size()]))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("retrain");
        // The same seed gives the same model.
        CdaeModel again = new CdaeTrainer(CdaeConfig.defaults().withEpochs(40).withBatchSize(100), 5).fit(td);
        assertThat(again.weights().get("dec.bias")).containsExactly(m.weights().get("dec.bias"));
    }

    @Test
    void unseenUsersGetAClearError() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        assertThatThrownBy(() -> new CdaeTrainer(CdaeConfig.defaults().withEpochs(1), 1).fit(s.trainingData()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WITH_HELD_OUT_FOLD_IN");
        CdaeModel m = new CdaeTrainer(CdaeConfig.defaults().withEpochs(1), 1)
                .fit(new TrainingData(s.train(), null, s.info()));
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 1);
        assertThatThrownBy(() -> ev.evaluate(m, s.test()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a training user");
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> CdaeConfig.defaults().withEpochs(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdaeConfig.defaults().withHidden(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CdaeConfig(8, 1f, Activation.RELU, CdaeConfig.Loss.BCE, 0, 0, 1e-3f, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
