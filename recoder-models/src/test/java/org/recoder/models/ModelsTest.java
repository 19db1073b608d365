package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnModel;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

class ModelsTest {
    @TempDir
    Path dir;

    @Test
    void itemKnnSimilaritiesMatchABruteForceCosine() {
        Interactions x = TestData.tiny(60, 25, 3).binarize(Float.NEGATIVE_INFINITY);
        float shrink = 2f;
        ItemKnnModel m = new ItemKnnTrainer(new ItemKnnConfig(1000, shrink, 1)).fit(new TrainingData(x, null, org.recoder.data.SplitInfo.unknown()));
        int ni = x.numItems();
        boolean[][] dense = new boolean[x.numUsers()][ni];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int i : x.rowItems(u)) {
                dense[u][i] = true;
            }
        }
        for (int i = 0; i < ni; i++) {
            int[] nb = m.neighboursOf(i);
            float[] sim = m.similaritiesOf(i);
            int expectedNonZero = 0;
            for (int jj = 0; jj < ni; jj++) {
                int j = jj;
                int c = 0;
                int ni_ = 0;
                int nj = 0;
                for (boolean[] row : dense) {
                    c += row[i] && row[j] ? 1 : 0;
                    ni_ += row[i] ? 1 : 0;
                    nj += row[j] ? 1 : 0;
                }
                if (j == i || c == 0) {
                    continue;
                }
                expectedNonZero++;
                double expected = c / (Math.sqrt((double) ni_ * nj) + shrink);
                int pos = java.util.stream.IntStream.range(0, nb.length).filter(p -> nb[p] == j).findFirst().orElseThrow();
                assertThat((double) sim[pos]).isCloseTo(expected, within(1e-6));
            }
            assertThat(nb).hasSize(expectedNonZero);
            for (int p = 1; p < sim.length; p++) {
                assertThat(sim[p]).isLessThanOrEqualTo(sim[p - 1]);
            }
        }
    }

    @Test
    void itemKnnBeatsPopularityClearlyOnPlantedStructure() {
        Split s = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = s.trainingData();
        Evaluator ev = new Evaluator(List.of(new MetricSpec("ndcg", 100)), 2);
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(td), s.test()).summaries().get("ndcg@100").mean();
        double knn = ev.evaluate(new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td), s.test()).summaries().get("ndcg@100").mean();
        assertThat(pop).isGreaterThan(0.02);
        assertThat(knn).isGreaterThan(2 * pop);
    }

    @Test
    void multiThreadedTrainingEqualsSingleThreaded() {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 1).split(TestData.small(5)).trainingData();
        ItemKnnModel one = new ItemKnnTrainer(ItemKnnConfig.defaults().withThreads(1)).fit(td);
        ItemKnnModel two = new ItemKnnTrainer(ItemKnnConfig.defaults().withThreads(2)).fit(td);
        for (int i = 0; i < td.train().numItems(); i++) {
            assertThat(two.neighboursOf(i)).containsExactly(one.neighboursOf(i));
            assertThat(two.similaritiesOf(i)).containsExactly(one.similaritiesOf(i));
        }
    }

    @Test
    void saveLoadRoundTripScoresIdentically() {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 1).split(TestData.small(5)).trainingData();
        for (Model m : List.of(new PopularityTrainer(new PopularityConfig()).fit(td), new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td))) {
            Path f = dir.resolve(m.type() + ".recoder");
            Model back = RoundTrip.assertIdentical(m, f, td.validation().foldIn());
            int[] hist = td.train().rowItems(3);
            float[] a = new float[m.items().size()];
            float[] b = new float[m.items().size()];
            m.score(hist, td.train().rowValues(3), a);
            back.score(hist, td.train().rowValues(3), b);
            assertThat(b).containsExactly(a);
            assertThat(back.provenance().dataFingerprint()).isEqualTo(td.train().fingerprint());
            assertThat(back.provenance().split()).containsEntry("protocol", "strong");
        }
    }

    @Test
    void recommenderServesKnownAndNewUsersInExternalIds() {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 1).split(TestData.small(5)).trainingData();
        Recommender r = Recommender.of(new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td));
        String user = td.train().users().id(0);
        List<String> seen = td.train().rowItems(0).length == 0 ? List.of()
                : java.util.Arrays.stream(td.train().rowItems(0)).mapToObj(i -> td.train().items().id(i)).toList();
        List<Recommendation> recs = r.forUser(user, 10, List.of());
        assertThat(recs).hasSize(10);
        assertThat(recs).extracting(Recommendation::item).doesNotContainAnyElementsOf(seen).doesNotHaveDuplicates();
        List<Recommendation> byHistory = r.forHistory(seen, 10, List.of(recs.get(0).item()));
        assertThat(byHistory).extracting(Recommendation::item).doesNotContain(recs.get(0).item());
        assertThat(byHistory.get(0).item()).isEqualTo(recs.get(1).item());
        assertThatThrownBy(() -> r.forUser("nobody", 5, List.of())).hasMessageContaining("unknown user 'nobody'");
        assertThatThrownBy(() -> r.forHistory(List.of("zzz"), 5, List.of())).hasMessageContaining("unknown item 'zzz'");
    }

    @Test
    void configsValidate() {
        assertThatThrownBy(() -> new ItemKnnConfig(0, 1, 0)).hasMessageContaining("neighbours must be ≥ 1, got 0");
        assertThatThrownBy(() -> new ItemKnnConfig(5, -1, 0)).hasMessageContaining("shrinkage");
    }
}
