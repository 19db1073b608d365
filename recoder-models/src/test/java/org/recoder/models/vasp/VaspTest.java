package org.recoder.models.vasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoder.api.Hyperparameters;
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
import org.recoder.nn.Optimizers;
import org.recoder.nn.Param;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.EpochReport;
import org.recoder.train.TrainingOptions;

class VaspTest {
    @TempDir
    Path dir;

    private static VaspConfig tiny(VaspConfig.Paths paths, VaspConfig.Loss loss, float sampling) {
        return VaspConfig.defaults().withPaths(paths).withLoss(loss).withSizes(5, 3, 3, 2).withItemsSampling(sampling);
    }

    /**
     * Every op of a training step (dense-residual stacks, μ/log σ² heads and the sampled z, the KL mean, the two
     * sigmoid heads and their Hadamard product with Neural EASE, and each loss, with targets outside the sampled
     * columns) against central differences, on split-brain samples.
     */
    @ParameterizedTest(name = "{0} {1} sampling {2}")
    @CsvSource({"BOTH, FOCAL, 1.0", "BOTH, FOCAL, 0.7", "BOTH, COSINE, 1.0", "BOTH, SQUARED, 0.7", "FLVAE, FOCAL, 1.0",
            "FLVAE, COSINE, 0.7", "EASE, FOCAL, 1.0", "EASE, COSINE, 1.0", "EASE, SQUARED, 0.7"})
    void stepGradientMatchesFiniteDifferences(VaspConfig.Paths paths, VaspConfig.Loss loss, float sampling) {
        Interactions x = TestData.tiny(30, 14, 5);
        VaspConfig c = tiny(paths, loss, sampling);
        int[] sampled = VaspNetwork.sampledItems(x, sampling);
        VaspNetwork net = new VaspNetwork(c, x.numItems(), sampled, new SplittableRandom(2));
        // Larger weights than the initialization so that the sigmoids are not all near 1/2.
        for (Param p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3f * (float) Math.sin(3 * i + p.name().length());
            }
        }
        net.projectDiagonal();
        SplitBrainSamples samples = new SplitBrainSamples(c, net.column);
        samples.build(x, new int[] {1, 5, 8, 22}, 0, 4, new SplittableRandom(7));
        if (sampling < 1) {
            assertThat(java.util.Arrays.stream(samples.dropped).sum()).as("targets outside the sampled columns").isPositive();
        }
        StepGradients.assertMatchFiniteDifferences(net.params(),
                () -> net.step(samples.input, samples.target, samples.dropped, new SplittableRandom(42))[0], 9);
    }

    /** The focal loss of one entry by the formula of tfa.losses.sigmoid_focal_crossentropy, by hand. */
    @Test
    void focalLossMatchesTheTfaFormulaOnAHandCase() {
        // Two items, target {item 0}; p = (0.8, 0.3); α 0.25, γ 2.
        org.recoder.nn.SparseBatch t = new org.recoder.nn.SparseBatch();
        t.set(1, new int[] {0, 1}, new int[] {0}, new float[] {1f});
        float[] dp = new float[2];
        double loss = VaspLoss.evaluate(VaspConfig.Loss.FOCAL, 0.25f, 2f, new float[] {0.8f, 0.3f}, 1, 2, t, null, 2, dp);
        double e = 1e-7;
        double expected = 0.25 * Math.pow(0.2, 2) * -Math.log(0.8 + e) + 0.75 * Math.pow(0.3, 2) * -Math.log(1 - 0.3 + e);
        assertThat(loss).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        // 1 − cos((1, 0), (0.8, 0.3)) and MSE over the two items.
        double cos = VaspLoss.evaluate(VaspConfig.Loss.COSINE, 0.25f, 2f, new float[] {0.8f, 0.3f}, 1, 2, t, null, 2, dp);
        assertThat(cos).isCloseTo(1 - 0.8 / Math.sqrt(0.64 + 0.09), org.assertj.core.data.Offset.offset(1e-6));
        double mse = VaspLoss.evaluate(VaspConfig.Loss.SQUARED, 0.25f, 2f, new float[] {0.8f, 0.3f}, 1, 2, t, null, 2, dp);
        assertThat(mse).isCloseTo((0.04 + 0.09) / 2, org.assertj.core.data.Offset.offset(1e-6));
    }

    /** Halves are disjoint, cover the history, have sizes ⌊n/2⌋ and n − ⌊n/2⌋, and go both ways; quarters too. */
    @Test
    void splitBrainSamplesSplitEachHistoryBothWays() {
        Interactions x = TestData.tiny(30, 14, 5);
        int[] identity = VaspNetwork.sampledItems(x, 1f);
        VaspConfig quarters = VaspConfig.defaults().withSplitBrain(VaspConfig.SplitBrain.QUARTERS, true);
        SplitBrainSamples s = new SplitBrainSamples(quarters, identity);
        assertThat(s.perUser()).isEqualTo(5);
        int[] users = {3, 9};
        s.build(x, users, 0, 2, new SplittableRandom(1));
        assertThat(s.input.rows()).isEqualTo(10);
        for (int u = 0; u < 2; u++) {
            Set<Integer> history = new HashSet<>();
            for (int i : x.rowItems(users[u])) {
                history.add(i);
            }
            int n = history.size();
            int base = u * 5;
            Set<Integer> a = row(s.input, base);
            Set<Integer> b = row(s.target, base);
            assertThat(a).doesNotContainAnyElementsOf(b);
            Set<Integer> union = new HashSet<>(a);
            union.addAll(b);
            assertThat(union).isEqualTo(history);
            assertThat(b).hasSize(n / 2);
            assertThat(row(s.input, base + 1)).isEqualTo(b);
            assertThat(row(s.target, base + 1)).isEqualTo(a);
            assertThat(row(s.target, base + 2)).hasSize((int) (n * 0.75));
            assertThat(row(s.input, base + 3)).hasSize((int) (n * 0.75));
            assertThat(row(s.input, base + 4)).isEqualTo(history);
            assertThat(row(s.target, base + 4)).isEqualTo(history);
        }
        // Another epoch's shuffle cuts differently.
        Set<Integer> first = row(s.input, 0);
        s.build(x, users, 0, 2, new SplittableRandom(2));
        assertThat(row(s.input, 0)).isNotEqualTo(first);
    }

    private static Set<Integer> row(org.recoder.nn.SparseBatch b, int r) {
        Set<Integer> out = new HashSet<>();
        for (int k = b.pointers()[r]; k < b.pointers()[r + 1]; k++) {
            out.add(b.columns()[k]);
        }
        return out;
    }

    /** The diagonal stays zero through updates, and the off-diagonal entries move as without the constraint. */
    @Test
    void neuralEaseDiagonalStaysZero() {
        Interactions x = TestData.tiny(30, 14, 5);
        VaspConfig c = tiny(VaspConfig.Paths.EASE, VaspConfig.Loss.FOCAL, 1f);
        int[] sampled = VaspNetwork.sampledItems(x, 1f);
        VaspNetwork net = new VaspNetwork(c, x.numItems(), sampled, new SplittableRandom(2));
        VaspNetwork free = new VaspNetwork(c, x.numItems(), sampled, new SplittableRandom(2));
        var opt = Optimizers.nadam(net.params(), 0.05f);
        var freeOpt = Optimizers.nadam(free.params(), 0.05f);
        SplitBrainSamples samples = new SplitBrainSamples(c, net.column);
        for (int step = 0; step < 3; step++) {
            samples.build(x, new int[] {1, 2, 3, 4}, 0, 4, new SplittableRandom(step));
            net.step(samples.input, samples.target, samples.dropped, null);
            free.step(samples.input, samples.target, samples.dropped, null);
            opt.step();
            freeOpt.step();
            net.projectDiagonal();
        }
        int s = net.s;
        float[] w = net.ease.value();
        float[] f = free.ease.value();
        int moved = 0;
        for (int i = 0; i < s; i++) {
            assertThat(w[i * s + i]).isZero();
            moved += f[i * s + i] != 0 ? 1 : 0;
        }
        // Items in an input get a diagonal gradient, so the unconstrained copy moves those entries.
        assertThat(moved).as("diagonal entries the unconstrained copy moved").isPositive();
        // Differences spread from the diagonal into later steps' gradients, so compare after the first step only.
        VaspNetwork one = new VaspNetwork(c, x.numItems(), sampled, new SplittableRandom(2));
        VaspNetwork oneFree = new VaspNetwork(c, x.numItems(), sampled, new SplittableRandom(2));
        var o1 = Optimizers.nadam(one.params(), 0.05f);
        var o2 = Optimizers.nadam(oneFree.params(), 0.05f);
        samples.build(x, new int[] {1, 2, 3, 4}, 0, 4, new SplittableRandom(0));
        one.step(samples.input, samples.target, samples.dropped, null);
        oneFree.step(samples.input, samples.target, samples.dropped, null);
        o1.step();
        o2.step();
        one.projectDiagonal();
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                if (i != j) {
                    assertThat(one.ease.value()[i * s + j]).isEqualTo(oneFree.ease.value()[i * s + j]);
                }
            }
        }
    }

    @Test
    void trainsAboveBaselineSavesLoadsAndFoldsIn() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        List<EpochReport> epochs = new ArrayList<>();
        VaspConfig c = VaspConfig.defaults().withSizes(64, 32, 3, 2).withSchedule("3:1e-3,2:5e-4", 5).withBatchSize(64);
        VaspModel m = new VaspTrainer(c, 3, TrainingOptions.defaults().withListeners(List.of((r, cc) -> epochs.add(r)))).fit(td);
        assertThat(epochs).hasSize(5);
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double rec = ev.evaluate(m, s.test()).summaries().get("ndcg@100").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(td), s.test()).summaries().get("ndcg@100").mean();
        assertThat(rec).isGreaterThan(1.5 * pop);
        Path f = dir.resolve("vasp.recoder");
        VaspModel back = (VaspModel) RoundTrip.assertIdentical(m, f, s.test().foldIn());
        assertThat(ev.evaluate(back, s.test()).summaries().get("ndcg@100").mean()).isEqualTo(rec);
        List<String> history = List.of(m.items().id(0), m.items().id(5));
        assertThat(Recommender.of(back).forHistory(history, 5, List.of())).isEqualTo(Recommender.of(m).forHistory(history, 5, List.of()));
        // Neural EASE's weights are the neighbours, and an item is not its own.
        float[] sim = new float[m.items().size()];
        back.similarTo(3, sim);
        assertThat(sim[3]).isZero();
        assertThat(sim).containsAnyOf(sim[0] == 0 ? sim[1] : sim[0]);
    }

    @Test
    void sampledItemsAreTheMostPopularAndTheRestScoreZero() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        VaspConfig c = VaspConfig.defaults().withSizes(16, 8, 2, 2).withSchedule("1:1e-3", 1).withItemsSampling(0.5f);
        VaspModel m = new VaspTrainer(c, 3, TrainingOptions.defaults().withListeners(List.of())).fit(td);
        int[] deg = td.train().itemDegrees();
        int[] sampled = VaspNetwork.sampledItems(td.train(), 0.5f);
        assertThat(sampled).hasSize(td.train().numItems() / 2);
        int minIn = Integer.MAX_VALUE;
        Set<Integer> in = new HashSet<>();
        for (int i : sampled) {
            minIn = Math.min(minIn, deg[i]);
            in.add(i);
        }
        float[] out = new float[td.train().numItems()];
        m.score(new int[] {sampled[0], sampled[1]}, new float[] {1f, 1f}, out);
        for (int i = 0; i < deg.length; i++) {
            if (!in.contains(i)) {
                assertThat(deg[i]).isLessThanOrEqualTo(minIn);
                assertThat(out[i]).isZero();
            }
        }
    }

    /** Started from closed-form EASE (and barely trained), Neural EASE ranks as EASE: the sigmoid keeps the order. */
    @Test
    void easeInitializationStartsFromTheClosedForm() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        VaspConfig c = VaspConfig.defaults().withPaths(VaspConfig.Paths.EASE).withEaseInit(200f).withSchedule("1:1e-12", 1);
        VaspModel m = new VaspTrainer(c, 3, TrainingOptions.defaults().withListeners(List.of())).fit(td.withoutValidation());
        var ease = new org.recoder.models.ease.EaseTrainer(org.recoder.models.ease.EaseConfig.defaults().withLambda(200f))
                .fit(td.withoutValidation());
        Interactions fold = s.test().foldIn();
        for (int u = 0; u < 5; u++) {
            List<String> h = new ArrayList<>();
            for (int i : fold.rowItems(u)) {
                h.add(fold.items().id(i));
            }
            assertThat(Recommender.of(m).forHistory(h, 10, List.of()).stream().map(r -> r.item()).toList())
                    .isEqualTo(Recommender.of(ease).forHistory(h, 10, List.of()).stream().map(r -> r.item()).toList());
        }
    }

    @Test
    void refusesWhatTheHeapCannotHoldNamingTheSizeAndTheXmx() {
        VaspConfig c = VaspConfig.defaults();
        assertThatThrownBy(() -> VaspTrainer.checkMemory(c, 400_000, 400_000, 2048)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Neural EASE alone is 400,000² floats").hasMessageContaining("JAVA_OPTS=-Xmx")
                .hasMessageContaining("itemsSampling");
        VaspTrainer.checkMemory(c, 500, 500, 2048);
    }

    @Test
    void configRejectsBadSchedulesAndContradictions() {
        assertThatThrownBy(() -> VaspConfig.defaults().withSchedule("50:5e-5,20", 70)).hasMessageContaining("schedule: '20'");
        assertThatThrownBy(() -> VaspConfig.defaults().withSchedule("0:1e-3", 1)).hasMessageContaining("EPOCHS ≥ 1");
        assertThatThrownBy(() -> VaspConfig.defaults().withSplitBrain(VaspConfig.SplitBrain.NONE, false))
                .hasMessageContaining("no training samples");
        assertThatThrownBy(() -> VaspConfig.defaults().withItemsSampling(0f)).hasMessageContaining("itemsSampling");
        assertThatThrownBy(() -> VaspConfig.defaults().withPaths(VaspConfig.Paths.FLVAE).withEaseInit(100f))
                .hasMessageContaining("easeInitLambda");
        VaspConfig c = VaspConfig.defaults();
        assertThat(c.learningRate(1)).isEqualTo(5e-5f);
        assertThat(c.learningRate(51)).isEqualTo(1e-5f);
        assertThat(c.learningRate(200)).isEqualTo(1e-5f);
        assertThat(c.stageStarts(1)).isTrue();
        assertThat(c.stageStarts(51)).isTrue();
        assertThat(c.stageStarts(71)).isTrue();
        assertThat(c.stageStarts(72)).isFalse();
        // By name, as train --set does.
        VaspConfig set = Hyperparameters.set(c, java.util.Map.of("paths", "EASE", "loss", "cosine"), "vasp");
        assertThat(set.paths()).isEqualTo(VaspConfig.Paths.EASE);
        assertThat(set.loss()).isEqualTo(VaspConfig.Loss.COSINE);
        assertThat(Models.types()).contains("vasp");
    }
}
