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
    /** The terminal's progress bar while {@link #run} trains (inactive without a terminal, and otherwise). */
    private ExperimentProgress display = ExperimentProgress.none();
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
    record Run(String model, String type, long seed, int repeat, int index, Map<String, String> settings, Map<String, Double> validation,
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
            for (ExperimentSpec.Unit u : spec.units()) {
                List<Map<String, String>> c = candidates(m, u);
                for (Map<String, String> settings : c) {
                    try {
                        ModelTraining.configure(family, m.preset(), Map.of(), Map.of(), settings);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(spec.file() + ": " + m.label() + ": " + e.getMessage());
                    }
                }
                trials += trialRuns(m, c);
            }
            total += trials + spec.units().size();
            lines.add(String.format(Locale.ROOT, "%s (%s%s): %s, %s and %s", m.label(), m.type(),
                    m.preset() == null ? "" : ", preset " + m.preset(),
                    m.search().isEmpty() ? "no search" : m.method() + " search over " + String.join(", ", m.search().keySet())
                            + (m.halving() == null ? "" : " with successive halving (" + rungsText(m) + ")"),
                    count(trials, "trial"), count(spec.units().size(), "final run")));
        }
        lines.add(count(total, "run") + " on " + count(spec.splitCount(), "split"));
        return lines;
    }

    /**
     * Trials for these candidates: none for a single configuration; one per candidate, or with successive halving
     * one per candidate and rung it reaches.
     */
    private static int trialRuns(ExperimentSpec.ModelSpec m, List<Map<String, String>> candidates) {
        if (candidates.size() <= 1) {
            return 0;
        }
        if (m.halving() == null) {
            return candidates.size();
        }
        return m.halving().rungs(candidates.size(), maxEpochs(m, candidates.get(0))).stream().mapToInt(r -> r[1]).sum();
    }

    /** The epochs a candidate of {@code m} trains without halving: its own {@code epochs} (fixed, preset or default). */
    private static int maxEpochs(ExperimentSpec.ModelSpec m, Map<String, String> settings) {
        Record c = ModelTraining.configure(Models.family(m.type()), m.preset(), Map.of(), Map.of(), settings);
        return ((Number) org.recoder.api.Hyperparameters.get(c, "epochs")).intValue();
    }

    /** "1 epoch × 8, 3 × 2, 9 × 1" for the plan. */
    private static String rungsText(ExperimentSpec.ModelSpec m) {
        List<Map<String, String>> c = candidates(m, new ExperimentSpec.Unit(0, 0));
        if (c.size() <= 1) {
            return "one candidate";
        }
        return String.join(", ", m.halving().rungs(c.size(), maxEpochs(m, c.get(0))).stream()
                .map(r -> count(r[0], "epoch") + " × " + r[1]).toList());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Runs what is not done yet and writes the summaries. */
    ExperimentResults run() {
        prepare();
        Map<ExperimentSpec.Unit, Path> splits = new LinkedHashMap<>();
        for (ExperimentSpec.Unit u : spec.units()) {
            splits.put(u, split(spec.splitOf(u.seed()), u.repeat()));
        }
        List<ModelPlan> plans = new ArrayList<>();
        for (ExperimentSpec.ModelSpec m : spec.models()) {
            for (ExperimentSpec.Unit u : spec.units()) {
                ModelPlan p = new ModelPlan(m, u, candidates(m, u));
                plans.add(p);
                unitsTotal += trialRuns(m, p.candidates) + 1;
            }
        }
        try (ExperimentProgress bar = ExperimentProgress.open(spec.name(), unitsTotal)) {
            display = bar;
            return runPlans(plans, splits);
        } finally {
            display = ExperimentProgress.none();
        }
    }

    private ExperimentResults runPlans(List<ModelPlan> plans, Map<ExperimentSpec.Unit, Path> splits) {
        List<Run> finals = new ArrayList<>();
        Map<String, List<Run>> trials = new LinkedHashMap<>();
        Map<Path, Split> read = new LinkedHashMap<>();
        String select = null;
        for (ModelPlan p : plans) {
            Split s = read.computeIfAbsent(splits.get(p.unit), SplitIO::read);
            List<MetricSpec> metrics = MetricSpec.parseList(spec.metrics() != null ? spec.metrics() : PartScores.defaultMetrics(s));
            select = select(metrics, s);
            Selection chosen = selection(p, s, metrics, select);
            trials.computeIfAbsent(p.model.label(), k -> new ArrayList<>()).addAll(chosen.trials());
            finals.add(finalRun(p, s, metrics, select, chosen.best()));
        }
        ExperimentResults results = new ExperimentResults(spec, command, select, finals, trials, out);
        results.write(out);
        return results;
    }

    private record ModelPlan(ExperimentSpec.ModelSpec model, ExperimentSpec.Unit unit, List<Map<String, String>> candidates) {
    }

    /** A model's trials on one unit and the candidate they chose (the only one, without a search). */
    private record Selection(List<Run> trials, Map<String, String> best) {
    }

    /** The index in {@code runs} of the best validation {@code select} (the first of equals). */
    private static int best(List<Run> runs, String select) {
        int winner = 0;
        for (int k = 1; k < runs.size(); k++) {
            if (better(runs.get(k).validation().get(select), runs.get(winner).validation().get(select), select)) {
                winner = k;
            }
        }
        return winner;
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
        if (s.info().protocol().equals("ratings")) {
            // A rating split is for rating prediction: its ranking metrics are reported, the error selects.
            return "rmse";
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

    /**
     * The split of {@code seed} (its {@code repeat}-th of the protocol's repeats, when it has them): made once by
     * {@code recoder split} (atomically), then reused.
     */
    private Path split(long seed, int repeat) {
        if (spec.split() != null) {
            if (!Files.isRegularFile(spec.split().resolve("split.json"))) {
                throw new IllegalArgumentException(spec.file() + ": data.split: " + spec.split() + " is not a split directory (no split.json)");
            }
            return spec.split();
        }
        Path dir = out.resolve("splits").resolve("seed-" + seed);
        Path made = repeat == 0 ? dir : dir.resolve("repeat-" + repeat);
        // recoder split writes the repeats in order, each atomically: the last one's split.json means all are there.
        Path last = spec.repeats() == 1 ? dir : dir.resolve("repeat-" + spec.repeats());
        if (Files.isRegularFile(last.resolve("split.json"))) {
            return made;
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
        if (spec.repeats() > 1) {
            args.addAll(List.of("--repeats", Integer.toString(spec.repeats())));
        }
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
        log.printf(Locale.ROOT, "split %s seed %d%s: %s%n", spec.protocol(), seed,
                spec.repeats() > 1 ? " (" + spec.repeats() + " repeats)" : "", dir);
        log.flush();
        return made;
    }

    /** The configurations to try: the fixed settings alone, or with each grid point or random draw. */
    private static List<Map<String, String>> candidates(ExperimentSpec.ModelSpec m, ExperimentSpec.Unit unit) {
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
        // Repeat 0 (no repeats) keeps the draws that experiments without repeats have always had.
        SplittableRandom rng = new SplittableRandom(unit.seed() * 31 + m.label().hashCode() + 1_000_003L * unit.repeat());
        for (int t = 0; t < m.trials(); t++) {
            Map<String, String> c = new LinkedHashMap<>(m.set());
            for (String n : names) {
                c.put(n, m.search().get(n).draw(rng));
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Every trial of a searched model on the validation part, those already on disk read back, and the candidate
     * with the best validation {@code select} (of the last rung, with successive halving); no trial without a search.
     */
    private Selection selection(ModelPlan p, Split s, List<MetricSpec> metrics, String select) {
        if (trialRuns(p.model, p.candidates) == 0) {
            return new Selection(List.of(), p.candidates.get(0));
        }
        if (s.validationPart().isEmpty() && s.sessionEvents().map(e -> e.validation() == null).orElse(true)) {
            throw new IllegalArgumentException(spec.file() + ": " + p.model.label() + " searches hyperparameters, but the split has "
                    + "no validation part to select on (give the protocol one, e.g. heldout-users, validation-fraction, validation-days)");
        }
        Split selectionSplit = s.withoutTest();
        Path dir = out.resolve("trials").resolve(p.model.label()).resolve("seed-" + p.unit.key());
        int n = p.candidates.size();
        List<Integer> all = java.util.stream.IntStream.range(0, n).boxed().toList();
        if (p.model.halving() == null) {
            List<Run> runs = trials(p, selectionSplit, metrics, select, all, p.candidates, k -> String.format(Locale.ROOT, "%03d.json", k),
                    k -> "trial " + (k + 1) + "/" + n);
            return new Selection(runs, p.candidates.get(best(runs, select)));
        }
        List<int[]> rungs = p.model.halving().rungs(n, maxEpochs(p.model, p.candidates.get(0)));
        List<Run> done = new ArrayList<>();
        List<Integer> alive = all;
        List<Run> last = List.of();
        for (int g = 0; g < rungs.size(); g++) {
            if (g > 0) {
                // The best rungs[g][1] of the last rung go on, by validation (ties: the earlier candidate).
                List<Run> previous = last;
                List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, alive.size()).boxed().toList());
                order.sort((a, b) -> better(previous.get(a).validation().get(select), previous.get(b).validation().get(select), select) ? -1
                        : better(previous.get(b).validation().get(select), previous.get(a).validation().get(select), select) ? 1 : Integer.compare(a, b));
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < rungs.get(g)[1]; i++) {
                    kept.add(alive.get(order.get(i)));
                }
                kept.sort(null);
                alive = kept;
            }
            int epochs = rungs.get(g)[0];
            int rung = g;
            List<Map<String, String>> settings = new ArrayList<>();
            for (Map<String, String> c : p.candidates) {
                Map<String, String> withEpochs = new LinkedHashMap<>(c);
                withEpochs.put("epochs", Integer.toString(epochs));
                settings.add(withEpochs);
            }
            last = trials(p, selectionSplit, metrics, select, alive, settings,
                    k -> rung == 0 ? String.format(Locale.ROOT, "%03d.json", k) : String.format(Locale.ROOT, "rung-%d-%03d.json", rung + 1, k),
                    k -> "rung " + (rung + 1) + "/" + rungs.size() + " (" + count(epochs, "epoch") + "), candidate " + (k + 1) + "/" + n);
            done.addAll(last);
        }
        return new Selection(done, p.candidates.get(alive.get(best(last, select))));
    }

    /**
     * Trains candidates {@code which} (indices into {@code settings}) on the selection split, reading back those
     * already on disk ({@code file.apply(k)} in the model's trial directory); {@code --jobs} of them at once.
     */
    private List<Run> trials(ModelPlan p, Split selectionSplit, List<MetricSpec> metrics, String select, List<Integer> which,
                             List<Map<String, String>> settings, java.util.function.IntFunction<String> file,
                             java.util.function.IntFunction<String> what) {
        Path dir = out.resolve("trials").resolve(p.model.label()).resolve("seed-" + p.unit.key());
        List<Run> runs = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < which.size(); i++) {
            int k = which.get(i);
            Path f = dir.resolve(file.apply(k));
            if (Files.exists(f)) {
                Run r = readRun(f);
                if (!r.settings().equals(settings.get(k))) {
                    throw new IllegalStateException(f + " holds another configuration than the experiment's trial " + k);
                }
                runs.add(r);
                readBack();
            } else {
                runs.add(null);
                todo.add(i);
            }
        }
        ExecutorService pool = jobs > 1 ? Executors.newFixedThreadPool(jobs) : null;
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i : todo) {
                int k = which.get(i);
                java.util.concurrent.Callable<Run> job = () -> {
                    Run r = train(p, k, what.apply(k), settings.get(k), selectionSplit, metrics, select, false);
                    AtomicFiles.writeString(dir.resolve(file.apply(k)), Json.pretty(r));
                    progress(p, what.apply(k), r, select, r.validation());
                    return r;
                };
                if (pool == null) {
                    runs.set(i, job.call());
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
        Path f = out.resolve("final").resolve(p.model.label()).resolve("seed-" + p.unit.key() + ".json");
        if (Files.exists(f)) {
            readBack();
            return readRun(f);
        }
        if (s.testPart().isEmpty() && s.sessionEvents().map(e -> e.test() == null).orElse(true)) {
            throw new IllegalArgumentException(spec.file() + ": the split has no test part to report on");
        }
        Run r = train(p, -1, "final", settings, s, metrics, select, true);
        AtomicFiles.writeString(f, Json.pretty(r));
        progress(p, "final", r, null, r.test());
        return r;
    }

    /** Trains one configuration and scores it on validation (when there is one) and, for a final run, on test. */
    private Run train(ModelPlan p, int index, String what, Map<String, String> settings, Split s, List<MetricSpec> metrics, String select,
                      boolean test) {
        ModelFamily<?> family = Models.family(p.model.type());
        return trainAs(family, p, index, what, settings, s, metrics, select, test);
    }

    private <C extends Record> Run trainAs(ModelFamily<C> family, ModelPlan p, int index, String what, Map<String, String> settings, Split s,
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
        ModelTraining.RunOptions o = new ModelTraining.RunOptions(family.seeded() ? spec.trainOf(p.unit.seed()) : null, p.model.patience(),
                validationMetric, null);
        int epochs = family.iterative() && org.recoder.api.Hyperparameters.has(family.configType(), "epochs")
                ? ((Number) org.recoder.api.Hyperparameters.get(config, "epochs")).intValue() : 0;
        ModelTraining.Trained t = ModelTraining.train(family, config, o, s.trainingData(family.preparation()), false,
                display.starting(p.unit.title(), p.model.label(), what, epochs));
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
            writePerUnit(out.resolve("per-user").resolve(p.model.label()).resolve("seed-" + p.unit.key() + ".tsv"), ps);
        }
        List<Map<String, Object>> curve = new ArrayList<>();
        int bestEpoch = 0;
        if (t.curve() != null) {
            for (EpochReport e : t.curve().reports()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e.epoch());
                row.put("loss", e.loss());
                row.put("validation", Double.isNaN(e.validation()) ? null : e.validation());
                // The trainer's own per-epoch figures (Mult-VAE's β): what a choice made from the curve reads.
                row.putAll(e.extras());
                curve.add(row);
                if (e.best()) {
                    bestEpoch = e.epoch();
                }
            }
        }
        return new Run(p.model.label(), family.type(), p.unit.seed(), p.unit.repeat(), index, settings, validation, testMeans, testStderr, units,
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

    /** A run read back from an earlier call. */
    private void readBack() {
        unitsDone++;
        display.runDone(unitsRun == 0 ? "" : clock((System.nanoTime() - started) / 1e9 / unitsRun * (unitsTotal - unitsDone)));
    }

    private synchronized void progress(ModelPlan p, String what, Run r, String metric, Map<String, Double> scores) {
        unitsDone++;
        unitsRun++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        int left = unitsTotal - unitsDone;
        double eta = elapsed / unitsRun * left;
        display.runDone(clock(eta));
        if (!display.active()) {
            logRun(p, what, r, metric, scores, eta);
        }
        if (crashAfter > 0 && unitsRun >= crashAfter) {
            throw new IllegalStateException("simulated crash after " + unitsRun + " runs");
        }
    }

    /** The log line of a finished run, without a terminal. */
    private void logRun(ModelPlan p, String what, Run r, String metric, Map<String, Double> scores, double eta) {
        String shown = scores == null ? "" : String.join(", ", scores.entrySet().stream()
                .filter(e -> metric == null || e.getKey().equals(metric))
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).toList());
        log.printf(Locale.ROOT, "[%s | %s | %s | %s] %s: %s (%.1f s%s) · %d/%d done, ETA %s%n", spec.name(), p.unit.title(), p.model.label(),
                what, r.settings().isEmpty() ? "defaults" : Json.compact(r.settings()), shown, r.seconds(),
                r.epochs() > 0 ? ", " + r.epochs() + " epochs" : "", unitsDone, unitsTotal, clock(eta));
        log.flush();
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
