package org.recoder.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.ItemSimilarity;
import org.recoder.api.Model;
import org.recoder.cli.RecoderCli;
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseModel;

class SparkEaseTest {
    @TempDir
    static Path dir;
    static Path split;

    @BeforeAll
    static void aSplit() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        split = dir.resolve("split");
        assertThat(RecoderCli.execute("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString())).isZero();
    }

    /** A hand-made case: three users over five items, in blocks of two rows, against the counts by hand. */
    @Test
    void theGramMatrixCountsCoOccurrences() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        JavaRDD<int[]> users = sc.parallelize(List.of(new int[] {0, 1, 4}, new int[] {4, 1}, new int[] {2}), 2);
        float[] g = SparkGram.dense(users, 5, 2);
        float[] expected = {
            1, 1, 0, 0, 1,
            1, 2, 0, 0, 2,
            0, 0, 1, 0, 0,
            0, 0, 0, 0, 0,
            1, 2, 0, 0, 2};
        assertThat(g).containsExactly(expected);
        // Row blocks of one, and of all five: the same matrix.
        assertThat(SparkGram.dense(users, 5, 1)).containsExactly(expected);
        assertThat(SparkGram.dense(users, 5, 5)).containsExactly(expected);
        assertThatThrownBy(() -> SparkGram.dense(sc.parallelize(List.of(new int[] {1, 1})), 5, 2))
                .hasStackTraceContaining("item 1 twice in one user's list");
    }

    /**
     * The EASE model from the Spark Gram equals recoder train ease's on the same split: the same items and known
     * users, and B to float rounding; the file it saves loads as an ordinary EASE model.
     */
    @Test
    void easeOnSparkEqualsTheSingleMachineModel() throws Exception {
        Path single = dir.resolve("single.recoder");
        assertThat(RecoderCli.execute("train", "ease", "--split", split.toString(), "--out", single.toString())).isZero();
        EaseModel spark = SparkEase.fit(SparkTestSession.get(), split, EaseConfig.defaults(), 97);
        Path onSpark = dir.resolve("spark.recoder");
        Models.save(spark, onSpark);
        Model a = Models.load(single);
        Model b = Models.load(onSpark);
        assertThat(b.type()).isEqualTo("ease");
        assertThat(b.items().size()).isEqualTo(a.items().size()).isGreaterThan(1000);
        int n = a.items().size();
        float[] wa = new float[n];
        float[] wb = new float[n];
        for (int i = 0; i < n; i++) {
            assertThat(b.items().id(i)).isEqualTo(a.items().id(i));
            ((ItemSimilarity) a).similarTo(i, wa);
            ((ItemSimilarity) b).similarTo(i, wb);
            for (int j = 0; j < n; j++) {
                assertThat(wb[j]).as("B[%d][%d]", i, j).isCloseTo(wa[j], within(1e-6f));
            }
        }
        assertThat(Files.size(onSpark)).isGreaterThan(4L * n * n);
    }

    /** Item-kNN's neighbours from the same co-occurrence job equal recoder train itemknn's, similarity for similarity. */
    @Test
    void itemKnnOnSparkEqualsTheSingleMachineModel() {
        Path single = dir.resolve("knn.recoder");
        assertThat(RecoderCli.execute("train", "itemknn", "--split", split.toString(), "--out", single.toString())).isZero();
        Model a = Models.load(single);
        Model b = SparkItemKnn.fit(SparkTestSession.get(), split, org.recoder.models.itemknn.ItemKnnConfig.defaults(), 211);
        int n = a.items().size();
        float[] wa = new float[n];
        float[] wb = new float[n];
        int nonZero = 0;
        for (int i = 0; i < n; i++) {
            ((ItemSimilarity) a).similarTo(i, wa);
            ((ItemSimilarity) b).similarTo(i, wb);
            assertThat(java.util.Arrays.mismatch(wb, wa)).as("item %d: first differing neighbour weight", i).isEqualTo(-1);
            for (float w : wa) {
                nonZero += w != 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).isGreaterThan(n * 50);
    }
}
