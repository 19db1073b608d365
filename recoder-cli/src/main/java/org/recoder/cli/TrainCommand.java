package org.recoder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.io.Json;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.Models;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a split directory's train.tsv and save it.",
            "Hyperparameters: --set name=value (repeatable); `recoder models show TYPE` lists each with its type, default and meaning."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model type (`recoder models` lists them).")
    String model;

    @Option(names = "--split", required = true, description = "Split directory (only train.tsv is required).")
    Path split;

    @Option(names = "--out", required = true, description = "Model file to write (atomically).")
    Path out;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Set a hyperparameter by name (repeatable), e.g. --set latent=100.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a named hyperparameter set instead of the defaults "
            + "(`recoder models show TYPE` lists them, e.g. gru4rec's diginetica); --set applies on top.")
    String preset;

    @Option(names = "--epochs", description = "Shorthand for --set epochs=N (models trained by epochs).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Shorthand for --set batchSize=N (models trained by minibatches).")
    Integer batchSize;

    @Option(names = "--lambda", description = "Shorthand for --set lambda=L (ease).")
    Float lambda;

    @Option(names = "--threads", description = "Shorthand for --set threads=N (models with a thread count: ease, itemknn; 0 = all cores).")
    Integer threads;

    @Option(names = "--seed", description = "Seed of initialization, shuffling, dropout and sampling (models that draw random numbers; default 98765).")
    Long seed;

    @Option(names = "--patience", description = "Stop after this many epochs without a better validation metric (models trained by epochs; default: run every epoch).")
    Integer patience;

    @Option(names = "--checkpoint", description = "Save the best model so far to this file after every improving epoch, atomically (models trained by epochs).")
    Path checkpoint;

    @Option(names = "--validation-metric", description = "Metric validated after every epoch to keep the best, name@k as in evaluate --metrics (models trained by epochs; default ndcg@100, recall@20 on a session split).")
    String validationMetric;

    @Option(names = "--select-on-test", description = "Optimistic, for reproducing the NCF reference code only: choose the epoch on "
            + "the split's TEST targets instead of its validation part, as He et al.'s NeuMF.py does. The test score of the model is "
            + "then biased upwards (it was picked to be high on exactly those targets); the model's provenance records "
            + "selected_on_test and evaluate prints it. Models trained by epochs only.")
    boolean selectOnTest;

    @Option(names = "--force", description = "Replace an existing model file at --out.")
    boolean force;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() {
        ModelFamily<?> family;
        try {
            family = Models.family(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        // The kernels compile on a spare core while the split is read (Warmup says why).
        org.recoder.linalg.Warmup.startInBackground();
        return run(family);
    }

    /** Checks --out and --checkpoint before training, so that a long run never ends in a file it cannot write. */
    private void checkOutputs() {
        for (Path p : checkpoint == null ? java.util.List.of(out) : java.util.List.of(out, checkpoint)) {
            Path parent = p.toAbsolutePath().getParent();
            if (!java.nio.file.Files.isDirectory(parent)) {
                throw new IllegalArgumentException("cannot write " + p + ": the folder " + parent + " does not exist");
            }
            if (java.nio.file.Files.isDirectory(p)) {
                throw new IllegalArgumentException(p + " is a directory, not a model file");
            }
        }
        if (java.nio.file.Files.exists(out) && !force) {
            throw new IllegalArgumentException(out + " already exists (use --force to replace it)");
        }
    }

    private <C extends Record> int run(ModelFamily<C> family) {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("epochs", epochs);
        typed.put("batchSize", batchSize);
        typed.put("lambda", lambda);
        typed.put("threads", threads);
        C config = ModelTraining.configure(family, preset, typed,
                Map.of("epochs", "--epochs", "batchSize", "--batch-size", "lambda", "--lambda", "threads", "--threads"), settings);
        ModelTraining.RunOptions run = new ModelTraining.RunOptions(seed, patience, validationMetric, checkpoint);
        ModelTraining.check(family, run);
        if (validationMetric != null) {
            try {
                org.recoder.eval.MetricSpec.parse(validationMetric);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--validation-metric " + validationMetric + ": " + e.getMessage());
            }
        }
        checkOutputs();
        Split s = SplitIO.read(split);
        String protocol = s.info().protocol();
        if (!protocol.equals("unknown") && !family.protocols().contains(protocol)) {
            throw new IllegalArgumentException(family.type() + " does not fit a '" + protocol + "' split (it fits "
                    + String.join(", ", family.protocols().stream().sorted().toList()) + ")");
        }
        TrainingData data = s.trainingData(family.preparation());
        if (selectOnTest) {
            if (!family.iterative()) {
                throw new UsageException("option --select-on-test does not apply to " + family.type()
                        + " (it is fitted in closed form, not by epochs: there is no epoch to select)");
            }
            if (s.test() == null) {
                throw new IllegalArgumentException("--select-on-test: the split " + split + " has no test part");
            }
            data = data.selectingOnTest(s.test());
            System.err.println("recoder: --select-on-test: the epoch is chosen on the TEST targets, as the NCF reference code "
                    + "does; the model's test score is optimistic and its provenance says selected_on_test");
        }
        if (data.foldInInTraining()) {
            System.err.println("recoder: " + family.type() + " trains on the validation and test users' fold-in rows too (it "
                    + "cannot fold in new users); their held-out rows stay hidden");
        }
        ModelTraining.Trained t = ModelTraining.train(family, config, run, data);
        Model m = t.model();
        // The model first: a curve that cannot be written must never cost the trained model.
        Models.save(m, out);
        ModelTraining.writeCurve(t.curve(), out, spec.commandLine().getErr());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", m.type());
        r.put("out", out.toString());
        r.put("train_seconds", m.provenance().trainSeconds());
        r.put("data", m.provenance().data());
        if (preset != null) {
            r.put("preset", preset);
        }
        r.put("config", m.config());
        if (json) {
            spec.commandLine().getOut().println(Json.compact(r));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "trained %s on %s in %.2f s; saved %s%n", m.type(), Json.compact(m.provenance().data()),
                    m.provenance().trainSeconds(), out);
        }
        return 0;
    }
}
