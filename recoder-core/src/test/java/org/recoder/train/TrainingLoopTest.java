package org.recoder.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.ItemScorer;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.eval.MetricSpec;
import org.recoder.data.HeldOut;

class TrainingLoopTest {
    @TempDir
    Path dir;

    private static final IdIndex ITEMS = IdIndex.of("a", "b", "c", "d");

    private record FakeConfig(int epoch) {
    }

    /**
     * A fake model whose single weight w is its epoch's quality: it ranks the held-out item "d" first when w is
     * odd and last otherwise, so validation NDCG alternates and the best epochs are known in advance.
     */
    private static final class Fake implements TrainingLoop.Network<Model> {
        final double[] losses;
        int epochs;
        float w;

        Fake(double... losses) {
            this.losses = losses;
        }

        @Override
        public Map<String, Double> epoch(int epoch, BatchLosses out) {
            epochs++;
            w = epoch;
            out.add(losses[epoch - 1]);
            out.add(losses[epoch - 1]);
            return TrainingLoop.extras("w", w);
        }

        @Override
        public Map<String, float[]> snapshot() {
            return Map.of("w", new float[] {w});
        }

        @Override
        public ItemScorer scorer(Map<String, float[]> weights) {
            float v = weights.get("w")[0];
            return new ItemScorer() {
                @Override
                public IdIndex items() {
                    return ITEMS;
                }

                @Override
                public void score(int[] historyItems, float[] historyValues, float[] out) {
                    Arrays.fill(out, 0f);
                    out[1] = 1f;
                    out[2] = 2f;
                    out[3] = v % 2 == 1 ? 3f + v : -1f;
                }
            };
        }

        @Override
        public Model model(Map<String, float[]> weights, Map<String, Double> metrics, int epoch) {
            ItemScorer s = scorer(weights);
            Interactions none = Interactions.fromTriples(IdIndex.of(), ITEMS, new int[0], new int[0], new float[0], null, DuplicatePolicy.LAST);
            return new Model() {
                @Override
                public IdIndex items() {
                    return ITEMS;
                }

                @Override
                public void score(int[] historyItems, float[] historyValues, float[] out) {
                    s.score(historyItems, historyValues, out);
                }

                @Override
                public String type() {
                    return "fake";
                }

                @Override
                public Record config() {
                    return new FakeConfig((int) weights.get("w")[0]);
                }

                @Override
                public Provenance provenance() {
                    return Provenance.of(none, Map.of(), 1, 0, metrics);
                }

                @Override
                public Map<String, org.recoder.io.Tensor> tensors() {
                    return Map.of("w", org.recoder.io.Tensor.of(weights.get("w")));
                }

                @Override
                public Interactions knownUsers() {
                    return none;
                }
            };
        }
    }

    private static HeldOut validation() {
        IdIndex users = IdIndex.of("u1");
        Interactions fold = Interactions.fromTriples(users, ITEMS, new int[] {0}, new int[] {0}, new float[] {1}, null, DuplicatePolicy.LAST);
        Interactions hold = Interactions.fromTriples(users, ITEMS, new int[] {0}, new int[] {3}, new float[] {1}, null, DuplicatePolicy.LAST);
        return new HeldOut(fold, hold);
    }

