package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.recoder.cli.CliTest.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.io.Json;
import tools.jackson.databind.JsonNode;

class ExperimentTest {
    @TempDir
    Path dir;

    /** The synthetic 'small' preset (3,000 users × 1,500 items) as a ratings.csv. */
    private Path ratings() {
        Path csv = dir.resolve("ratings.csv");
        if (!Files.exists(csv)) {
            assertThat(run("data", "synth", "--preset", "small", "--out", csv.toString()).code()).isZero();
        }
        return csv;
    }

    private Path write(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private String fromRatings(String models, String seeds) {
        return """
                {"name": "small", "data": {"input": "%s", "format": "ml-20m"},
                 "protocol": {"name": "strong", "threshold": 3.5, "heldout-users": 0.1},
                 "seeds": %s, "models": [%s]}
                """.formatted(ratings().toString().replace("\\", "\\\\"), seeds, models);
    }

    private static JsonNode json(Path f) throws Exception {
        return Json.parse(Files.readString(f));
    }

    /**
     * Two seeds, a grid search for EASE, popularity and a model trained by epochs: the tables, the paired tests, the
     * per-user files and the report, whose selection is the best validation trial; the report renders in headless
     * Chromium with its table and every chart, and without console errors.
     */
    @Test
    void runsSelectsOnValidationAndWritesTablesAndAReport() throws Exception {
        Path file = write("e.json", fromRatings("""
                {"type": "popularity"},
                {"type": "ease", "search": {"lambda": [20, 200, 2000]}},
                {"type": "multdae", "label": "dae", "set": {"epochs": 3}}""", "[1, 2]"));
        Path out = dir.resolve("out");
        CliTest.Run r = run("experiment", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("[small | seed 1 | ease | trial 1/3] {\"lambda\":\"20\"}: ndcg@100 ").contains("ETA");
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("| model | ndcg@100 | recall@20 | recall@50 | fit s | epochs | hyperparameters |")
                .contains("| popularity | ").contains("| dae | ").contains("3 of 3")
                .contains("## Paired tests against the best model, seed 1").contains("## Hyperparameter search (validation ndcg@100)");
        assertThat(r.out()).startsWith("# small");
        JsonNode res = json(out.resolve("results.json"));
        assertThat(res.path("final").size()).isEqualTo(6);
        assertThat(res.path("trials").path("ease").size()).isEqualTo(6);
        for (long seed : new long[] {1, 2}) {
            // The chosen λ is the trial with the best validation NDCG@100.
            String bestLambda = null;
            double bestValue = -1;
            for (int k = 0; k < 3; k++) {
                JsonNode t = json(out.resolve("trials/ease/seed-" + seed + "/00" + k + ".json"));
                assertThat(t.path("test").isNull()).isTrue();
                double v = t.path("validation").path("ndcg@100").asDouble();
                if (v > bestValue) {
                    bestValue = v;
                    bestLambda = t.path("settings").path("lambda").asString();
                }
            }
            JsonNode fin = json(out.resolve("final/ease/seed-" + seed + ".json"));
            assertThat(fin.path("settings").path("lambda").asString()).isEqualTo(bestLambda);
            assertThat(fin.path("validation").path("ndcg@100").asDouble()).isEqualTo(bestValue);
            int users = fin.path("units").asInt();
            long withHeldOut = Files.readAllLines(out.resolve("splits/seed-" + seed + "/test_holdout.tsv")).stream().skip(1)
                    .map(l -> l.split("\t")[0]).distinct().count();
            assertThat(users).isEqualTo((int) withHeldOut).isGreaterThan(200);
            List<String> perUser = Files.readAllLines(out.resolve("per-user/ease/seed-" + seed + ".tsv"));
            assertThat(perUser).hasSize(users + 1);
            assertThat(perUser.get(0)).isEqualTo("unit\tndcg@100\trecall@20\trecall@50");
            // The mean of the per-user file is the reported test mean.
            double sum = 0;
            for (String line : perUser.subList(1, perUser.size())) {
                sum += Double.parseDouble(line.split("\t")[1]);
            }
            assertThat(sum / users).isCloseTo(fin.path("test").path("ndcg@100").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(fin.path("exposure").path("deciles").size()).isEqualTo(10);
        }
        String html = Files.readString(out.resolve("report.html"));
        List<String> charts = List.of("bars-ndcg_100", "bars-recall_20", "bars-recall_50", "curves", "search-ease-lambda", "exposure",
                "box-ndcg_100");
        for (String id : charts) {
            assertThat(html).contains("<svg id=\"" + id + "\"");
        }
        assertThat(html).contains("<table id=\"results\">").doesNotContain("<script");
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium is not installed (.ci/run installs it)");
        Path shots = Path.of("target", "experiment-report");
        Files.createDirectories(shots);
        String[] dom = chromium(chromium, out.resolve("report.html"), "--dump-dom");
        assertThat(dom[0]).contains("<table id=\"results\">").contains("<td>ease</td>");
        for (String id : charts) {
            assertThat(dom[0]).contains("<svg id=\"" + id + "\"");
        }
        assertThat(dom[1].lines().filter(l -> l.contains(":CONSOLE(")).toList()).isEmpty();
        Path png = shots.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(chromium, out.resolve("report.html"), "--screenshot=" + png, "--window-size=1100,3200");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private String[] chromium(Path chromium, Path page, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String[] {Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8)};
    }

    /**
     * The same split twice, the second with its test part replaced (the test users' fold-in and held-out rows
     * swapped): every trial's validation scores and every choice are the same, the test scores are not. Selection
     * never reads a test user.
     */
    @Test
    void selectionNeverSeesTheTestUsers() throws Exception {
        Path a = CliTest.smallSplit(dir.resolve("a"));
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        try (Stream<Path> files = Files.list(a)) {
            for (Path f : files.toList()) {
                Files.copy(f, b.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(a.resolve("test_foldin.tsv"), b.resolve("test_holdout.tsv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(a.resolve("test_holdout.tsv"), b.resolve("test_foldin.tsv"), StandardCopyOption.REPLACE_EXISTING);
        String models = """
                {"type": "ease", "search": {"lambda": [20, 200, 2000]}},
                {"type": "multdae", "set": {"epochs": 2}, "search": {"dropout": [0.2, 0.5]}}""";
        for (String name : List.of("a", "b")) {
            Path split = name.equals("a") ? a : b;
            Path file = write("e-" + name + ".json", """
                    {"data": {"split": "%s"}, "seeds": [5], "models": [%s]}""".formatted(split.toString().replace("\\", "\\\\"), models));
            CliTest.Run r = run("experiment", file.toString(), "--out", dir.resolve("out-" + name).toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        for (String label : List.of("ease", "multdae")) {
            try (Stream<Path> trials = Files.list(dir.resolve("out-a/trials/" + label + "/seed-5"))) {
                List<Path> list = trials.toList();
                assertThat(list).hasSize(label.equals("ease") ? 3 : 2);
                for (Path t : list) {
                    JsonNode x = json(t);
                    JsonNode y = json(dir.resolve("out-b/trials/" + label + "/seed-5").resolve(t.getFileName()));
                    assertThat(y.path("validation")).isEqualTo(x.path("validation"));
                    assertThat(y.path("settings")).isEqualTo(x.path("settings"));
                }
            }
            JsonNode fa = json(dir.resolve("out-a/final/" + label + "/seed-5.json"));
            JsonNode fb = json(dir.resolve("out-b/final/" + label + "/seed-5.json"));
            assertThat(fb.path("settings")).isEqualTo(fa.path("settings"));
            assertThat(fb.path("validation")).isEqualTo(fa.path("validation"));
            assertThat(fb.path("test").path("ndcg@100").asDouble()).isNotEqualTo(fa.path("test").path("ndcg@100").asDouble());
        }
    }

    /**
     * A run that dies after two trials, then the same experiment again: the two finished trials are read back, not
     * redone (their files untouched), the rest run, and the results equal an uninterrupted run's.
     */
    @Test
    void resumesAfterACrashWithoutRedoingFinishedRuns() throws Exception {
        Path file = write("e.json", fromRatings("""
                {"type": "ease", "search": {"lambda": [20, 200, 2000]}},
                {"type": "popularity"}""", "[3]"));
        ExperimentSpec spec = ExperimentSpec.read(file);
        Path out = dir.resolve("out");
        PrintWriter log = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> new Experiment(spec, out, 1, log, "test").crashingAfter(2).run())
                .hasMessageContaining("simulated crash after 2 runs");
        Path t0 = out.resolve("trials/ease/seed-3/000.json");
        Path t1 = out.resolve("trials/ease/seed-3/001.json");
        assertThat(out.resolve("trials/ease/seed-3/002.json")).doesNotExist();
        assertThat(out.resolve("results.json")).doesNotExist();
        String before0 = Files.readString(t0);
        long time0 = Files.getLastModifiedTime(t0).toMillis();
        String before1 = Files.readString(t1);
        Thread.sleep(20);
        StringWriter resumedLog = new StringWriter();
        Experiment resumed = new Experiment(spec, out, 1, new PrintWriter(resumedLog), "test");
        resumed.run();
        // Three runs were left: the last trial and the two final runs.
        assertThat(resumed.runsTrained()).isEqualTo(3);
        assertThat(resumedLog.toString()).contains("resuming in " + out).doesNotContain("trial 1/3").doesNotContain("trial 2/3").contains("trial 3/3");
        assertThat(Files.readString(t0)).isEqualTo(before0);
        assertThat(Files.getLastModifiedTime(t0).toMillis()).isEqualTo(time0);
        assertThat(Files.readString(t1)).isEqualTo(before1);
        Path fresh = dir.resolve("fresh");
        new Experiment(spec, fresh, 2, new PrintWriter(new StringWriter()), "test").run();
        for (String label : List.of("ease", "popularity")) {
            assertThat(json(out.resolve("final/" + label + "/seed-3.json")).path("test"))
                    .isEqualTo(json(fresh.resolve("final/" + label + "/seed-3.json")).path("test"));
        }
        // Another experiment file in the same directory is refused.
        Path other = write("other.json", fromRatings("{\"type\": \"popularity\"}", "[3]"));
        CliTest.Run r = run("experiment", other.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(out + " holds another experiment");
    }

    /**
     * {@code split-seed}: one split, every model trained with each seed on it. A seeded model differs between seeds
     * on the same test users; an unseeded one gives the same scores each time.
     */
    @Test
    void oneSplitWithSeveralTrainingSeeds() throws Exception {
        String json = fromRatings("""
                {"type": "popularity"},
                {"type": "multdae", "label": "dae", "set": {"epochs": 2}}""", "[7, 8]").replace("\"seeds\"", "\"split-seed\": 1, \"seeds\"");
        Path file = write("one-split.json", json);
        CliTest.Run plan = run("experiment", file.toString(), "--out", dir.resolve("never").toString(), "--dry-run");
        assertThat(plan.out()).as(plan.err()).contains("4 runs on 1 split");
        Path out = dir.resolve("one");
        CliTest.Run r = run("experiment", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(out.resolve("splits"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("seed-1");
        }
        JsonNode dae7 = json(out.resolve("final/dae/seed-7.json"));
        JsonNode dae8 = json(out.resolve("final/dae/seed-8.json"));
        assertThat(dae8.path("units").asInt()).isEqualTo(dae7.path("units").asInt());
        assertThat(dae8.path("test").path("ndcg@100").asDouble()).isNotEqualTo(dae7.path("test").path("ndcg@100").asDouble());
        assertThat(json(out.resolve("final/popularity/seed-8.json")).path("test"))
                .isEqualTo(json(out.resolve("final/popularity/seed-7.json")).path("test"));
        assertThat(Files.readAllLines(out.resolve("per-user/dae/seed-8.tsv")).stream().map(l -> l.split("\t")[0]).toList())
                .isEqualTo(Files.readAllLines(out.resolve("per-user/dae/seed-7.tsv")).stream().map(l -> l.split("\t")[0]).toList());
        // train-seed, the other way round: the split of seed 1 trained with seed 7 is the run above, bit for bit.
        Path other = write("one-train-seed.json", fromRatings("""
                {"type": "multdae", "label": "dae", "set": {"epochs": 2}}""", "[1, 2]").replace("\"seeds\"", "\"train-seed\": 7, \"seeds\""));
        Path out2 = dir.resolve("two");
        CliTest.Run r2 = run("experiment", other.toString(), "--out", out2.toString());
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(json(out2.resolve("final/dae/seed-1.json")).path("test")).isEqualTo(dae7.path("test"));
        assertThat(json(out2.resolve("final/dae/seed-2.json")).path("test")).isNotEqualTo(dae7.path("test"));
    }

    /**
     * {@code protocol.repeats} on a ratings split: each repeat is a unit with its own final runs, its split the one
     * {@code recoder split ratings --repeats} writes, and {@code "spread": "ci95"} puts the 95% confidence interval
     * of the repeats' mean after ±.
     */
    @Test
    void ratingRepeatsAreUnitsWithAConfidenceInterval() throws Exception {
        Path file = write("repeats.json", """
                {"name": "repeats", "data": {"input": "%s", "format": "ml-20m"},
                 "protocol": {"name": "ratings", "repeats": 3}, "seeds": [5], "spread": "ci95",
                 "models": [{"type": "ratingmean", "label": "item-mean", "set": {"by": "ITEM"}}, {"type": "ratingmean", "label": "global"}]}
                """.formatted(ratings().toString().replace("\\", "\\\\")));
        CliTest.Run plan = run("experiment", file.toString(), "--out", dir.resolve("never").toString(), "--dry-run");
        assertThat(plan.out()).as(plan.err()).contains("6 runs on 3 splits");
        Path out = dir.resolve("rep");
        CliTest.Run r = run("experiment", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> s = Files.list(out.resolve("splits/seed-5"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("repeat-1", "repeat-2", "repeat-3");
        }
        double[] rmse = new double[3];
        for (int k = 1; k <= 3; k++) {
            rmse[k - 1] = json(out.resolve("final/item-mean/seed-5-repeat-" + k + ".json")).path("test").path("rmse").asDouble();
        }
        assertThat(rmse[1]).isNotEqualTo(rmse[0]);
        // The second repeat is recoder split's own repeat-2: the model trained and scored outside the experiment agrees.
        Path direct = dir.resolve("direct");
        assertThat(run("split", "ratings", "--input", ratings().toString(), "--format", "ml-20m", "--seed", "5", "--repeats", "3",
                "--out", direct.toString()).code()).isZero();
        Path model = dir.resolve("item-mean.recoder");
        assertThat(run("train", "ratingmean", "--set", "by=ITEM", "--split", direct.resolve("repeat-2").toString(), "--out", model.toString()).code()).isZero();
        CliTest.Run ev = run("evaluate", "--model", model.toString(), "--split", direct.resolve("repeat-2").toString(), "--json");
        assertThat(json(write("ev.json", ev.out())).path("rmse").asDouble()).isCloseTo(rmse[1], org.assertj.core.api.Assertions.within(1e-9));
        // mean ± t(0.975, 2) · sd / √3, with t(0.975, 2) = 4.302653 from the tables.
        double mean = (rmse[0] + rmse[1] + rmse[2]) / 3;
        double sd = Math.sqrt(((rmse[0] - mean) * (rmse[0] - mean) + (rmse[1] - mean) * (rmse[1] - mean) + (rmse[2] - mean) * (rmse[2] - mean)) / 2);
        String md = Files.readString(out.resolve("results.md"));
        assertThat(md).contains("mean ± the 95% confidence interval (Student's t, 2 degrees of freedom) over the 3 repeats")
                .contains(String.format(java.util.Locale.ROOT, "%.4f ± %.4f", mean, 4.302653 * sd / Math.sqrt(3)))
                .contains("seed 5, repeat 3");
        assertThat(json(out.resolve("results.json")).path("repeats").asInt()).isEqualTo(3);
        assertThat(md).contains("selected on validation rmse");
    }

    /** The learning curve in a final run carries the trainer's own per-epoch figures: Mult-VAE's β, which a β choice reads. */
    @Test
    void learningCurvesCarryTheTrainersExtras() throws Exception {
        Path file = write("beta.json", fromRatings("""
                {"type": "multvae", "label": "vae", "set": {"epochs": 2, "betaCap": 1, "annealSteps": 10}}""", "[1]"));
        Path out = dir.resolve("beta");
        CliTest.Run r = run("experiment", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode curve = json(out.resolve("final/vae/seed-1.json")).path("curve");
        assertThat(curve.size()).isEqualTo(2);
        double b1 = curve.get(0).path("beta").asDouble();
        double b2 = curve.get(1).path("beta").asDouble();
        assertThat(b1).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(b2).isGreaterThan(b1).isLessThanOrEqualTo(1);
    }

    /**
     * Successive halving: four candidates one epoch each, the better two by validation two epochs each, and the
     * better of those is chosen and trained its full four epochs by the final run.
     */
    @Test
    void successiveHalvingKeepsTheBetterHalfEachRung() throws Exception {
        Path file = write("halving.json", fromRatings("""
                {"type": "multdae", "label": "dae", "set": {"epochs": 4},
                 "search": {"learningRate": [0.00001, 0.0001, 0.001, 0.01]}, "halving": {"min-epochs": 1, "eta": 2}}""", "[3]"));
        CliTest.Run plan = run("experiment", file.toString(), "--out", dir.resolve("never").toString(), "--dry-run");
        assertThat(plan.out()).as(plan.err()).contains("with successive halving (1 epoch × 4, 2 epochs × 2)").contains("6 trials and 1 final run");
        Path out = dir.resolve("halving");
        CliTest.Run r = run("experiment", file.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("| dae | rung 2/2 (2 epochs), candidate ");
        Path trials = out.resolve("trials/dae/seed-3");
        double[] first = new double[4];
        for (int k = 0; k < 4; k++) {
            JsonNode t = json(trials.resolve(String.format("%03d.json", k)));
            assertThat(t.path("settings").path("epochs").asString()).isEqualTo("1");
            assertThat(t.path("epochs").asInt()).isEqualTo(1);
            first[k] = t.path("validation").path("ndcg@100").asDouble();
        }
        List<Integer> byScore = new java.util.ArrayList<>(List.of(0, 1, 2, 3));
        byScore.sort((a, b) -> Double.compare(first[b], first[a]));
        List<Integer> kept = byScore.subList(0, 2).stream().sorted().toList();
        List<String> second;
        try (Stream<Path> s = Files.list(trials)) {
            second = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rung-2-")).sorted().toList();
        }
        assertThat(second).containsExactly(String.format("rung-2-%03d.json", kept.get(0)), String.format("rung-2-%03d.json", kept.get(1)));
        JsonNode a = json(trials.resolve(second.get(0)));
        JsonNode b = json(trials.resolve(second.get(1)));
        assertThat(a.path("epochs").asInt()).isEqualTo(2);
        JsonNode winner = a.path("validation").path("ndcg@100").asDouble() >= b.path("validation").path("ndcg@100").asDouble() ? a : b;
        JsonNode fin = json(out.resolve("final/dae/seed-3.json"));
        assertThat(fin.path("settings").path("learningRate").asString()).isEqualTo(winner.path("settings").path("learningRate").asString());
        assertThat(fin.path("settings").path("epochs").asString()).isEqualTo("4");
        assertThat(fin.path("epochs").asInt()).isEqualTo(4);
        assertThat(json(out.resolve("results.json")).path("trials").path("dae").size()).isEqualTo(6);
    }

    /** A file option of the protocol (session's test-input) is relative to the experiment file, as data.input is. */
    @Test
    void protocolFileOptionsAreRelativeToTheExperimentFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path f = sub.resolve("s.json");
        Files.writeString(f, """
                {"data": {"input": "train.txt", "format": "session-rec"},
                 "protocol": {"name": "session", "test-input": "test.txt"}, "models": [{"type": "sknn"}]}""");
        ExperimentSpec spec = ExperimentSpec.read(f);
        assertThat(spec.input()).isEqualTo(sub.toAbsolutePath().resolve("train.txt"));
        assertThat(spec.params()).containsEntry("test-input", sub.toAbsolutePath().resolve("test.txt").toString());
    }

    /** Every experiment file the project ships checks out: fields, protocol options, hyperparameter names and values. */
    @Test
    void theShippedExperimentFilesCheckOut() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "experiments"))) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(43);
        for (Path f : files) {
            CliTest.Run r = run("experiment", f.toString(), "--out", dir.resolve("never").toString(), "--dry-run");
            assertThat(r.code()).as(f + ": " + r.err()).isZero();
            assertThat(r.out()).as(f.toString()).containsPattern(" runs? on ");
        }
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void experimentFileErrorsNameTheFileAndField() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        String data = "\"data\": {\"input\": \"x.csv\"}, \"protocol\": {\"name\": \"strong\", \"heldout-users\": 0.1}";
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"lamda\": 3}]}", "models[0].lamda: unknown field");
        cases.put("{" + data + ", \"models\": [{\"type\": \"nope\"}]}", "models[0].type: unknown model 'nope'");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"patience\": 3}]}",
                "models[0].patience: does not apply to ease (not trained by epochs)");
        cases.put("{" + data + ", \"split-seed\": \"one\", \"models\": [{\"type\": \"ease\"}]}", "split-seed: must be an integer");
        cases.put("{\"data\": {\"split\": \"s\"}, \"split-seed\": 1, \"models\": [{\"type\": \"ease\"}]}",
                "split-seed: does not apply to data.split");
        cases.put("{" + data + ", \"split-seed\": 1, \"train-seed\": 2, \"models\": [{\"type\": \"ease\"}]}",
                "train-seed: does not apply with split-seed");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\"}, {\"type\": \"ease\"}]}", "models[1].label: repeats the label 'ease'");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"search\": {\"lambda\": {\"log-uniform\": [1, 1000]}}}]}",
                "models[0].search.lambda: a uniform or log-uniform interval needs method random");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"trials\": 2, \"search\": {\"lambda\": [1, 2, 3]}}]}",
                "models[0].trials: the grid has 3 points, more than the budget of 2");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"set\": {\"lambda\": 1}, \"search\": {\"lambda\": [1, 2]}}]}",
                "models[0].search.lambda: is also fixed in models[0].set");
        cases.put("{\"data\": {\"input\": \"x.csv\"}, \"protocol\": {\"name\": \"weak\"}, \"models\": [{\"type\": \"ease\"}]}",
                "protocol.name: unknown protocol 'weak'");
        cases.put("{\"data\": {\"input\": \"x.csv\"}, \"protocol\": {\"name\": \"strong\", \"seed\": 3}, \"models\": [{\"type\": \"ease\"}]}",
                "protocol.seed: is set by the experiment itself");
        cases.put("{" + data + ", \"seeds\": [1, 1], \"models\": [{\"type\": \"ease\"}]}", "seeds[1]: repeats seed 1");
        cases.put("{" + data + ", \"models\": []}", "models: must be a non-empty list");
        cases.put("{" + data + ", \"metrics\": \"ndcg@x\", \"models\": [{\"type\": \"ease\"}]}", "metrics: ");
        cases.put("[1]", "the file must hold one JSON object");
        cases.put("{" + data + ", \"models\": [{\"type\": \"ease\", \"search\": {\"lambda\": [1, 2]}, \"halving\": {\"min-epochs\": 1}}]}",
                "models[0].halving: does not apply to ease (it has no epochs hyperparameter to halve on)");
        cases.put("{" + data + ", \"models\": [{\"type\": \"multdae\", \"halving\": {\"min-epochs\": 1}}]}",
                "models[0].halving: applies only with a search");
        cases.put("{" + data + ", \"models\": [{\"type\": \"multdae\", \"search\": {\"epochs\": [1, 2]}, \"halving\": {\"min-epochs\": 1}}]}",
                "models[0].search.epochs: does not apply with halving");
        cases.put("{" + data + ", \"models\": [{\"type\": \"multdae\", \"search\": {\"dropout\": [0.1, 0.2]}, \"halving\": {\"min-epochs\": 1, \"eta\": 1}}]}",
                "models[0].halving.eta: must be an integer ≥ 2");
        cases.put("{\"data\": {\"input\": \"x.csv\"}, \"protocol\": {\"name\": \"strong\", \"repeats\": 2}, \"models\": [{\"type\": \"ease\"}]}",
                "protocol.repeats: recoder split strong has no option --repeats");
        cases.put("{\"data\": {\"input\": \"x.csv\"}, \"protocol\": {\"name\": \"ratings\", \"repeats\": 0}, \"models\": [{\"type\": \"ease\"}]}",
                "protocol.repeats: must be an integer ≥ 1");
        cases.put("{" + data + ", \"spread\": \"se\", \"models\": [{\"type\": \"ease\"}]}", "spread: unknown spread 'se'");
        int k = 0;
        for (var c : cases.entrySet()) {
            Path f = write("bad" + k++ + ".json", c.getKey());
            assertThatThrownBy(() -> ExperimentSpec.read(f)).as(c.getKey()).hasMessageContaining(f.toString()).hasMessageContaining(c.getValue());
        }
        // A protocol option that recoder split does not know fails naming it, before any training.
        Path f = write("opt.json", fromRatings("{\"type\": \"popularity\"}", "[1]").replace("\"threshold\": 3.5", "\"treshold\": 3.5"));
        CliTest.Run r = run("experiment", f.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("opt.json: protocol.treshold: recoder split strong has no option --treshold (its options: ")
                .contains("threshold");
        assertThat(dir.resolve("o")).doesNotExist();
        // A hyperparameter the model lacks fails naming the model.
        Path g = write("hp.json", fromRatings("{\"type\": \"ease\", \"set\": {\"latent\": 3}}", "[1]"));
        CliTest.Run h = run("experiment", g.toString(), "--out", dir.resolve("o2").toString());
        assertThat(h.code()).isEqualTo(1);
        assertThat(h.err()).contains(": ease: ").contains("latent");
    }
}
