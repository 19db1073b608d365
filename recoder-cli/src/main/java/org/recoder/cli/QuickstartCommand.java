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
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.protocol.HeldOut;
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
            TrainingData td = TrainingData.of(split);
            List<Model> models = List.of(new PopularityTrainer(new PopularityConfig()).fit(td),
                    new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td), new EaseTrainer(EaseConfig.defaults()).fit(td));
            for (Model m : models) {
                Path f = dir.resolve(m.type() + ".recoder");
                Models.save(m, f);
            }
            pw.printf(Locale.ROOT, "3. train   popularity, item-kNN (100 neighbours, shrinkage 10), EASE (lambda 500); saved to %s%n", dir);
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
            sample(pw, Models.load(dir.resolve("itemknn.recoder")), test);
            pw.printf(Locale.ROOT, "%ndone in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            if (out == null) {
                AtomicFiles.deleteRecursively(dir);
            }
        }
        return 0;
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
        pw.printf(Locale.ROOT, "%n5. recommend for new test user %s from %d fold-in items (no retraining); * = a held-out item%n",
                f.users().id(u), history.size());
        for (int r = 0; r < recs.size(); r++) {
            Recommendation rec = recs.get(r);
            pw.printf(Locale.ROOT, "   %2d. %-8s %.3f%s%n", r + 1, rec.item(), rec.score(), heldOut.contains(rec.item()) ? "  *" : "");
        }
    }
}
