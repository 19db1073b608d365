package org.recoder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.data.EventLog;
import org.recoder.data.read.DatasetFormat;
import org.recoder.io.Json;
import org.recoder.serve.HttpFront;
import org.recoder.serve.LoadGenerator;
import org.recoder.serve.RecommendationService;
import org.recoder.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "End-to-end benchmarks (not part of the tests).",
        subcommands = {BenchCommand.Read.class, BenchCommand.Ease.class, BenchCommand.Vae.class, BenchCommand.Ncf.class,
                BenchCommand.Gru4Rec.class, BenchCommand.Serve.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The synthetic {@code preset} (seed 42) split as Liang's strong generalization with {@code heldOut(data)}
     * validation and test users each (a count, or a fraction below 1). Every synthetic event counts (no rating
     * threshold): the presets already have the post-filtering shape.
     */
    static org.recoder.protocol.Split syntheticSplit(String preset,
                                                     java.util.function.ToDoubleFunction<org.recoder.data.Interactions> heldOut) {
        org.recoder.data.Interactions all = SyntheticData.preset(preset).generate(42).toInteractions(org.recoder.data.DuplicatePolicy.LAST);
        return new org.recoder.protocol.StrongGeneralization(null, 0, 5, heldOut.applyAsDouble(all), 0.2, 5, 98765).split(all);
    }

    /**
     * Writes {@code data} as the split format's TSV to a temporary folder, runs {@code command} followed by
     * {@code --train FILE}, and returns its output (stdout and stderr); fails with that output unless the script exits 0
     * and prints {@code marker}. The folder is deleted either way.
     */
    static String runReferenceScript(java.util.List<String> command, org.recoder.data.Interactions data, String marker) throws Exception {
        return runReferenceScript(command, tsv -> org.recoder.protocol.SplitIO.writeTsv(tsv, data), marker);
    }

    /** Writes the input file the script reads. */
    @FunctionalInterface
    interface InputWriter {
        void write(Path file) throws Exception;
    }

    /** As {@link #runReferenceScript(java.util.List, org.recoder.data.Interactions, String)} with the file {@code input} writes. */
    static String runReferenceScript(java.util.List<String> command, InputWriter input, String marker) throws Exception {
        Path tmp = Files.createTempDirectory("recoder-bench-script");
        try {
            Path tsv = tmp.resolve("train.tsv");
            input.write(tsv);
            java.util.List<String> cmd = new java.util.ArrayList<>(command);
            cmd.addAll(java.util.List.of("--train", tsv.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 || !out.contains(marker)) {
                throw new IllegalStateException("the PyTorch script " + command.get(1) + " failed: " + out);
            }
            return out;
        } finally {
            org.recoder.io.AtomicFiles.deleteRecursively(tmp);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Reader throughput on a MovieLens ratings.csv: generated in the ml-20m shape unless --input is given.")
    static final class Read implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", description = "An existing ratings.csv to read.")
        Path input;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape to generate. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed reads after one warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path file = input;
            Path tmp = null;
            if (file == null) {
                tmp = Files.createTempFile("recoder-bench", ".csv");
                EventLog gen = SyntheticData.preset(preset).generate(42);
                DataCommand.writeRatingsCsv(gen, tmp);
                file = tmp;
            }
            try {
                long bytes = Files.size(file);
                DatasetFormat.ML_CSV.load(file);
                double best = Double.MAX_VALUE;
                int rows = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    EventLog log = DatasetFormat.ML_CSV.load(file);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    rows = log.size();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", input == null ? "synthetic " + preset : file.toString());
                m.put("rows", rows);
                m.put("megabytes", Math.round(bytes / 1e5) / 10.0);
                m.put("best_seconds", Math.round(best * 1000) / 1000.0);
                m.put("rows_per_second", Math.round(rows / best));
                m.put("megabytes_per_second", Math.round(bytes / best / 1e5) / 10.0);
                if (json) {
                    spec.commandLine().getOut().println(Json.compact(m));
                } else {
                    spec.commandLine().getOut().printf(Locale.ROOT, "read %,d rows (%.1f MB) in %.3f s (best of %d): %,.0f rows/s, %.1f MB/s%n",
                            rows, bytes / 1e6, best, repeats, rows / best, bytes / best / 1e6);
                }
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
            return 0;
        }
    }
    @Command(name = "ease", mixinStandardHelpOptions = true,
            description = "EASE end to end: read a train.tsv, Gram matrix, inverse, B, save. The TSV is generated in the ml-20m shape unless --input is given.")
    static final class Ease implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", description = "A split directory whose train.tsv is read.")
        Path input;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape to generate. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--lambda", defaultValue = "500", description = "Default: ${DEFAULT-VALUE}.")
        float lambda;

        @Option(names = "--precision", defaultValue = "float32", description = "float32 or float64. Default: ${DEFAULT-VALUE}.")
        String precision;

        @Option(names = "--blas", defaultValue = "java", description = "java, native or auto. Default: ${DEFAULT-VALUE}.")
        String blas;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            org.recoder.models.ease.EaseConfig config = org.recoder.models.ease.EaseConfig.defaults().withLambda(lambda)
                    .withPrecision(switch (precision) {
                        case "float32" -> org.recoder.linalg.Cholesky.Precision.FLOAT32;
                        case "float64" -> org.recoder.linalg.Cholesky.Precision.FLOAT64;
                        default -> throw new IllegalArgumentException("--precision must be float32 or float64, not " + precision);
                    })
                    .withBlas(switch (blas) {
                        case "java" -> org.recoder.models.ease.EaseConfig.Blas.JAVA;
                        case "auto" -> org.recoder.models.ease.EaseConfig.Blas.AUTO;
                        case "native" -> org.recoder.models.ease.EaseConfig.Blas.NATIVE;
                        default -> throw new IllegalArgumentException("--blas must be java, auto or native, not " + blas);
                    });
            Path dir = input;
            Path tmp = Files.createTempDirectory("recoder-bench-ease");
            try {
                if (dir == null) {
                    dir = tmp.resolve("split");
                    Files.createDirectories(dir);
                    EventLog gen = SyntheticData.preset(preset).generate(42);
                    org.recoder.protocol.SplitIO.writeTsv(dir.resolve(org.recoder.protocol.SplitIO.TRAIN),
                            gen.toInteractions(org.recoder.data.DuplicatePolicy.LAST).binarize(Float.NEGATIVE_INFINITY));
                }
                Path model = tmp.resolve("ease.recoder");
                long t0 = System.nanoTime();
                org.recoder.protocol.Split split = org.recoder.protocol.SplitIO.read(dir);
                long t1 = System.nanoTime();
                org.recoder.api.Model m = new org.recoder.models.ease.EaseTrainer(config).fit(split.trainingData());
                long t2 = System.nanoTime();
                org.recoder.models.Models.save(m, model);
                long t3 = System.nanoTime();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("data", input == null ? "synthetic " + preset : dir.toString());
                r.put("users", split.train().numUsers());
                r.put("items", split.train().numItems());
                r.put("interactions", split.train().nnz());
                r.put("precision", precision);
                Object kernels = m.provenance().compute().get("kernels");
                r.put("blas", kernels instanceof Map<?, ?> ? "pure Java" : kernels);
                r.put("kernels", kernels instanceof Map<?, ?> ? org.recoder.linalg.KernelTuning.summary() : kernels);
                r.put("read_seconds", round((t1 - t0) / 1e9));
                r.put("fit_seconds", round((t2 - t1) / 1e9));
                r.put("save_seconds", round((t3 - t2) / 1e9));
                r.put("total_seconds", round((t3 - t0) / 1e9));
                r.put("model_megabytes", Math.round(Files.size(model) / 1e5) / 10.0);
                r.put("max_heap_gigabytes", round(Runtime.getRuntime().maxMemory() / 1e9));
                if (json) {
                    spec.commandLine().getOut().println(Json.compact(r));
                } else {
                    spec.commandLine().getOut().printf(Locale.ROOT,
                            "EASE on %,d users x %,d items (%,d interactions), %s, %s: read %.2f s, fit %.2f s, save %.2f s; total %.2f s%n"
                                    + "kernels: %s%n",
                            split.train().numUsers(), split.train().numItems(), split.train().nnz(), precision, r.get("blas"),
                            (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9, r.get("kernels"));
                }
            } finally {
                org.recoder.io.AtomicFiles.deleteRecursively(tmp);
            }
            return 0;
        }

        private static double round(double x) {
            return Math.round(x * 100) / 100.0;
        }
    }
    @Command(name = "vae", mixinStandardHelpOptions = true,
            description = "Training speed of a model trained by epochs (multvae, multdae, recvae, cdae, ...): epochs on the synthetic ml-20m shape (strong split, 10,000 validation and test users), no validation pass.")
    static final class Vae implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--epochs", defaultValue = "2", description = "Epochs to time (the first includes JIT warm-up). Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--heldout-users", defaultValue = "10000", description = "Validation and test users each. Default: ${DEFAULT-VALUE}.")
        double heldoutUsers;

        @Option(names = "--model", defaultValue = "multvae", description = "A model type trained by epochs, with its defaults (recvae: one epoch = 3 encoder + 1 decoder passes). Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a hyperparameter (repeatable), as train --set.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--torch", description = "Also time one epoch of the dense-input PyTorch script with this Python (e.g. /usr/bin/python3 with Debian's python3-torch), on the same training users.")
        String python;

        @Option(names = "--torch-script", description = "Default: recoder-bench/python/MODEL_torch.py (multvae_torch.py, recvae_torch.py).")
        Path torchScript;

        @Override
        public Integer call() throws Exception {
            org.recoder.models.family.ModelFamily<?> family = org.recoder.models.Models.family(model);
            if (!family.iterative()) {
                throw new IllegalArgumentException("--model " + model + " is not trained by epochs; bench ease times EASE");
            }
            return run(family);
        }

        private <C extends Record> int run(org.recoder.models.family.ModelFamily<C> family) throws Exception {
            C config = ModelTraining.configure(family, Map.of("epochs", epochs), Map.of("epochs", "--epochs"), settings);
            if (family.capabilities().contains(org.recoder.api.Capability.RATINGS)) {
                return runRatings(family, config);
            }
            org.recoder.protocol.Split split = syntheticSplit(preset, x -> heldoutUsers);
            // The training users only, as before the families: the same shape for every model.
            org.recoder.api.TrainingData td = split.trainingData().withoutValidation();
            org.recoder.data.Interactions train = td.train();
            int items = train.numItems();
            java.util.List<Double> seconds = new java.util.ArrayList<>();
            org.recoder.api.Model m = family.trainer(config, 1, org.recoder.train.TrainingOptions.defaults()
                    .withListeners(java.util.List.of((e, control) -> seconds.add(e.seconds())))).fit(td);
            long peak = peakHeapBytes();
            // Dense layers cost 2·in·out flops per row forward and twice that backward; a sparse-input layer (a
            // weight with one row per item) 2·nnz·out each way; a table with a row per user is a gather (free).
            double dense = 0;
            double sparse = 0;
            for (var t : m.tensors().values()) {
                long[] shape = t.shape();
                if (shape.length != 2) {
                    continue;
                }
                if (shape[0] == items) {
                    sparse += 4.0 * train.nnz() * shape[1];
                } else if (shape[0] != train.numUsers()) {
                    dense += 6.0 * train.nonEmptyUsers().length * shape[0] * shape[1];
                }
            }
            double flops = dense + sparse;
            double last = seconds.get(seconds.size() - 1);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "%s, %s; %,d training users x %,d items (%,d interactions); %s: epochs %s s; last epoch %.1f s = %.0f GFLOP/s "
                            + "(%.2f TFLOP per pass over the users, from the tensor shapes; recvae makes 4 passes and a prior pass per epoch); peak heap %.2f GB%n",
                    family.type(), family.description(), train.numUsers(), items, train.nnz(), describe(config),
                    seconds.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(), last, flops / last / 1e9, flops / 1e12, peak / 1e9);
            spec.commandLine().getOut().println("kernels: " + org.recoder.linalg.KernelTuning.summary());
            compareWithTorch(train, last, family.type() + "_torch.py");
            return 0;
        }

        /**
         * A rating predictor (AutoRec, biased MF) on every rating of the synthetic shape, raw values (ml-20m-ratings:
         * ML-20M's 138,493 users × 26,744 items and 20M ratings), without validation: seconds per epoch and peak heap.
         */
        private <C extends Record> int runRatings(org.recoder.models.family.ModelFamily<C> family, C config) throws Exception {
            if (commandLineHas("--heldout-users")) {
                throw new UsageException("--heldout-users does not apply to --model " + model + ": a rating predictor trains on every rating");
            }
            String shape = preset.equals("ml-20m") ? "ml-20m-ratings" : preset;
            org.recoder.data.Interactions all = SyntheticData.preset(shape).generate(42).toInteractions(org.recoder.data.DuplicatePolicy.LAST);
            org.recoder.api.TrainingData td = new org.recoder.api.TrainingData(all, null,
                    new org.recoder.data.SplitInfo("ratings", Map.of("synthetic", shape), 42L, null, null));
            java.util.List<Double> seconds = new java.util.ArrayList<>();
            family.trainer(config, 1, org.recoder.train.TrainingOptions.defaults()
                    .withListeners(java.util.List.of((e, control) -> seconds.add(e.seconds())))).fit(td);
            long peak = peakHeapBytes();
            double last = seconds.get(seconds.size() - 1);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "%s, %s; %,d users x %,d items (%,d ratings, synthetic %s); %s: epochs %s s; last epoch %.1f s; peak heap %.2f GB%n",
                    family.type(), family.description(), all.numUsers(), all.numItems(), all.nnz(), shape, describe(config),
                    seconds.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(), last, peak / 1e9);
            spec.commandLine().getOut().println("kernels: " + org.recoder.linalg.KernelTuning.summary());
            compareWithTorch(all, last, family.type() + "_torch.py");
            return 0;
        }

        /** The peak use of the heap's pools so far, in bytes. */
        static long peakHeapBytes() {
            long peak = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            return peak;
        }

        private boolean commandLineHas(String option) {
            return spec.commandLine().getParseResult().hasMatchedOption(option);
        }

        static String describe(Record config) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            org.recoder.api.Hyperparameters.values(config).forEach((k, v) -> parts.add(k + "=" + org.recoder.api.Hyperparameters.format(v)));
            return String.join(" ", parts);
        }

        /** With --torch: one epoch of the PyTorch script on the same training users, and the ratio to {@code last}. */
        private void compareWithTorch(org.recoder.data.Interactions train, double last, String defaultScript) throws Exception {
            if (python == null) {
                return;
            }
            Path script = torchScript != null ? torchScript : Path.of("recoder-bench/python", defaultScript);
            if (!Files.exists(script)) {
                throw new IllegalArgumentException("no PyTorch reference script " + script + " for --model " + model);
            }
            String out = runReferenceScript(java.util.List.of(python, script.toString(), "--epochs", "1",
                    "--threads", String.valueOf(Runtime.getRuntime().availableProcessors())), train, "epoch_seconds ");
            String[] f = out.substring(out.lastIndexOf("epoch_seconds ") + 14).trim().split("\\s+");
            double torch = Double.parseDouble(f[0]);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "PyTorch (dense input rows, %s): one epoch %.1f s; Recoder is %.1fx faster per epoch%n",
                    script.getFileName(), torch, torch / last);
        }
    }

    @Command(name = "ncf", mixinStandardHelpOptions = true,
            description = "Training throughput of gmf, mlp or neumf in (user, item) pairs per second, positives and sampled negatives "
                    + "together: epochs over every interaction of a synthetic shape (ml-20m: ML-20M's 138,493 users x 26,744 items and "
                    + "20M ratings, each an interaction, as NCF counts them), no validation. neumf is timed without pre-training "
                    + "(its pre-training is gmf and mlp epochs, its fine-tuning epochs cost as these) and with Adam, as the script.")
    static final class Ncf implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape (ml-20m means ml-20m-ratings). Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--model", defaultValue = "neumf", description = "gmf, mlp or neumf. Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--epochs", defaultValue = "2", description = "Epochs to time (the first includes JIT warm-up). Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a hyperparameter (repeatable), as train --set.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--torch", description = "Also time the PyTorch script (recoder-bench/python/ncf_torch.py) with this Python, on the same interactions and settings.")
        String python;

        @Option(names = "--torch-pairs", defaultValue = "2000000", description = "Pairs of the script's epoch to train (its rate per pair is "
                + "steady after the first batches; a whole ML-20M-shaped epoch takes it an hour); 0 = all. Default: ${DEFAULT-VALUE}.")
        long torchPairs;

        @Option(names = "--torch-sparse", description = "The script uses sparse embedding gradients and SparseAdam (only the batch's rows "
                + "move, as Recoder's lazy Adam) instead of the reference code's dense Adam.")
        boolean torchSparse;

        @Override
        public Integer call() throws Exception {
            if (!java.util.Set.of("gmf", "mlp", "neumf").contains(model)) {
                throw new UsageException("--model must be gmf, mlp or neumf, got '" + model + "'");
            }
            if (python == null && (torchSparse || spec.commandLine().getParseResult().hasMatchedOption("--torch-pairs"))) {
                throw new UsageException("--torch-sparse and --torch-pairs apply only with --torch");
            }
            return run(org.recoder.models.Models.family(model));
        }

        private <C extends Record> int run(org.recoder.models.family.ModelFamily<C> family) throws Exception {
            Map<String, String> set = new LinkedHashMap<>(settings);
            if (model.equals("neumf")) {
                set.putIfAbsent("pretrain", "false");
                set.putIfAbsent("optimizer", "ADAM");
            }
            C config = ModelTraining.configure(family, Map.of("epochs", epochs), Map.of("epochs", "--epochs"), set);
            Map<String, Object> values = org.recoder.api.Hyperparameters.values(config);
            if (Boolean.TRUE.equals(values.get("pretrain"))) {
                throw new UsageException("bench ncf times training epochs; neumf's pre-training is gmf and mlp epochs: time those with --model gmf, mlp");
            }
            String shape = preset.equals("ml-20m") ? "ml-20m-ratings" : preset;
            org.recoder.data.Interactions all = SyntheticData.preset(shape).generate(42).toInteractions(org.recoder.data.DuplicatePolicy.LAST);
            org.recoder.api.TrainingData td = new org.recoder.api.TrainingData(all, null,
                    new org.recoder.data.SplitInfo("interactions", Map.of("synthetic", shape), 42L, null, null));
            int negatives = ((Number) values.get("negatives")).intValue();
            long pairs = all.nnz() * (1L + negatives);
            java.util.List<Double> seconds = new java.util.ArrayList<>();
            family.trainer(config, 1, org.recoder.train.TrainingOptions.defaults()
                    .withListeners(java.util.List.of((e, control) -> seconds.add(e.seconds())))).fit(td);
            double last = seconds.get(seconds.size() - 1);
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s, %s; %,d users x %,d items (%,d interactions, synthetic %s), %,d pairs an epoch; %s: epochs %s s; "
                            + "last epoch %.1f s = %,.0f pairs/s (sampling included); peak heap %.2f GB%n",
                    family.type(), family.description(), all.numUsers(), all.numItems(), all.nnz(), shape, pairs, Vae.describe(config),
                    seconds.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(), last, pairs / last, Vae.peakHeapBytes() / 1e9);
            out.println("kernels: " + org.recoder.linalg.KernelTuning.summary() + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            if (python != null) {
                compareWithTorch(all, values, pairs / last);
            }
            return 0;
        }

        private void compareWithTorch(org.recoder.data.Interactions all, Map<String, Object> values, double rate) throws Exception {
            Path script = Path.of("recoder-bench/python/ncf_torch.py");
            if (!Files.exists(script)) {
                throw new IllegalArgumentException("no PyTorch reference script " + script + " (run from the project's root)");
            }
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(python, script.toString(),
                    "--model", model, "--threads", String.valueOf(Runtime.getRuntime().availableProcessors()),
                    "--negatives", String.valueOf(values.get("negatives")), "--batch", String.valueOf(values.get("batchSize")),
                    "--lr", String.valueOf(values.get("learningRate")), "--max-pairs", String.valueOf(torchPairs)));
            if (values.containsKey("factors")) {
                cmd.addAll(java.util.List.of("--factors", String.valueOf(values.get("factors"))));
            }
            if (values.containsKey("layers")) {
                cmd.addAll(java.util.List.of("--layers", String.valueOf(values.get("layers"))));
            }
            if (torchSparse) {
                cmd.add("--sparse");
            }
            String text = runReferenceScript(cmd, all, "pairs_per_second ");
            String line = text.substring(text.lastIndexOf("ncf_torch "));
            String[] f = text.substring(text.lastIndexOf("pairs_per_second ") + 17).trim().split("\\s+");
            double torch = Double.parseDouble(f[0]);
            spec.commandLine().getOut().printf(Locale.ROOT, "PyTorch (%s): %s%n  %,.0f pairs/s; Recoder is %.1fx its throughput%n",
                    torchSparse ? "sparse embedding gradients, SparseAdam for the tables" : "dense Adam, as the reference code",
                    line, torch, rate / torch);
        }
    }

    @Command(name = "gru4rec", mixinStandardHelpOptions = true,
            description = "Training throughput of gru4rec in events per second (an event is one slot's step: its item in, its next item "
                    + "scored), on 1/--fraction of the sessions of the synthetic rsc15 shape (RSC15's training set: 7,966,257 sessions, "
                    + "31.6M clicks, 37,483 items) with all its items: epochs without validation; --torch times "
                    + "recoder-bench/python/gru4rec_torch.py on the same sessions and settings.")
    static final class Gru4Rec implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--fraction", defaultValue = "256", description = "Time 1/FRACTION of the shape's sessions (all its items). Default: ${DEFAULT-VALUE}.")
        int fraction;

        @Option(names = "--epochs", defaultValue = "1", description = "Epochs to time (the first includes JIT warm-up). Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a hyperparameter (repeatable), as train --set.")
        Map<String, String> settings = new LinkedHashMap<>();

        @Option(names = "--torch", description = "Also time the PyTorch script with this Python, on the same sessions and settings.")
        String python;

        @Option(names = "--torch-events", defaultValue = "20000", description = "Events of the script's epoch to train (its rate is "
                + "steady after the first steps); 0 = all. Default: ${DEFAULT-VALUE}.")
        long torchEvents;

        @Option(names = "--torch-threads", description = "The script's threads. Default: every core.")
        Integer torchThreads;

        @Override
        public Integer call() throws Exception {
            if (fraction < 1) {
                throw new UsageException("--fraction must be ≥ 1, got " + fraction);
            }
            if (python == null && (torchThreads != null || spec.commandLine().getParseResult().hasMatchedOption("--torch-events"))) {
                throw new UsageException("--torch-events and --torch-threads apply only with --torch");
            }
            var family = org.recoder.models.gru4rec.Gru4RecFamily.INSTANCE;
            org.recoder.models.gru4rec.Gru4RecConfig config = ModelTraining.configure(family, Map.of("epochs", epochs),
                    Map.of("epochs", "--epochs"), settings);
            org.recoder.synth.SyntheticSessions full = org.recoder.synth.SyntheticSessions.preset("rsc15");
            org.recoder.synth.SyntheticSessions shape = new org.recoder.synth.SyntheticSessions(full.sessions() / fraction, full.items(),
                    full.meanLength(), full.groupSize(), full.follow(), full.repeat(), full.zipfExponent(), full.days() / fraction);
            EventLog log = shape.generate(42);
            org.recoder.api.TrainingData td = new org.recoder.api.TrainingData(log.toInteractions(org.recoder.data.DuplicatePolicy.LAST),
                    null, new org.recoder.data.SplitInfo("session", Map.of("synthetic", "rsc15/" + fraction), 42L, null, null), false,
                    false, new org.recoder.data.SessionEvents(log, null, null));
            long events = 0;
            for (int[] row : log.eventsByUser()) {
                events += Math.max(0, row.length - 1);
            }
            java.util.List<Double> seconds = new java.util.ArrayList<>();
            family.trainer(config, 1, org.recoder.train.TrainingOptions.sessionDefaults()
                    .withListeners(java.util.List.of((e, control) -> seconds.add(e.seconds())))).fit(td);
            double last = seconds.get(seconds.size() - 1);
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "gru4rec %s; synthetic rsc15/%d: %,d sessions, %,d clicks, %,d items; %,d events an epoch; "
                            + "epochs %s s; last epoch %.1f s = %,.0f events/s (%d threads); peak heap %.2f GB%n",
                    Vae.describe(config), fraction, shape.sessions(), log.size(), shape.items(), events,
                    seconds.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList(), last, events / last, recoderThreads(config),
                    Vae.peakHeapBytes() / 1e9);
            out.println("kernels: " + org.recoder.linalg.KernelTuning.summary() + "; " + Runtime.getRuntime().availableProcessors() + " cores");
            if (python != null) {
                compareWithTorch(log, config, events / last);
            }
            return 0;
        }

        private void compareWithTorch(EventLog log, org.recoder.models.gru4rec.Gru4RecConfig c, double rate) throws Exception {
            Path script = Path.of("recoder-bench/python/gru4rec_torch.py");
            if (!Files.exists(script)) {
                throw new IllegalArgumentException("no PyTorch reference script " + script + " (run from the project's root)");
            }
            if (c.layerSizes().length != 1 || c.loss() != org.recoder.models.gru4rec.Gru4RecConfig.Loss.CROSS_ENTROPY
                    || c.dropoutEmbed() != 0 || c.momentum() != 0 || c.optimizer() != org.recoder.models.gru4rec.Gru4RecConfig.Optimizer.ADAGRAD
                    || c.input() != org.recoder.models.gru4rec.Gru4RecConfig.Input.SHARED) {
                throw new UsageException("the PyTorch script has one layer, the shared embedding, the cross-entropy loss, no embedding "
                        + "dropout and Adagrad without momentum; compare with those settings");
            }
            int threads = torchThreads == null ? Runtime.getRuntime().availableProcessors() : torchThreads;
            java.util.List<String> cmd = java.util.List.of(python, script.toString(), "--hidden", c.layers(),
                    "--batch", String.valueOf(c.batchSize()), "--samples", String.valueOf(c.samples()),
                    "--alpha", String.valueOf(c.sampleAlpha()), "--dropout", String.valueOf(c.dropoutHidden()),
                    "--lr", String.valueOf(c.learningRate()), "--logq", String.valueOf(c.logq()),
                    "--threads", String.valueOf(threads), "--max-events", String.valueOf(torchEvents));
            String text = runReferenceScript(cmd, file -> writeSessions(log, file), "events_per_second ");
            String line = text.substring(text.lastIndexOf("gru4rec_torch "));
            String[] f = text.substring(text.lastIndexOf("events_per_second ") + 18).trim().split("\\s+");
            double torch = Double.parseDouble(f[0]);
            spec.commandLine().getOut().printf(Locale.ROOT, "PyTorch (%d threads): %s%n  %,.0f events/s; Recoder (%d threads) is %.1fx its throughput%n",
                    threads, line, torch, recoderThreads(c), rate / torch);
        }

        private static int recoderThreads(org.recoder.models.gru4rec.Gru4RecConfig c) {
            return c.threads() == 0 ? org.recoder.util.Parallel.threads() : c.threads();
        }

        /** The events as session-rec's tab-separated SessionId, ItemId, Time (seconds). */
        private static void writeSessions(EventLog log, Path file) throws java.io.IOException {
            try (var w = Files.newBufferedWriter(file)) {
                w.write("SessionId\tItemId\tTime\n");
                for (int p = 0; p < log.size(); p++) {
                    w.write(log.users().id(log.user()[p]));
                    w.write('\t');
                    w.write(log.items().id(log.item()[p]));
                    w.write('\t');
                    w.write(String.format(Locale.ROOT, "%.3f", log.times()[p] / 1000.0));
                    w.write('\n');
                }
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Load test of recoder serve: models trained on the synthetic shape (ml-20m: 20,108 items), served on "
                    + "loopback in this JVM, driven by an open-loop generator at fixed request rates (latency from each request's "
                    + "scheduled time, so a stalled server is not hidden); fold-in requests from the held-out users' histories."})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--models", defaultValue = "ease:1000,multvae:500,recvae:300",
                description = "TYPE:RATE,... (requests per second). Default: ${DEFAULT-VALUE}.")
        String models;

        @Option(names = "--seconds", defaultValue = "60", description = "Measured seconds per model and rate. Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured seconds first (JIT). Default: ${DEFAULT-VALUE}.")
        double warmup;

        @Option(names = "--epochs", defaultValue = "1", description = "Epochs for models trained by epochs (serving speed does not depend on them). Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--find-limit", description = "Then raise the rate by half again (10 s each) until p99 passes 50 ms or over 1% of requests fail.")
        boolean findLimit;

        @Option(names = "--max-in-flight", defaultValue = "64", description = "As serve --max-in-flight. Default: ${DEFAULT-VALUE}.")
        int maxInFlight;

        @Option(names = "--batch-wait-us", defaultValue = "" + org.recoder.serve.RecommendationService.DEFAULT_BATCH_WAIT_MICROS, description = "As serve --batch-wait-us. Default: ${DEFAULT-VALUE}.")
        long batchWaitMicros;

        @Option(names = "--http", defaultValue = "jdk", description = "HTTP layer: jdk (the JDK's HttpServer, what serve uses), or one "
                + "provided on the class path (helidon, from the bench module's jar). Default: ${DEFAULT-VALUE}.")
        String http;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            org.recoder.serve.HttpLayer layer;
            try {
                layer = http.equals("jdk") ? null : org.recoder.serve.HttpLayer.named(http);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--http: " + e.getMessage());
            }
            // 10,000 held-out users at the ML-20M shape, as bench vae; a tenth of the users on smaller shapes.
            org.recoder.protocol.Split split = syntheticSplit(preset, x -> x.numUsers() > 100_000 ? 10000 : 0.1);
            org.recoder.data.Interactions fold = split.test().foldIn();
            java.util.List<String> bodies = new java.util.ArrayList<>();
            for (int u = 0; u < Math.min(fold.numUsers(), 2000); u++) {
                java.util.List<String> ids = new java.util.ArrayList<>();
                for (int i : fold.rowItems(u)) {
                    ids.add(fold.items().id(i));
                }
                bodies.add(Json.compact(Map.of("items", ids, "n", 10)));
            }
            out.printf(Locale.ROOT, "%s, %d cores; %,d items; %,d fold-in histories (median %d items); batch wait %d µs, max in flight %d; HTTP layer %s%n",
                    org.recoder.linalg.KernelTuning.summary(), Runtime.getRuntime().availableProcessors(), split.train().numItems(),
                    bodies.size(), medianDegree(fold), batchWaitMicros, maxInFlight, http);
            out.printf(Locale.ROOT, "%-8s %8s %10s %8s %8s %8s %8s %8s%n", "model", "rate/s", "answered/s", "errors", "p50 ms",
                    "p99 ms", "p99.9 ms", "max ms");
            for (String spec2 : models.split(",")) {
                String[] tr = spec2.trim().split(":");
                if (tr.length != 2) {
                    throw new UsageException("--models takes TYPE:RATE, got '" + spec2 + "'");
                }
                org.recoder.models.family.ModelFamily<?> family = org.recoder.models.Models.family(tr[0]);
                double rate = Double.parseDouble(tr[1]);
                org.recoder.api.Model m = train(family, split);
                RecommendationService service = RecommendationService.of(Map.of(family.type(), m), Map.of(), Map.of(), f -> null,
                        batchWaitMicros);
                org.recoder.serve.Dispatcher dispatcher = new org.recoder.serve.Dispatcher(service, maxInFlight);
                try (org.recoder.serve.HttpLayer.Running front = layer == null ? HttpFront.start(dispatcher, "127.0.0.1", 0)
                        : layer.start(dispatcher, "127.0.0.1", 0)) {
                    String url = "http://127.0.0.1:" + front.port() + "/v1/models/" + family.type() + "/recommend";
                    LoadGenerator lg = new LoadGenerator();
                    lg.run(url, bodies, rate, warmup);
                    print(out, family.type(), lg.run(url, bodies, rate, seconds));
                    double r = rate;
                    while (findLimit) {
                        r *= 1.5;
                        LoadGenerator.Result res = lg.run(url, bodies, r, 10);
                        print(out, family.type(), res);
                        // 503s are answered fast, so a saturated server can keep p99 low while shedding: count those too.
                        if (!(res.p99() <= 50) || res.failed() > 0.01 * res.sent() || r > 50_000) {
                            out.printf(Locale.ROOT, "%-8s p99 passed 50 ms or over 1%% of requests failed at %.0f requests/s%n",
                                    family.type(), r);
                            break;
                        }
                    }
                }
                out.flush();
            }
            return 0;
        }

        private <C extends Record> org.recoder.api.Model train(org.recoder.models.family.ModelFamily<C> family,
                                                               org.recoder.protocol.Split split) {
            C config = family.defaults();
            if (org.recoder.api.Hyperparameters.has(family.configType(), "epochs")) {
                config = org.recoder.api.Hyperparameters.with(config, Map.of("epochs", epochs), family.type());
            }
            return family.trainer(config, 1, org.recoder.train.TrainingOptions.defaults().withListeners(java.util.List.of()))
                    .fit(split.trainingData(family.preparation()).withoutValidation());
        }

        private static int medianDegree(org.recoder.data.Interactions x) {
            int[] d = new int[x.numUsers()];
            for (int u = 0; u < d.length; u++) {
                d[u] = x.degree(u);
            }
            java.util.Arrays.sort(d);
            return d.length == 0 ? 0 : d[d.length / 2];
        }

        private static void print(java.io.PrintWriter out, String type, LoadGenerator.Result r) {
            out.printf(Locale.ROOT, "%-8s %8.0f %10.1f %8d %8.2f %8.2f %8.2f %8.2f%n", type, r.rate(), r.throughput(), r.failed(),
                    r.p50(), r.p99(), r.p999(), r.max());
            out.flush();
        }
    }
}
