package org.recoder.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.cli.RecoderCli;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.protocol.SplitIO;
import tools.jackson.databind.JsonNode;

/** The jobs from their command line, local[2]: what each writes, and the errors that name the option. */
class SparkCommandsTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = SparkCommands.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void splitGramEaseAndScoreFromTheCommandLine() throws Exception {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        Path split = dir.resolve("split");
        Run s = run("split", "strong", "--master", "local[2]", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("wrote strong split to " + split);
        assertThat(SplitIO.readInfo(split).parameters()).containsEntry("assignment", "hash");

        // gram: the row blocks read back are XᵀX of the training matrix, counted here by hand.
        Path gram = dir.resolve("gram");
        Run g = run("gram", "--master", "local[2]", "--split", split.toString(), "--out", gram.toString(), "--block-rows", "400");
        assertThat(g.code()).as(g.err()).isZero();
        JsonNode info = Json.parse(Files.readString(gram.resolve("gram.json")));
        Interactions x = SplitIO.read(split).train();
        int n = x.numItems();
        assertThat(info.path("items").asInt()).isEqualTo(n);
        assertThat(Files.readAllLines(gram.resolve("items.txt"))).isEqualTo(x.items().ids());
        float[] expected = new float[n * n];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int a : x.rowItems(u)) {
                for (int b : x.rowItems(u)) {
                    expected[a * n + b]++;
                }
            }
        }
        float[] got = new float[n * n];
        for (int r = 0; r * 400 < n; r++) {
            Path f = gram.resolve(String.format("rows-%05d.f32", r));
            ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = r * 400 * n; bb.hasRemaining(); k++) {
                got[k] = bb.getFloat();
            }
        }
        // (AssertJ's array diff is quadratic: find the first difference instead.)
        assertThat(java.util.Arrays.mismatch(got, expected)).as("first differing entry of %d×%d", n, n).isEqualTo(-1);

        Path model = dir.resolve("ease.recoder");
        Run e = run("ease", "--master", "local[2]", "--split", split.toString(), "--out", model.toString(), "--lambda", "200");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Models.load(model).config().toString()).contains("lambda=200.0");

        Path top = dir.resolve("top");
        Run sc = run("score", "--master", "local[2]", "--model", model.toString(), "--split", split.toString(), "--out", top.toString(), "-n", "5");
        assertThat(sc.code()).as(sc.err()).isZero();
        JsonNode j = Json.parse(sc.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(j.path("users").asInt()).isGreaterThan(200);
        assertThat(j.path("ndcg@100").asDouble()).isBetween(0.1, 1.0);
        var rows = SparkTestSession.get().read().parquet(top.toString());
        assertThat(rows.count()).isEqualTo(5L * SplitIO.read(split).test().foldIn().nonEmptyUsers().length);
    }

    @Test
    void badOptionsAreNamed() {
        assertThat(run("score", "--model", "m.recoder").err()).contains("give one of --split DIR or --histories FILE");
        Run r = run("split", "strong", "--input", "x.csv", "--heldout-users", "50", "--out", dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--heldout-users must be a fraction below 0.5");
        assertThat(run("split").err()).contains("a protocol is required: strong, ratings or loo");
        assertThat(run("ease", "--split", dir.resolve("none").toString(), "--out", dir.resolve("m").toString()).err())
                .contains("recoder spark: error: ");
    }
}
