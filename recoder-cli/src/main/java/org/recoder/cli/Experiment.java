package org.recoder.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.recoder.api.Model;
import org.recoder.eval.MetricSpec;
import org.recoder.io.AtomicFiles;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.models.family.ModelFamily;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.train.EpochReport;
import tools.jackson.databind.JsonNode;

/**
 * Runs an experiment ({@link ExperimentSpec}) into its output directory:
 * <ol>
 *   <li><b>Splits</b>, one per seed (or one, with {@code split-seed}), as {@code recoder split PROTOCOL} makes them
 *   ({@code splits/seed-S}), or the
 *   given split directory.</li>
 *   <li><b>Selection</b> for each model with a search: every candidate configuration (the grid, or {@code trials}
 *   seeded random draws) is trained and scored on the validation part of the split <em>without its test part</em>
 *   ({@link Split#withoutTest}), so no test user can reach a trial; each finished trial is a file
 *   {@code trials/LABEL/seed-S/NNN.json}, written atomically.</li>
 *   <li><b>Final runs</b>: the best configuration by the validation {@code select} metric is trained once more and
 *   scored once on the test part ({@code final/LABEL/seed-S.json}, per-unit values in
 *   {@code per-user/LABEL/seed-S.tsv}).</li>
 *   <li><b>Summaries</b> ({@link ExperimentResults}): {@code results.json}, {@code results.md}, {@code report.html}.</li>
 * </ol>
 * A rerun with the same experiment file skips every trial and final run whose file exists, so an interrupted run
 * continues where it stopped; a different experiment file in the same directory is refused. Deterministic with the
 * seeds (random search draws from each seed and model label).
 */
final class Experiment {
    /** The cut-off of the report's popularity-bias view. */
    static final int EXPOSURE_K = 20;
    private final ExperimentSpec spec;
    private final Path out;
    private final int jobs;
    private final PrintWriter log;
    private final String command;
    private final long started = System.nanoTime();
    private int unitsDone;
    private int unitsRun;
    private int unitsTotal;
    /** Tests: fail like a crash once this many runs have finished in this call (0: never). */
    private int crashAfter;
    /** data.fetch resolved to its file and format, once: the downloader hashes the whole archive on every call. */
    private Fetched fetched;

    private record Fetched(Path file, String format) {
    }

    Experiment(ExperimentSpec spec, Path out, int jobs, PrintWriter log, String command) {
        this.spec = spec;
        this.out = out;
        this.jobs = jobs;
        this.log = log;
        this.command = command;
    }

    /** One trained and scored configuration (a trial on validation, or a final run with its test scores). */
    record Run(String model, String type, long seed, int index, Map<String, String> settings, Map<String, Double> validation,
               Map<String, Double> test, Map<String, Double> testStderr, int units, int epochs, int bestEpoch, double seconds,
               Object config, Object provenance, List<Map<String, Object>> curve, PartScores.Exposure exposure) {
    }

    /** For the resume test: end this run like a crash after {@code runs} trained runs. */
    Experiment crashingAfter(int runs) {
        this.crashAfter = runs;
        return this;
    }

    /**
     * Checks every configuration the experiment would train (hyperparameter names and values, presets, run options)
     * without reading data or training, and describes the plan: one line per model.
     */
    List<String> plan() {
        List<String> lines = new ArrayList<>();
        int total = 0;
        for (ExperimentSpec.ModelSpec m : spec.models()) {
            ModelFamily<?> family = Models.family(m.type());
            int trials = 0;
            for (long seed : spec.seeds()) {
                List<Map<String, String>> c = candidates(m, seed);
                for (Map<String, String> settings : c) {
                    try {
                        ModelTraining.configure(family, m.preset(), Map.of(), Map.of(), settings);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(spec.file() + ": " + m.label() + ": " + e.getMessage());
                    }
                }
                trials += trialRuns(c);
            }
            total += trials + spec.seeds().size();
            lines.add(String.format(Locale.ROOT, "%s (%s%s): %s, %s and %s", m.label(), m.type(),
                    m.preset() == null ? "" : ", preset " + m.preset(),
                    m.search().isEmpty() ? "no search" : m.method() + " search over " + String.join(", ", m.search().keySet()),
                    count(trials, "trial"), count(spec.seeds().size(), "final run")));
        }
        lines.add(count(total, "run") + " on " + count(spec.splitCount(), "split"));
        return lines;
    }