    @Test
    void keepsTheBestEpochAndReportsEveryEpoch() {
        Fake net = new Fake(5, 4, 3, 2, 1);
        List<EpochReport> seen = new ArrayList<>();
        TrainingLoop.Outcome<Model> out = TrainingLoop.run("test", 5, net, validation(),
                TrainingOptions.defaults().withListeners(List.of((r, c) -> seen.add(r))));
        assertThat(out.epochs()).isEqualTo(5);
        assertThat(out.bestEpoch()).isEqualTo(1);
        assertThat(out.best().get("w")).containsExactly(1f);
        assertThat(out.bestValidation()).isEqualTo(1.0);
        assertThat(seen).extracting(EpochReport::best).containsExactly(true, false, false, false, false);
        assertThat(seen).extracting(EpochReport::loss).containsExactly(5.0, 4.0, 3.0, 2.0, 1.0);
        assertThat(seen).extracting(EpochReport::validation).containsExactly(1.0, 0.5, 1.0, 0.5, 1.0);
        assertThat(seen.get(2).extras()).containsEntry("w", 3.0);
        assertThat(out.validationMetrics()).containsEntry("validation_ndcg@100", 1.0);
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsWithoutImprovement() {
        Fake net = new Fake(5, 4, 3, 2, 1, 0.5, 0.4);
        TrainingLoop.Outcome<Model> out = TrainingLoop.run("test", 7, net, validation(),
                TrainingOptions.defaults().withListeners(List.of(new EarlyStopping(3))));
        assertThat(net.epochs).isEqualTo(4);
        assertThat(out.epochs()).isEqualTo(4);
        assertThat(out.stopReason()).contains("3 epochs");
        assertThat(out.bestEpoch()).isEqualTo(1);
    }

    @Test
    void withoutValidationTheLastEpochIsKept() {
        TrainingLoop.Outcome<Model> out = TrainingLoop.run("test", 3, new Fake(3, 2, 1), null, TrainingOptions.defaults());
        assertThat(out.bestEpoch()).isEqualTo(3);
        assertThat(out.bestValidation()).isNaN();
        assertThat(out.validationMetrics()).isEmpty();
    }

    @Test
    void anotherValidationMetricCanBeChosen() {
        TrainingOptions opts = TrainingOptions.defaults().withValidationMetric(MetricSpec.parse("recall@1"));
        List<EpochReport> seen = new ArrayList<>();
        TrainingLoop.run("test", 2, new Fake(2, 1), validation(), opts.withListeners(List.of((r, c) -> seen.add(r))));
        assertThat(seen).extracting(EpochReport::validationMetric).containsOnly("recall@1");
        assertThat(seen).extracting(EpochReport::validation).containsExactly(1.0, 0.0);
        assertThatThrownBy(() -> opts.withValidationMetric(MetricSpec.parse("coverage@10")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void divergenceNamesTheEpochAndBatch() {
        Fake net = new Fake(3, Double.NaN, 1);
        assertThatThrownBy(() -> TrainingLoop.run("test", 3, net, validation(), TrainingOptions.defaults()))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch 2, batch 1")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).epoch()).isEqualTo(2));
    }

    @Test
    void bestCheckpointSavesEveryImprovementWithItsValidationMetric() {
        List<String> saved = new ArrayList<>();
        // The fake model's config carries its weight, which is its epoch.
        BestCheckpoint checkpoint = new BestCheckpoint(dir.resolve("best.recoder"), (m, file) -> saved.add(
                file.getFileName() + " epoch " + ((FakeConfig) m.config()).epoch() + " " + m.provenance().validationMetrics()));
        // Validation NDCG per epoch is 1, 0.5, 1, 0.5: epoch 1 stays the best, so only epoch 1 is saved.
        TrainingLoop.run("test", 4, new Fake(4, 3, 2, 1), validation(), TrainingOptions.defaults().withListeners(List.of(checkpoint)));
        assertThat(saved).containsExactly("best.recoder epoch 1 {validation_ndcg@100=1.0}");
        saved.clear();
        TrainingLoop.run("test", 2, new Fake(2, 1), null, TrainingOptions.defaults().withListeners(List.of(checkpoint)));
        assertThat(saved).containsExactly("best.recoder epoch 1 {}", "best.recoder epoch 2 {}");
    }

    @Test
    void learningCurveWritesCsvBesideTheModel() throws Exception {
        LearningCurve curve = new LearningCurve();
        TrainingLoop.run("test", 4, new Fake(4, 3, 2, 1), validation(), TrainingOptions.defaults().withListeners(List.of(curve)));
        Path model = dir.resolve("m.recoder");
        assertThat(curve.writeCsvBeside(model)).isEqualTo(dir.resolve("m.recoder.curve.csv"));
        List<String> csv = Files.readAllLines(dir.resolve("m.recoder.curve.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo("epoch,loss,w,validation_ndcg@100,seconds,best");
        assertThat(csv.get(1)).startsWith("1,4.000000,1.000000,1.000000,").endsWith(",true");
        assertThat(csv.get(2)).startsWith("2,3.000000,2.000000,0.500000,").endsWith(",false");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.recoder.curve.csv");
        }
    }
}
