package org.recoder.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.cli.RecoderCli;
import org.recoder.eval.MetricSpec;
import org.recoder.io.Json;
import org.recoder.linalg.TopK;
import org.recoder.models.Models;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import tools.jackson.databind.JsonNode;

class SparkScoreTest {
    @TempDir
    static Path dir;
    static Path split;
    static Path model;

    @BeforeAll
    static void aSplitAndAModel() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        split = dir.resolve("split");
        assertThat(RecoderCli.execute("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString())).isZero();
        model = dir.resolve("m.recoder");
        assertThat(RecoderCli.execute("train", "multdae", "--epochs", "3", "--split", split.toString(), "--out", model.toString())).isZero();
    }

    /** Per-user metrics on the executors, gathered on the driver: recoder evaluate's means and standard errors. */
    @Test
    void evaluationOnSparkEqualsRecoderEvaluate() throws Exception {
        var spark = SparkTestSession.get();
        SparkScore.Evaluation e = SparkScore.evaluate(spark, model, SparkFrames.splitPart(spark, split, SplitIO.TEST_FOLDIN),
                SparkFrames.splitPart(spark, split, SplitIO.TEST_HOLDOUT), MetricSpec.parseList("ndcg@100,recall@20,recall@50"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // recoder evaluate in this JVM, its JSON on stdout.
        java.io.PrintStream old = System.out;
        int code;
        try (PrintWriter w = new PrintWriter(out, true)) {
            code = new picocli.CommandLine(new RecoderCli()).setOut(w).execute("evaluate", "--model", model.toString(), "--split",
                    split.toString(), "--json");
        }
        assertThat(code).isZero();
        JsonNode j = Json.parse(out.toString());
        assertThat(e.users()).hasSize(j.path("users").asInt()).hasSizeGreaterThan(200);
        for (String m : List.of("ndcg@100", "recall@20", "recall@50")) {
            assertThat(e.summaries().get(m).mean()).as(m).isCloseTo(j.path(m).asDouble(), within(1e-12));
            assertThat(e.summaries().get(m).stderr()).as(m).isCloseTo(j.path("stderr").path(m).asDouble(), within(1e-12));
        }
    }

    /** Top-N on the executors: each user's list is the model's own ranking of its fold-in, history excluded. */
    @Test
    void topNPerUserIsTheModelsRanking() {
        var spark = SparkTestSession.get();
        Dataset<Row> top = SparkScore.topN(spark, model, SparkFrames.splitPart(spark, split, SplitIO.TEST_FOLDIN), 10);
        List<Row> rows = top.orderBy("user", "rank").collectAsList();
        Split s = SplitIO.read(split);
        assertThat(rows).hasSize(10 * s.test().foldIn().nonEmptyUsers().length);
        Model m = Models.load(model);
        var fold = s.test().foldIn();
        String user = rows.get(0).getString(0);
        int u = fold.users().index(user);
        float[] scores = new float[m.items().size()];
        int[] hist = fold.rowItems(u);
        m.score(hist, fold.rowValues(u), scores);
        for (int i : hist) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        int[] expected = new int[10];
        TopK.select(scores, 10, expected);
        for (int r = 0; r < 10; r++) {
            assertThat(rows.get(r).getString(0)).isEqualTo(user);
            assertThat(rows.get(r).getInt(1)).isEqualTo(r + 1);
            assertThat(rows.get(r).getString(2)).isEqualTo(m.items().id(expected[r]));
            assertThat(rows.get(r).getFloat(3)).isCloseTo(scores[expected[r]], within(1e-6f));
        }
    }
}