    /** Trials for these candidates: one per candidate when there is a choice, none for a single configuration. */
    private static int trialRuns(List<Map<String, String>> candidates) {
        return candidates.size() > 1 ? candidates.size() : 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Runs what is not done yet and writes the summaries. */
    ExperimentResults run() {
        prepare();
        Map<Long, Path> splits = new LinkedHashMap<>();
        for (long seed : spec.seeds()) {
            splits.put(seed, split(spec.splitOf(seed)));
        }
        List<ModelPlan> plans = new ArrayList<>();
        for (ExperimentSpec.ModelSpec m : spec.models()) {
            for (long seed : spec.seeds()) {
                ModelPlan p = new ModelPlan(m, seed, candidates(m, seed));
                plans.add(p);
                unitsTotal += trialRuns(p.candidates) + 1;
            }
        }
        List<Run> finals = new ArrayList<>();
        Map<String, List<Run>> trials = new LinkedHashMap<>();
        Map<Path, Split> read = new LinkedHashMap<>();
        String select = null;
        for (ModelPlan p : plans) {
            Split s = read.computeIfAbsent(splits.get(p.seed), SplitIO::read);
            List<MetricSpec> metrics = MetricSpec.parseList(spec.metrics() != null ? spec.metrics() : PartScores.defaultMetrics(s));
            select = select(metrics, s);
            List<Run> done = selection(p, s, metrics, select);
            trials.computeIfAbsent(p.model.label(), k -> new ArrayList<>()).addAll(done);
            Map<String, String> best = p.candidates.get(0);
            if (!done.isEmpty()) {
                Run winner = done.get(0);
                for (Run r : done) {
                    if (better(r.validation().get(select), winner.validation().get(select), select)) {
                        winner = r;
                    }
                }
                best = winner.settings();
            }
            finals.add(finalRun(p, s, metrics, select, best));
        }
        ExperimentResults results = new ExperimentResults(spec, command, select, finals, trials, out);
        results.write(out);
        return results;
    }

    private record ModelPlan(ExperimentSpec.ModelSpec model, long seed, List<Map<String, String>> candidates) {
    }

    private static boolean better(Double a, Double b, String metric) {
        if (a == null || a.isNaN()) {
            return false;
        }
        if (b == null || b.isNaN()) {
            return true;
        }
        return PartScores.higherIsBetter(metric) ? a > b : a < b;
    }

    private String select(List<MetricSpec> metrics, Split s) {
        if (spec.select() != null) {
            boolean known = metrics.stream().anyMatch(m -> m.toString().equals(spec.select()))
                    || (s.info().protocol().equals("ratings") && (spec.select().equals("rmse") || spec.select().equals("mae")));
            if (!known) {
                throw new IllegalArgumentException(spec.file() + ": select: '" + spec.select() + "' is not one of the metrics ("
                        + String.join(", ", metrics.stream().map(MetricSpec::toString).toList()) + ")");
            }
            return spec.select();
        }
        return metrics.stream().filter(m -> !m.isCoverage()).findFirst().orElseThrow().toString();
    }

    /** The output directory: a new one, or one holding this same experiment (resume). */
    private void prepare() {
        try {
            Files.createDirectories(out);
            Path copy = out.resolve("experiment.json");
            if (Files.exists(copy)) {
                if (!Files.readString(copy).equals(spec.text())) {
                    throw new IllegalArgumentException(out + " holds another experiment (its experiment.json differs from "
                            + spec.file() + "); give another --out, or --force to start it afresh");
                }
                log.printf(Locale.ROOT, "experiment %s: resuming in %s%n", spec.name(), out);
            } else {
                AtomicFiles.writeString(copy, spec.text());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
        }
        log.flush();
    }

    /** The split of {@code seed}: made once by {@code recoder split} (atomically), then reused. */
    private Path split(long seed) {
        if (spec.split() != null) {
            if (!Files.isRegularFile(spec.split().resolve("split.json"))) {
                throw new IllegalArgumentException(spec.file() + ": data.split: " + spec.split() + " is not a split directory (no split.json)");
            }
            return spec.split();
        }
        Path dir = out.resolve("splits").resolve("seed-" + seed);
        if (Files.isRegularFile(dir.resolve("split.json"))) {
            return dir;
        }
        Path input = spec.input();
        String format = spec.format();
        if (spec.fetch() != null) {
            if (fetched == null) {
                var source = org.recoder.data.fetch.DatasetRegistry.builtIn().get(spec.fetch());
                var got = new org.recoder.data.fetch.Downloader(org.recoder.data.fetch.Downloader.defaultCache()).fetch(source, null);
                if (got.mainFile() == null) {
                    throw new IllegalArgumentException(spec.file() + ": data.fetch: " + spec.fetch() + " has no main file to read; give data.input");
                }
                fetched = new Fetched(got.mainFile(), format != null ? format : source.format());
            }
            input = fetched.file();
            format = fetched.format();
        }
        List<String> args = new ArrayList<>(List.of("split", spec.protocol(), "--input", input.toString()));
        if (format != null) {
            args.addAll(List.of("--format", format));
        }
        args.addAll(List.of("--seed", Long.toString(seed), "--out", dir.toString(), "--force"));
        spec.params().forEach((name, value) -> {
            if (value instanceof Boolean b) {
                if (b) {
                    args.add("--" + name);
                }
            } else {
                args.addAll(List.of("--" + name, value.toString()));
            }
        });
        StringWriter err = new StringWriter();
        int code = RecoderCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
        if (code != 0) {
            String first = err.toString().lines().findFirst().orElse("exit code " + code).replaceFirst("^recoder: error: ", "");
            throw new IllegalArgumentException(spec.file() + ": protocol: " + first + " (as recoder " + String.join(" ", args) + ")");
        }
        log.printf(Locale.ROOT, "split %s seed %d: %s%n", spec.protocol(), seed, dir);
        log.flush();
        return dir;
    }

    /** The configurations to try: the fixed settings alone, or with each grid point or random draw. */
    private static List<Map<String, String>> candidates(ExperimentSpec.ModelSpec m, long seed) {
        List<Map<String, String>> out = new ArrayList<>();
        if (m.search().isEmpty()) {
            out.add(m.set());
            return out;
        }
        List<String> names = new ArrayList<>(m.search().keySet());
        if (m.method().equals("grid")) {
            List<Map<String, String>> grid = new ArrayList<>(List.of(new LinkedHashMap<>(m.set())));
            for (String n : names) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> g : grid) {
                    for (String v : m.search().get(n).points()) {
                        Map<String, String> c = new LinkedHashMap<>(g);
                        c.put(n, v);
                        next.add(c);
                    }
                }
                grid = next;
            }
            return grid;
        }
        SplittableRandom rng = new SplittableRandom(seed * 31 + m.label().hashCode());
        for (int t = 0; t < m.trials(); t++) {
            Map<String, String> c = new LinkedHashMap<>(m.set());
            for (String n : names) {
                c.put(n, m.search().get(n).draw(rng));
            }
            out.add(c);
        }
        return out;
    }

