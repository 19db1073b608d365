package org.recoder.models.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.linalg.Cholesky;
import org.recoder.linalg.NativeBlas;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.protocol.Split;
import org.recoder.data.SplitInfo;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

class EaseTest {
    @TempDir
    Path dir;

    /** Each user picks each item with probability 0.3 (at least one item). */
    private static Interactions random(int users, int items, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        java.util.List<int[]> pairs = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            pairs.add(new int[] {u, r.nextInt(items)});
            for (int i = 0; i < items; i++) {
                if (r.nextDouble() < 0.3) {
                    pairs.add(new int[] {u, i});
                }
            }
        }
        int[] us = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] is = pairs.stream().mapToInt(p -> p[1]).toArray();
        float[] vs = new float[us.length];
        java.util.Arrays.fill(vs, 1f);
        return Interactions.fromTriples(ids("u", users), ids("i", items), us, is, vs, null,
                org.recoder.data.DuplicatePolicy.LAST);
    }

    private static org.recoder.data.IdIndex ids(String prefix, int n) {
        return org.recoder.data.IdIndex.of(java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList());
    }

    private static TrainingData data(Interactions x) {
        return new TrainingData(x, null, SplitInfo.unknown());
    }

    /** XᵀX + λI of binary X, dense, in double. */
    private static double[] gram(Interactions x, double lambda) {
        int n = x.numItems();
        double[] g = new double[n * n];
        for (int u = 0; u < x.numUsers(); u++) {
            int[] items = x.rowItems(u);
            for (int i : items) {
                for (int j : items) {
                    g[i * n + j] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += lambda;
        }
        return g;
    }

    /** B from the definition, with a float64 Gauss-Jordan inverse of the dense Gram matrix. */
    private static double[] reference(Interactions x, double lambda) {
        int n = x.numItems();
        double[] p = org.recoder.linalg.NaiveInverse.gaussJordan(gram(x, lambda), n);
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = i == j ? 0 : -p[i * n + j] / p[j * n + j];
            }
        }
        return b;
    }

    @Test
    void weightsEqualAFloat64ReferenceInversion() {
        Interactions x = TestData.tiny(300, 120, 7);
        double[] expected = reference(x, 5);
        EaseModel f64 = new EaseTrainer(new EaseConfig(5f, Cholesky.Precision.FLOAT64, true, 0, EaseConfig.Blas.JAVA)).fit(data(x));
        EaseModel f32 = new EaseTrainer(new EaseConfig(5f, Cholesky.Precision.FLOAT32, true, 0, EaseConfig.Blas.JAVA)).fit(data(x));
        int n = x.numItems();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat((double) f64.weight(i, j)).isCloseTo(expected[i * n + j], within(1e-6));
                assertThat((double) f32.weight(i, j)).isCloseTo(expected[i * n + j], within(1e-5));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 17, 1023})
    void randomShapesAgreeWithReferenceAndAcrossThreads(int items) {
        Interactions x = random(items == 1023 ? 400 : 40, items, items);
        int n = x.numItems();
        EaseModel one = new EaseTrainer(EaseConfig.defaults().withLambda(3f).withThreads(1)
                .withPrecision(Cholesky.Precision.FLOAT64)).fit(data(x));
        EaseModel all = new EaseTrainer(EaseConfig.defaults().withLambda(3f).withThreads(0)
                .withPrecision(Cholesky.Precision.FLOAT64)).fit(data(x));
        double[] expected = n <= 300 ? reference(x, 3) : null;
        for (int i = 0; i < n; i++) {
            assertThat(one.weight(i, i)).isZero();
            for (int j = 0; j < n; j++) {
                assertThat(all.weight(i, j)).isCloseTo(one.weight(i, j), within(1e-7f));
                if (expected != null) {
                    assertThat((double) one.weight(i, j)).isCloseTo(expected[i * n + j], within(1e-6));
                }
            }
        }
        if (n > 300) {
            // Too large for the Gauss-Jordan reference: check the defining identity instead.
            assertGramTimesIdentity(x, one, 3);
        }
    }

    /** (XᵀX + λI)(I − B) must be diagonal: column j equals e_j / P_jj. */
    private static void assertGramTimesIdentity(Interactions x, EaseModel m, double lambda) {
        int n = x.numItems();
        double[] g = gram(x, lambda);
        for (int j = 0; j < n; j += 97) {
            double diag = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += g[i * n + k] * ((k == j ? 1 : 0) - m.weight(k, j));
                }
                if (i == j) {
                    diag = s;
                } else {
                    assertThat(s).isCloseTo(0, within(1e-4));
                }
            }
            assertThat(diag).isGreaterThan(0);
        }
    }

    @Test
    void scoringAHistoryAddsRowsOfB() {
        Interactions x = TestData.tiny(80, 40, 3);
        EaseModel m = new EaseTrainer(EaseConfig.defaults().withLambda(10f)).fit(data(x));
        int[] hist = {2, 5, 39};
        float[] out = new float[40];
        m.score(hist, new float[] {4f, 1f, 2f}, out);
        for (int j = 0; j < 40; j++) {
            assertThat(out[j]).isCloseTo(m.weight(2, j) + m.weight(5, j) + m.weight(39, j), within(1e-6f));
        }
    }

    @Test
    void savedModelServesNewUsersIdentically() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 1).split(TestData.small(5));
        EaseModel m = new EaseTrainer(EaseConfig.defaults()).fit(s.trainingData());
        Path f = dir.resolve("ease.recoder");
        EaseModel back = (EaseModel) RoundTrip.assertIdentical(m, f, s.test().foldIn());
        List<String> history = List.of(m.items().id(0), m.items().id(3), m.items().id(10));
        List<Recommendation> a = Recommender.of(m).forHistory(history, 10, List.of());
        List<Recommendation> b = Recommender.of(back).forHistory(history, 10, List.of());
        assertThat(b).isEqualTo(a);
        assertThat(a).extracting(Recommendation::item).doesNotContainAnyElementsOf(history);
    }

    @Test
    void beatsPopularityOnPlantedStructureAndPrecisionsAgree() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double ease32 = ev.evaluate(new EaseTrainer(EaseConfig.defaults().withLambda(50f)).fit(td), s.test())
                .summaries().get("ndcg@100").mean();
        double ease64 = ev.evaluate(new EaseTrainer(EaseConfig.defaults().withLambda(50f)
                .withPrecision(Cholesky.Precision.FLOAT64)).fit(td), s.test()).summaries().get("ndcg@100").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(td), s.test())
                .summaries().get("ndcg@100").mean();
        assertThat(ease32).isGreaterThan(2 * pop);
        assertThat(ease64).isCloseTo(ease32, within(0.001));
    }

    @Test
    void nativePathAgreesWhenInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeBlas.library().isPresent(), "OpenBLAS not installed");
        Interactions x = TestData.tiny(200, 300, 4);
        EaseModel java = new EaseTrainer(EaseConfig.defaults().withLambda(5f)).fit(data(x));
        EaseModel nat = new EaseTrainer(EaseConfig.defaults().withLambda(5f).withBlas(EaseConfig.Blas.NATIVE)).fit(data(x));
        assertThat(nat.provenance().compute().get("blas").toString()).startsWith("OpenBLAS");
        assertThat(java.provenance().compute()).containsEntry("blas", "pure Java");
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 300; j++) {
                assertThat(nat.weight(i, j)).isCloseTo(java.weight(i, j), within(1e-5f));
            }
        }
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> EaseConfig.defaults().withLambda(0f)).hasMessage("lambda must be a finite number > 0, got 0");
        assertThatThrownBy(() -> EaseConfig.defaults().withThreads(-1)).hasMessage("threads must be ≥ 0, got -1");
    }
}
