package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.io.Json;
import tools.jackson.databind.JsonNode;

/** Drives the CLI as scripts do, through {@link RecoderCli#execute}, capturing stdout and stderr. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** A strong split of the synthetic 'small' preset (ratings > 3.5, 10% held out) in {@code dir}/split. */
    static Path smallSplit(Path dir) {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("split");
        assertThat(run("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString()).code()).isZero();
        return split;
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = RecoderCli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void ratingsSplitTrainsAutoRecAndEvaluatesRmseAndMae() throws java.io.IOException {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("ratings-split");
        Run s = run("split", "ratings", "--input", csv.toString(), "--format", "ml-20m", "--seed", "3", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(split.resolve("validation_holdout.tsv")).exists();
        Path model = dir.resolve("uautorec.recoder");
        Run t = run("train", "uautorec", "--split", split.toString(), "--set", "hidden=16", "--set", "epochs=3", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Run e = run("evaluate", "--model", model.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.parse(e.out());
        // The plumbing only (3 epochs): that AutoRec learns is AutoRecTest's (it beats the item means).
        assertThat(j.path("rmse").asDouble()).isPositive().isFinite();
        assertThat(j.path("mae").asDouble()).isPositive().isLessThanOrEqualTo(j.path("rmse").asDouble());
        assertThat(j.path("ratings").asInt()).isPositive();
        assertThat(j.path("model").path("provenance").path("validationMetrics").has("validation_rmse")).isTrue();
        String item = Files.readAllLines(split.resolve("train.tsv")).get(1).split("\t")[1];
        Run rec = run("recommend", "--model", model.toString(), "--items", item + "=4.5", "-n", "3", "--json");
        assertThat(rec.code()).as(rec.err()).isZero();
        assertThat(Json.parse(rec.out()).path("items").size()).isEqualTo(3);
        Run plain = run("recommend", "--model", model.toString(), "--items", item, "-n", "3");
        assertThat(plain.code()).isNotZero();
        assertThat(plain.err()).contains("ITEM=RATING");
        Run badOption = run("train", "iautorec", "--split", split.toString(), "--validation-metric", "ndcg@10",
                "--out", dir.resolve("x.recoder").toString());
        assertThat(badOption.code()).isNotZero();
        assertThat(badOption.err()).contains("--validation-metric does not apply to iautorec");
    }

    @Test
    void splitTrainEvaluateRecommendOnSyntheticData() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("split");
        Run s = run("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5", "--heldout-users", "0.1",
                "--seed", "98765", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(split.resolve("test_holdout.tsv")).exists();
        Path model = dir.resolve("knn.recoder");
        Run t = run("train", "itemknn", "--split", split.toString(), "--set", "neighbours=50", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Run e = run("evaluate", "--model", model.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.parse(e.out());
        assertThat(j.path("ndcg@100").asDouble()).isBetween(0.05, 1.0);
        assertThat(j.has("recall@20")).isTrue();
        assertThat(j.path("users").asInt()).isPositive();
        assertThat(j.path("model").path("provenance").path("dataFingerprint").asString()).hasSize(64);
        assertThat(j.path("split").path("protocol").asString()).isEqualTo("strong");
        Run r = run("recommend", "--model", model.toString(), "--items", "1,2,3", "-n", "5", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.parse(r.out()).path("items").size()).isEqualTo(5);
        Run stats = run("data", "stats", csv.toString(), "--format", "ml-20m", "--json");
        assertThat(Json.parse(stats.out()).path("users").asInt()).isEqualTo(3000);
    }

    @Test
    void easeTrainsEvaluatesAndRecommendsFromTheCli() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("split");
        assertThat(run("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString()).code()).isZero();
        Path model = dir.resolve("ease.recoder");
        Run t = run("train", "ease", "--lambda", "200", "--set", "blas=java", "--split", split.toString(), "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Run e = run("evaluate", "--model", model.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.parse(e.out());
        assertThat(j.path("ndcg@100").asDouble()).isBetween(0.2, 1.0);
        assertThat(j.path("model").path("config").path("lambda").asDouble()).isEqualTo(200.0);
        Run r = run("recommend", "--model", model.toString(), "--items", "1,2,3", "-n", "5", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.parse(r.out()).path("items").size()).isEqualTo(5);
        assertThat(j.path("model").path("config").path("blas").asString()).isEqualTo("JAVA");
        assertThat(j.path("model").path("provenance").path("compute").path("blas").asString()).isEqualTo("pure Java");
        Run wrong = run("train", "ease", "--set", "neighbours=5", "--split", split.toString(), "--out", model.toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("unknown hyperparameter 'neighbours' for ease").contains("valid: lambda, precision, binary, threads, blas");
        Run precision = run("train", "ease", "--set", "precision=half", "--split", split.toString(), "--out", model.toString());
        assertThat(precision.err()).contains("hyperparameter precision of ease: 'half' is not one of FLOAT32, FLOAT64");
    }

    @Test
    void vaeFamilyTrainsEvaluatesAndFoldsInFromTheCli() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("split");
        assertThat(run("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString()).code()).isZero();
        for (String model : new String[] {"multvae", "multdae", "recvae"}) {
            Path f = dir.resolve(model + ".recoder");
            Run t = run("train", model, "--epochs", "3", "--seed", "1", "--split", split.toString(), "--out", f.toString());
            assertThat(t.code()).as(t.err()).isZero();
            Run e = run("evaluate", "--model", f.toString(), "--split", split.toString(), "--json");
            assertThat(e.code()).as(e.err()).isZero();
            JsonNode j = Json.parse(e.out());
            assertThat(j.path("ndcg@100").asDouble()).isBetween(0.05, 1.0);
            assertThat(j.path("model").path("type").asString()).isEqualTo(model);
            assertThat(j.path("model").path("provenance").path("validationMetrics").has("validation_ndcg@100")).isTrue();
            Run r = run("recommend", "--model", f.toString(), "--items", "1,2,3", "-n", "5", "--json");
            assertThat(Json.parse(r.out()).path("items").size()).isEqualTo(5);
            // The learning curve lands next to the model: a header and one row per epoch.
            assertThat(dir.resolve(model + ".recoder.curve.csv")).content().startsWith("epoch,loss,")
                    .contains("validation_ndcg@100").hasLineCount(4);
            assertThat(dir.resolve(model + ".recoder.curve.png")).isNotEmptyFile();
        }
        // Early stopping and the validation metric are options of every epoch-based model.
        Path f = dir.resolve("stopped.recoder");
        Path checkpoint = dir.resolve("best-so-far.recoder");
        Run stopped = run("train", "multdae", "--epochs", "30", "--patience", "1", "--validation-metric", "recall@20",
                "--checkpoint", checkpoint.toString(), "--split", split.toString(), "--out", f.toString());
        assertThat(stopped.code()).as(stopped.err()).isZero();
        // The checkpoint holds the kept epoch: it scores exactly as the final model does.
        Run fromCheckpoint = run("evaluate", "--model", checkpoint.toString(), "--split", split.toString(), "--json");
        Run fromFinal = run("evaluate", "--model", f.toString(), "--split", split.toString(), "--json");
        assertThat(Json.parse(fromCheckpoint.out()).path("ndcg@100").asDouble())
                .isEqualTo(Json.parse(fromFinal.out()).path("ndcg@100").asDouble());
        assertThat(dir.resolve("stopped.recoder.curve.csv")).content().contains("validation_recall@20");
        try {
            assertThat(java.nio.file.Files.readAllLines(dir.resolve("stopped.recoder.curve.csv")).size()).isLessThan(31);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        Run patienceForEase = run("train", "ease", "--patience", "2", "--split", split.toString(), "--out", dir.resolve("x").toString());
        assertThat(patienceForEase.code()).isEqualTo(2);
        assertThat(patienceForEase.err()).contains("--patience").contains("ease");
        Run wrong = run("train", "multvae", "--lambda", "5", "--split", split.toString(), "--out", dir.resolve("x").toString());
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("--lambda").contains("multvae");
    }

    @Test
    void cdaeTrainsOnFoldInUsersServesThemByIdAndRefusesNewHistories() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("split");
        assertThat(run("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--out", split.toString()).code()).isZero();
        Path f = dir.resolve("cdae.recoder");
        Run t = run("train", "cdae", "--epochs", "5", "--seed", "1", "--split", split.toString(), "--out", f.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.err()).contains("fold-in rows");
        Run e = run("evaluate", "--model", f.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.parse(e.out());
        // Five epochs of two updates each: the flow is under test here, accuracy in CdaeTest and docs/results.md.
        assertThat(j.path("ndcg@100").asDouble()).isBetween(0.001, 1.0);
        assertThat(j.path("users").asInt()).isPositive();
        assertThat(j.path("model").path("provenance").path("split").path("foldin_in_training").asBoolean()).isTrue();
        String testUser = split.resolve("test_foldin.tsv").toFile().exists() ? firstUser(split.resolve("test_foldin.tsv")) : null;
        assertThat(testUser).isNotNull();
        Run byId = run("recommend", "--model", f.toString(), "--user", testUser, "-n", "5", "--json");
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(Json.parse(byId.out()).path("items").size()).isEqualTo(5);
        Run fold = run("recommend", "--model", f.toString(), "--items", "1,2,3", "-n", "5");
        assertThat(fold.code()).isEqualTo(1);
        assertThat(fold.err()).contains("cannot fold in");
    }

    /** NCF and BPR-MF on leave-one-out: train, pre-train NeuMF from saved files, evaluate both protocols, serve known users only. */
    @Test
    void ncfFamilyOnLeaveOneOutFromTheCli() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        Path split = dir.resolve("loo");
        Run s = run("split", "loo", "--input", csv.toString(), "--format", "ml-20m", "--random", "--validation", "--seed", "2",
                "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        Path gmf = dir.resolve("gmf.recoder");
        Path mlp = dir.resolve("mlp.recoder");
        for (String[] m : new String[][] {{"gmf", gmf.toString()}, {"mlp", mlp.toString()}, {"bprmf", dir.resolve("bpr.recoder").toString()}}) {
            Run t = run("train", m[0], "--epochs", "2", "--validation-metric", "ndcg@10", "--split", split.toString(), "--out", m[1]);
            assertThat(t.code()).as(t.err()).isZero();
            // Leave-one-out's test users are training users: nothing is appended and nothing said about fold-in rows.
            assertThat(t.err()).doesNotContain("fold-in rows");
        }
        Path neumf = dir.resolve("neumf.recoder");
        Run t = run("train", "neumf", "--epochs", "2", "--set", "gmfModel=" + gmf, "--set", "mlpModel=" + mlp,
                "--split", split.toString(), "--out", neumf.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Run e = run("evaluate", "--model", neumf.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.parse(e.out());
        for (String key : new String[] {"hit@10", "ndcg@10", "sampled_hit@10", "sampled_ndcg@10"}) {
            assertThat(j.path(key).isNumber()).as(key + " in " + e.out()).isTrue();
        }
        // Ranking the target among 100 items is easier than among all of them.
        assertThat(j.path("sampled_hit@10").asDouble()).isGreaterThan(j.path("hit@10").asDouble());
        String user = firstUser(split.resolve("train.tsv"));
        Run byId = run("recommend", "--model", neumf.toString(), "--user", user, "-n", "5", "--json");
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(Json.parse(byId.out()).path("items").size()).isEqualTo(5);
        Run fold = run("recommend", "--model", neumf.toString(), "--items", "1,2,3", "-n", "5");
        assertThat(fold.code()).isEqualTo(1);
        assertThat(fold.err()).contains("cannot fold in").contains("--user");
        Run wrongType = run("train", "neumf", "--epochs", "1", "--set", "gmfModel=" + mlp, "--split", split.toString(),
                "--out", dir.resolve("x.recoder").toString());
        assertThat(wrongType.code()).isEqualTo(1);
        assertThat(wrongType.err()).contains(mlp.toString()).contains("not gmf");
        assertThat(j.has("selected_on_test")).as(e.out()).isFalse();

        // --select-on-test, labelled: the epoch kept is the one with the best ndcg@10 on the test targets, so the
        // saved model's best validation figure is its test figure, and evaluate says how it was chosen.
        Path onTest = dir.resolve("gmf-on-test.recoder");
        Run sel = run("train", "gmf", "--epochs", "3", "--validation-metric", "ndcg@10", "--select-on-test",
                "--split", split.toString(), "--out", onTest.toString());
        assertThat(sel.code()).as(sel.err()).isZero();
        assertThat(sel.err()).contains("--select-on-test").contains("TEST targets");
        Run selEval = run("evaluate", "--model", onTest.toString(), "--split", split.toString(), "--json");
        assertThat(selEval.code()).as(selEval.err()).isZero();
        JsonNode sj = Json.parse(selEval.out());
        assertThat(sj.path("selected_on_test").asBoolean()).as(selEval.out()).isTrue();
        assertThat(sj.path("model").path("provenance").path("split").path("selected_on_test").asBoolean()).isTrue();
        assertThat(sj.path("model").path("provenance").path("validationMetrics").path("validation_ndcg@10").asDouble())
                .isCloseTo(sj.path("ndcg@10").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        Run selText = run("evaluate", "--model", onTest.toString(), "--split", split.toString());
        assertThat(selText.out()).contains("selected on the test targets");
        Run closedForm = run("train", "ease", "--select-on-test", "--split", split.toString(), "--out", dir.resolve("e.recoder").toString());
        assertThat(closedForm.code()).isEqualTo(2);
        assertThat(closedForm.err()).contains("--select-on-test does not apply to ease");
    }

    @Test
    void benchNcfReportsPairsPerSecondAndRejectsWhatDoesNotApply() {
        Run b = run("bench", "ncf", "--preset", "small", "--model", "gmf", "--epochs", "1");
        assertThat(b.code()).as(b.err()).isZero();
        // Every interaction of the shape, each with 4 negatives: 5 pairs per interaction.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([\\d,]+) interactions.*?([\\d,]+) pairs an epoch").matcher(b.out());
        assertThat(m.find()).as(b.out()).isTrue();
        long interactions = Long.parseLong(m.group(1).replace(",", ""));
        assertThat(Long.parseLong(m.group(2).replace(",", ""))).isEqualTo(5 * interactions);
        assertThat(b.out()).contains("pairs/s").contains("kernels: ");
        Run sparseAlone = run("bench", "ncf", "--preset", "small", "--torch-sparse");
        assertThat(sparseAlone.code()).isEqualTo(2);
        assertThat(sparseAlone.err()).contains("only with --torch");
        Run pretrain = run("bench", "ncf", "--preset", "small", "--set", "pretrain=true");
        assertThat(pretrain.code()).isEqualTo(2);
        assertThat(pretrain.err()).contains("--model gmf, mlp");
        Run bpr = run("bench", "ncf", "--model", "bprmf");
        assertThat(bpr.code()).isEqualTo(2);
        assertThat(bpr.err()).contains("gmf, mlp or neumf");
    }

    private static String firstUser(Path tsv) {
        try (var lines = java.nio.file.Files.lines(tsv)) {
            return lines.filter(l -> !l.startsWith("user")).findFirst().map(l -> l.split("\t")[0]).orElse(null);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Test
    void badInputGivesOneLineErrorsAndNonZeroExit() throws Exception {
        Path bad = dir.resolve("u.data");
        Files.writeString(bad, "1\t2\t3\t4\n1\t3\tfive\t5\n");
        Run r = run("split", "strong", "--input", bad.toString(), "--format", "ml-100k", "--heldout-users", "1", "--out", dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("recoder: error: ").contains("u.data:2").contains("value is not a number").doesNotContain("\n");
        assertThat(dir.resolve("s")).doesNotExist();

        Run missing = run("train", "popularity", "--split", dir.toString(), "--out", dir.resolve("m").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("missing train.tsv");
        assertThat(dir.resolve("m")).doesNotExist();

        Files.writeString(dir.resolve("junk.recoder"), "not a model");
        Run junk = run("recommend", "--model", dir.resolve("junk.recoder").toString(), "--user", "1");
        assertThat(junk.code()).isEqualTo(1);
        assertThat(junk.err()).contains("not a Recoder model file");

        Run usage = run("split", "strong", "--input", bad.toString());
        assertThat(usage.code()).isEqualTo(2);
        // One error line and one hint, not the whole usage text.
        assertThat(usage.err().strip().split("\n")).containsExactly("recoder: error: Missing required options: '--out=<out>', '--heldout-users=<heldoutUsers>'",
                "see 'recoder split strong --help'");
        Run none = run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err().strip().split("\n")).hasSize(2);
        assertThat(none.err()).startsWith("recoder: error: a command is required").contains("see 'recoder --help'");

        Run wrongOption = run("train", "popularity", "--split", dir.toString(), "--lambda", "5", "--out", dir.resolve("m").toString());
        assertThat(wrongOption.code()).isEqualTo(2);
    }

    @Test
    void quickstartRunsOnTheEmbeddedDataset() {
        Run q = run("quickstart");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out()).contains("itemknn").contains("popularity").contains("ndcg@100").contains("multvae").contains("recommend (Mult-VAE) for new test user");
    }

    @Test
    void aSessionSplitTrainsAndEvaluatesThroughTheCli(@TempDir Path dir) throws java.io.IOException {
        // 40 sessions over 8 days on 6 items; every session revisits an item, so train.tsv holds repeated pairs.
        StringBuilder log = new StringBuilder("SessionId\tItemId\tTime\n");
        for (int s = 0; s < 40; s++) {
            long t = 1_400_000_000L + s * 17_280L;
            int a = s % 6, b = (s + 1) % 6;
            log.append(s).append('\t').append(a).append('\t').append(t).append('\n');
            log.append(s).append('\t').append(b).append('\t').append(t + 10).append('\n');
            log.append(s).append('\t').append(a).append('\t').append(t + 20).append('\n');
            log.append(s).append('\t').append((s + 2) % 6).append('\t').append(t + 30).append('\n');
        }
        Path in = dir.resolve("clicks.tsv");
        Files.writeString(in, log);
        Path split = dir.resolve("split");
        Run s = run("split", "session", "--input", in.toString(), "--format", "sessions", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readString(split.resolve("train.tsv")).lines().count() - 1).isEqualTo(136);
        for (String model : new String[] {"popularity", "itemknn", "sknn", "vsknn", "gru4rec", "narm"}) {
            Path file = dir.resolve(model + ".recoder");
            Run t = run("train", model, "--split", split.toString(), "--out", file.toString());
            assertThat(t.code()).as(model + ": " + t.err()).isZero();
            Run e = run("evaluate", "--model", file.toString(), "--split", split.toString(), "--json");
            assertThat(e.code()).as(model + ": " + e.err()).isZero();
            JsonNode j = Json.parse(e.out());
            // Sessions ending within a day of the last event (s34..s39: 6 of 4 events) are the test part: 18 targets.
            assertThat(j.path("events").asInt()).isEqualTo(18);
            assertThat(j.path("sessions").asInt()).isEqualTo(6);
            assertThat(j.path("ties").asString()).isEqualTo("conservative");
            assertThat(j.path("recall@20").asDouble()).isBetween(0.0, 1.0);
            assertThat(j.has("mrr@20")).isTrue();
        }
        // A named preset, with --set on top; an unknown one names the presets; a family without presets says so.
        Run preset = run("train", "gru4rec", "--preset", "diginetica", "--set", "layers=16", "--set", "samples=8",
                "--set", "input=ONE_HOT", "--epochs", "1", "--split", split.toString(), "--out", dir.resolve("dg.recoder").toString(), "--json");
        assertThat(preset.code()).as(preset.err()).isZero();
        JsonNode dg = Json.parse(preset.out()).path("config");
        assertThat(dg.path("loss").asString()).isEqualTo("BPR_MAX");
        assertThat(dg.path("batchSize").asInt()).isEqualTo(128);
        assertThat(dg.path("layers").asString()).isEqualTo("16");
        assertThat(dg.path("input").asString()).isEqualTo("ONE_HOT");
        Run unknown = run("train", "gru4rec", "--preset", "rsc", "--split", split.toString(), "--out", dir.resolve("u.recoder").toString());
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("--preset rsc: unknown preset 'rsc' for gru4rec (its presets: default, diginetica)");
        Run none = run("train", "sknn", "--preset", "x", "--split", split.toString(), "--out", dir.resolve("u.recoder").toString());
        assertThat(none.err()).contains("sknn has no presets");
        Run show = run("models", "show", "gru4rec");
        assertThat(show.out()).contains("preset diginetica: layers=512 loss=BPR_MAX batchSize=128 dropoutEmbed=0.5");
        // Six items and recall@20: every target is in the top 20 of every model that scores it at all.
        Run sk = run("evaluate", "--model", dir.resolve("sknn.recoder").toString(), "--split", split.toString(), "--json",
                "--metrics", "recall@20,mrr@1", "--ties", "standard");
        assertThat(Json.parse(sk.out()).path("recall@20").asDouble()).isEqualTo(1.0);
        Run bad = run("train", "multvae", "--split", split.toString(), "--out", dir.resolve("x.recoder").toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("does not fit a 'session' split");
        Run perUser = run("evaluate", "--model", dir.resolve("sknn.recoder").toString(), "--split", split.toString(),
                "--per-user", dir.resolve("u.tsv").toString());
        assertThat(perUser.code()).isNotZero();
        assertThat(perUser.err()).contains("--per-user does not apply to a session split");
        Run ties = run("evaluate", "--model", smallSplitModel(dir), "--split", dir.resolve("small/split").toString(), "--ties", "median");
        assertThat(ties.code()).isNotZero();
        assertThat(ties.err()).contains("--ties applies to session splits only");
    }

    private static String smallSplitModel(Path dir) {
        Path split = smallSplit(dir.resolve("small"));
        Path m = dir.resolve("small/pop.recoder");
        assertThat(run("train", "popularity", "--split", split.toString(), "--out", m.toString()).code()).isZero();
        return m.toString();
    }
}
