package org.recoder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.Interactions;
import org.recoder.eval.EvaluationResult;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.io.AtomicFiles;
import org.recoder.api.Hyperparameters;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.Models;
import org.recoder.train.TrainingOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.data.HeldOut;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "The main job on the embedded synthetic dataset (no download): split, train, evaluate, recommend.")
final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", description = "Keep the split and models in this directory (default: a temporary one, removed).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        // The kernels compile on a spare core while the data is made and split (Warmup says why).
        org.recoder.linalg.Warmup.startInBackground();
        SyntheticData shape = SyntheticData.preset("small");
        Interactions data = shape.generate(seed).toInteractions(DuplicatePolicy.LAST);
        pw.printf(Locale.ROOT, "1. data    synthetic 'small' preset, seed %d: %,d users × %,d items, %,d ratings%n", seed,
                data.numUsers(), data.numItems(), data.nnz());
        Split split = StrongGeneralization.liang(3.5f, 0.1, 98765).split(data);
        Path dir = out != null ? out : Files.createTempDirectory("recoder-quickstart");
        try {
            Path splitDir = dir.resolve("split");
            SplitIO.write(split, splitDir, true);
            split = SplitIO.read(splitDir);
            HeldOut test = split.test();
            pw.printf(Locale.ROOT, "2. split   strong generalization (Liang et al. 2018), ratings > 3.5, 10%% validation and 10%% test users:%n"
                    + "           %,d training users, %,d test users (fold-in %,d / held-out %,d events) -> %s%n",
                    split.train().numUsers(), test.foldIn().numUsers(), test.foldIn().nnz(), test.holdout().nnz(), splitDir);
            TrainingData td = split.trainingData();
            List<Model> models = new ArrayList<>();
            for (String type : List.of("popularity", "itemknn", "ease", "multvae")) {
                Model m = train(Models.family(type), td);
                Models.save(m, dir.resolve(m.type() + ".recoder"));
                models.add(m);
            }
            pw.printf(Locale.ROOT, "3. train   popularity, item-kNN (100 neighbours, shrinkage 10), EASE (lambda 500),%n"
                    + "           Mult-VAE (%s; best validation epoch kept); saved to %s%n", describe(MULTVAE_SETTINGS), dir);
            List<MetricSpec> metrics = MetricSpec.liang();
            Evaluator ev = new Evaluator(metrics, org.recoder.util.Parallel.threads());
            pw.printf(Locale.ROOT, "4. evaluate on %d test users (mean ± standard error)%n%n", test.evaluableUsers());
            pw.printf(Locale.ROOT, "   %-12s", "model");
            for (MetricSpec s : metrics) {
                pw.printf(Locale.ROOT, " %-18s", s);
            }
            pw.println();
            for (Model m : models) {
                Model loaded = Models.load(dir.resolve(m.type() + ".recoder"));
                EvaluationResult r = ev.evaluate(loaded, test);
                pw.printf(Locale.ROOT, "   %-12s", m.type());
                for (MetricSpec s : metrics) {
                    pw.printf(Locale.ROOT, " %-18s", r.summaries().get(s.toString()));
                }
                pw.println();
            }
            sample(pw, Models.load(dir.resolve("multvae.recoder")), test);
            pw.printf(Locale.ROOT, "%ndone in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            if (out == null) {
                AtomicFiles.deleteRecursively(dir);
            }
        }
        return 0;
    }

    /**
     * Mult-VAE at the reference architecture [I-600-200-600-I], with a schedule sized for the small preset's 2,127
     * training users: smaller batches (more updates per epoch) and KL annealing over those updates.
     */
    static final Map<String, String> MULTVAE_SETTINGS = new LinkedHashMap<>();

    static {
        MULTVAE_SETTINGS.put("epochs", "20");
        MULTVAE_SETTINGS.put("batchSize", "100");
        MULTVAE_SETTINGS.put("annealSteps", "400");
    }

    private static <C extends Record> Model train(ModelFamily<C> family, TrainingData td) {
        Map<String, String> settings = family.type().equals("multvae") ? MULTVAE_SETTINGS : Map.of();
        C config = Hyperparameters.set(family.defaults(), settings, family.type());
        return family.trainer(config, ModelTraining.DEFAULT_SEED, TrainingOptions.defaults().withListeners(List.of())).fit(td);
    }

    private static String describe(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static void sample(PrintWriter pw, Model model, HeldOut test) {
        int u = test.holdout().nonEmptyUsers()[0];
        Interactions f = test.foldIn();
        List<String> history = new ArrayList<>();
        for (int i : f.rowItems(u)) {
            history.add(f.items().id(i));
        }
        Set<String> heldOut = new HashSet<>();
        for (int i : test.holdout().rowItems(u)) {
            heldOut.add(test.holdout().items().id(i));
        }
        List<Recommendation> recs = Recommender.of(model).forHistory(history, 10, List.of());
        pw.printf(Locale.ROOT, "%n5. recommend (Mult-VAE) for new test user %s from %d fold-in items (no retraining); * = a held-out item%n",
                f.users().id(u), history.size());
        for (int r = 0; r < recs.size(); r++) {
            Recommendation rec = recs.get(r);
            pw.printf(Locale.ROOT, "   %2d. %-8s %.3f%s%n", r + 1, rec.item(), rec.score(), heldOut.contains(rec.item()) ? "  *" : "");
        }
    }
}
