package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recoder.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.io.Json;
import org.recoder.models.Models;
import tools.jackson.databind.JsonNode;

/** What the bad-input and fault campaign of issue 10 found in train, evaluate and split, each kept fixed. */
class HardeningCliTest {
    @TempDir
    Path dir;
    Path split;

    @BeforeEach
    void smallSplit() {
        split = CliTest.smallSplit(dir);
    }

    @Test
    void trainRefusesToOverwriteWithoutForceAndChecksItsOutputsBeforeTraining() throws Exception {
        Path out = dir.resolve("pop.recoder");
        assertThat(run("train", "popularity", "--split", split.toString(), "--out", out.toString()).code()).isZero();
        byte[] first = Files.readAllBytes(out);
        CliTest.Run again = run("train", "popularity", "--split", split.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists (use --force to replace it)");
        assertThat(run("train", "popularity", "--split", split.toString(), "--out", out.toString(), "--force").code()).isZero();
        CliTest.Run noFolder = run("train", "multvae", "--epochs", "50", "--split", split.toString(), "--out",
                dir.resolve("nowhere/vae.recoder").toString());
        assertThat(noFolder.code()).isEqualTo(1);
        assertThat(noFolder.err()).contains("the folder").contains("nowhere").contains("does not exist");
        assertThat(dir.resolve("nowhere")).doesNotExist();
        CliTest.Run checkpointNowhere = run("train", "multvae", "--epochs", "50", "--checkpoint", dir.resolve("gone/best.recoder").toString(),
                "--split", split.toString(), "--out", dir.resolve("v.recoder").toString());
        assertThat(checkpointNowhere.err()).contains("gone").contains("does not exist");
        CliTest.Run perUser = run("evaluate", "--model", out.toString(), "--split", split.toString(), "--per-user",
                dir.resolve("missing/per-user.tsv").toString());
        assertThat(perUser.code()).isEqualTo(1);
        assertThat(dir.resolve("missing")).doesNotExist();
        CliTest.Run threads = run("evaluate", "--model", out.toString(), "--split", split.toString(), "--threads", "-1");
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be ≥ 0");
        assertThat(first.length).isPositive();
    }

    @Test
    void theSameModelSavesToTheSameBytes() throws Exception {
        Path out = dir.resolve("knn.recoder");
        assertThat(run("train", "itemknn", "--split", split.toString(), "--out", out.toString()).code()).isZero();
        Model m = Models.load(out);
        Path a = dir.resolve("a.recoder");
        Path b = dir.resolve("b.recoder");
        Models.save(m, a);
        Models.save(Models.load(a), b);
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void aLearningCurveThatCannotBeWrittenIsAWarningAndTheModelIsKept() throws Exception {
        Path out = dir.resolve("vae.recoder");
        // A non-empty folder where the curve's CSV should go: it cannot be replaced by a file.
        Path blocker = Files.createDirectories(dir.resolve("vae.recoder.curve.csv"));
        Files.writeString(blocker.resolve("keep.txt"), "x");
        CliTest.Run t = run("train", "multvae", "--epochs", "2", "--checkpoint", dir.resolve("best.recoder").toString(),
                "--split", split.toString(), "--out", out.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.err()).contains("recoder: warning: the model is saved, but its learning curve could not be written");
        assertThat(Models.load(out).type()).isEqualTo("multvae");
        // The checkpoint says which epoch it holds.
        JsonNode inspect = Json.parse(run("models", "inspect", dir.resolve("best.recoder").toString(), "--json").out());
        assertThat(inspect.path("provenance").path("compute").path("epoch").asInt()).isBetween(1, 2);
        assertThat(inspect.path("format_version").asInt()).isEqualTo(2);
    }

    @Test
    void splitSummariesPrintTheSameWayEveryTime() {
        CliTest.Run s = run("split", "strong", "--input", "synthetic:small", "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", dir.resolve("s2").toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("{\"test\":{").doesNotContain("={");
        CliTest.Run format = run("data", "stats", dir.resolve("ratings.csv").toString(), "--format", "nope");
        assertThat(format.err()).contains("ml-10m").contains("ml-25m").contains("ml-latest");
    }
}
