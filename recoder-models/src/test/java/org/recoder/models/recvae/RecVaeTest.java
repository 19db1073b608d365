package org.recoder.models.recvae;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;
import org.recoder.models.StepGradients;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.EpochReport;
import org.recoder.train.TrainingOptions;

class RecVaeTest {
    @TempDir
    Path dir;

    /** The encoder-phase step (composite prior, residual LayerNorm encoder, decoder) against finite differences. */
    @Test
    void stepGradientMatchesFiniteDifferences() {
        Interactions x = TestData.tiny(30, 14, 5);
        RecVaeConfig c = new RecVaeConfig(6, 3, 0.05f, 0f, 1e-3f, 4, 1, 1, 1, 0.1f);
        RecVaeNetwork net = new RecVaeNetwork(c, x.numItems(), new SplittableRandom(2));
        // A prior that differs from the encoder, as after a refresh.
        for (Param p : net.prior.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.05f * (float) Math.sin(i + 1);
            }
        }
        SparseBatch b = new SparseBatch();
        b.load(x, new int[] {1, 5, 8, 22}, 0, 4, true, 0f, null);
        List<Param> params = new ArrayList<>(net.encoder.params());
        params.addAll(net.decoderParams());
        StepGradients.assertMatchFiniteDifferences(params, () -> net.step(b, b, true, new SplittableRandom(42)), 7);
    }

    @Test
    void trainsAboveBaselineSavesLoadsAndFoldsIn() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        List<EpochReport> epochs = new ArrayList<>();
        RecVaeModel m = new RecVaeTrainer(RecVaeConfig.defaults().withEpochs(4).withBatchSize(100), 3,
                TrainingOptions.defaults().withListeners(List.of((r, c) -> epochs.add(r)))).fit(td);
        assertThat(epochs).hasSize(4);
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double rec = ev.evaluate(m, s.test()).summaries().get("ndcg@100").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(td), s.test()).summaries().get("ndcg@100").mean();
        assertThat(rec).isGreaterThan(2 * pop);
        Path f = dir.resolve("recvae.recoder");
        RecVaeModel back = (RecVaeModel) RoundTrip.assertIdentical(m, f, s.test().foldIn());
        assertThat(ev.evaluate(back, s.test()).summaries().get("ndcg@100").mean()).isEqualTo(rec);
        List<String> history = List.of(m.items().id(0), m.items().id(5));
        assertThat(Recommender.of(back).forHistory(history, 5, List.of())).isEqualTo(Recommender.of(m).forHistory(history, 5, List.of()));
    }
}