    /** Every trial of a searched model on the validation part, those already on disk read back; none without a search. */
    private List<Run> selection(ModelPlan p, Split s, List<MetricSpec> metrics, String select) {
        if (trialRuns(p.candidates) == 0) {
            return List.of();
        }
        if (s.validationPart().isEmpty() && s.sessionEvents().map(e -> e.validation() == null).orElse(true)) {
            throw new IllegalArgumentException(spec.file() + ": " + p.model.label() + " searches hyperparameters, but the split has "
                    + "no validation part to select on (give the protocol one, e.g. heldout-users, validation-fraction, validation-days)");
        }
        Split selectionSplit = s.withoutTest();
        Path dir = out.resolve("trials").resolve(p.model.label()).resolve("seed-" + p.seed);
        List<Run> runs = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int k = 0; k < p.candidates.size(); k++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "%03d.json", k));
            if (Files.exists(f)) {
                Run r = readRun(f);
                if (!r.settings().equals(p.candidates.get(k))) {
                    throw new IllegalStateException(f + " holds another configuration than the experiment's trial " + k);
                }
                runs.add(r);
                unitsDone++;
            } else {
                runs.add(null);
                todo.add(k);
            }
        }
        ExecutorService pool = jobs > 1 ? Executors.newFixedThreadPool(jobs) : null;
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int k : todo) {
                java.util.concurrent.Callable<Run> job = () -> {
                    Run r = train(p, k, p.candidates.get(k), selectionSplit, metrics, select, false);
                    AtomicFiles.writeString(dir.resolve(String.format(Locale.ROOT, "%03d.json", k)), Json.pretty(r));
                    progress(p, "trial " + (k + 1) + "/" + p.candidates.size(), r, select, r.validation());
                    return r;
                };
                if (pool == null) {
                    runs.set(k, job.call());
                } else {
                    futures.add(pool.submit(job));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                runs.set(todo.get(i), futures.get(i).get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return runs;
    }

    private Run finalRun(ModelPlan p, Split s, List<MetricSpec> metrics, String select, Map<String, String> settings) {
        Path f = out.resolve("final").resolve(p.model.label()).resolve("seed-" + p.seed + ".json");
        if (Files.exists(f)) {
            unitsDone++;
            return readRun(f);
        }
        if (s.testPart().isEmpty() && s.sessionEvents().map(e -> e.test() == null).orElse(true)) {
            throw new IllegalArgumentException(spec.file() + ": the split has no test part to report on");
        }
        Run r = train(p, -1, settings, s, metrics, select, true);
        AtomicFiles.writeString(f, Json.pretty(r));
        progress(p, "final", r, null, r.test());
        return r;
    }

    /** Trains one configuration and scores it on validation (when there is one) and, for a final run, on test. */
    private Run train(ModelPlan p, int index, Map<String, String> settings, Split s, List<MetricSpec> metrics, String select,
                      boolean test) {
        ModelFamily<?> family = Models.family(p.model.type());
        return trainAs(family, p, index, settings, s, metrics, select, test);
    }

    private <C extends Record> Run trainAs(ModelFamily<C> family, ModelPlan p, int index, Map<String, String> settings, Split s,
                                           List<MetricSpec> metrics, String select, boolean test) {
        String where = spec.file() + ": " + p.model.label();
        C config;
        try {
            config = ModelTraining.configure(family, p.model.preset(), Map.of(), Map.of(), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        String protocol = s.info().protocol();
        if (!protocol.equals("unknown") && !family.protocols().contains(protocol)) {
            throw new IllegalArgumentException(where + ": " + family.type() + " does not fit a '" + protocol + "' split");
        }
        String validationMetric = null;
        if (family.iterative() && !family.capabilities().contains(org.recoder.api.Capability.RATINGS)) {
            validationMetric = select;
            if (!PartScores.higherIsBetter(validationMetric)) {
                validationMetric = null;
            }
        }
        ModelTraining.RunOptions o = new ModelTraining.RunOptions(family.seeded() ? spec.trainOf(p.seed) : null, p.model.patience(),
                validationMetric, null);
        ModelTraining.Trained t = ModelTraining.train(family, config, o, s.trainingData(family.preparation()), false);
        Model m = t.model();
        int threads = org.recoder.util.Parallel.threads();
        boolean hasValidation = s.validationPart().isPresent() || s.sessionEvents().map(e -> e.validation() != null).orElse(false);
        Map<String, Double> validation = hasValidation ? PartScores.of(m, s, "validation", metrics, threads).means() : Map.of();
        Map<String, Double> testMeans = null;
        Map<String, Double> testStderr = null;
        int units = 0;
        PartScores.Exposure exposure = null;
        if (test) {
            PartScores ps = PartScores.of(m, s, "test", metrics, threads, EXPOSURE_K);
            exposure = ps.exposure();
            testMeans = ps.means();
            testStderr = ps.stderr();
            units = ps.units();
            writePerUnit(out.resolve("per-user").resolve(p.model.label()).resolve("seed-" + p.seed + ".tsv"), ps);
        }
        List<Map<String, Object>> curve = new ArrayList<>();
        int bestEpoch = 0;
        if (t.curve() != null) {
            for (EpochReport e : t.curve().reports()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e.epoch());
                row.put("loss", e.loss());
                row.put("validation", Double.isNaN(e.validation()) ? null : e.validation());
                curve.add(row);
                if (e.best()) {
                    bestEpoch = e.epoch();
                }
            }
        }
        return new Run(p.model.label(), family.type(), p.seed, index, settings, validation, testMeans, testStderr, units,
                curve.size(), bestEpoch, m.provenance().trainSeconds(), m.config(), m.provenance(), curve, exposure);
    }

    private static void writePerUnit(Path file, PartScores ps) {
        StringBuilder b = new StringBuilder("unit");
        ps.perUnit().keySet().forEach(k -> b.append('\t').append(k));
        b.append('\n');
        int n = ps.perUnit().isEmpty() ? 0 : ps.perUnit().values().iterator().next().length;
        for (int u = 0; u < n; u++) {
            b.append(u);
            for (double[] v : ps.perUnit().values()) {
                b.append('\t').append(String.format(Locale.ROOT, "%.6f", v[u]));
            }
            b.append('\n');
        }
        AtomicFiles.writeString(file, b.toString());
    }

    private static Run readRun(Path f) {
        try {
            JsonNode n = Json.parse(Files.readString(f));
            return Json.convert(n, Run.class);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f + " (delete it to redo that run): " + e.getMessage(), e);
        }
    }

    private synchronized void progress(ModelPlan p, String what, Run r, String metric, Map<String, Double> scores) {
        unitsDone++;
        unitsRun++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        int left = unitsTotal - unitsDone;
        double eta = elapsed / unitsRun * left;
        String shown = scores == null ? "" : String.join(", ", scores.entrySet().stream()
                .filter(e -> metric == null || e.getKey().equals(metric))
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).toList());
        log.printf(Locale.ROOT, "[%s | seed %d | %s | %s] %s: %s (%.1f s%s) · %d/%d done, ETA %s%n", spec.name(), p.seed, p.model.label(),
                what, r.settings().isEmpty() ? "defaults" : Json.compact(r.settings()), shown, r.seconds(),
                r.epochs() > 0 ? ", " + r.epochs() + " epochs" : "", unitsDone, unitsTotal, clock(eta));
        log.flush();
        if (crashAfter > 0 && unitsRun >= crashAfter) {
            throw new IllegalStateException("simulated crash after " + unitsRun + " runs");
        }
    }

    /** Runs trained in this call (not read back from an earlier one). */
    int runsTrained() {
        return unitsRun;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
