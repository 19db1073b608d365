package org.recoder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model on a split directory's train.tsv and save it.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Model: popularity, itemknn, ease, multvae, multdae, recvae, cdae.")
    String model;

    @Option(names = "--split", required = true, description = "Split directory (only train.tsv is required).")
    Path split;

    @Option(names = "--out", required = true, description = "Model file to write (atomically).")
    Path out;

    @Option(names = "--epochs", description = "multvae, multdae, recvae, cdae: training epochs (default 200, 200, 50, 300; the best validation epoch is kept).")
    Integer epochs;

    @Option(names = "--batch-size", description = "multvae, multdae, recvae, cdae: users per minibatch (default 500; cdae 2048).")
    Integer batchSize;

    @Option(names = "--patience", description = "multvae, multdae, recvae, cdae: stop after this many epochs without a better validation metric (default: run every epoch).")
    Integer patience;

    @Option(names = "--checkpoint", description = "multvae, multdae, recvae, cdae: save the best model so far to this file after every improving epoch (atomically), so an interrupted run keeps it.")
    Path checkpoint;

    @Option(names = "--validation-metric", description = "multvae, multdae, recvae, cdae: metric validated after every epoch to keep the best, name@k as in evaluate --metrics (default ndcg@100).")
    String validationMetric;

    @Option(names = "--beta-cap", description = "multvae: the KL weight's cap (default 0.2). Liang et al. choose it by training with 1, reading β at the best epoch of MODEL.curve.csv, and retraining with that cap.")
    Float betaCap;

    @Option(names = "--anneal-steps", description = "multvae: minibatch updates over which β rises to its cap (default 200,000, the reference's).")
    Integer annealSteps;

    @Option(names = "--lambda", description = "ease: L2 weight on the Gram diagonal. Default: 500.")
    Double lambda;

    @Option(names = "--precision", description = "ease: float32 or float64 for the Gram matrix and its inverse. Default: float32.")
    String precision;

    @Option(names = "--blas", description = "Dense kernels: java (pure Java, the default), auto (OpenBLAS when installed, else Java) or native (OpenBLAS, required).")
    String blas;

    @Option(names = "--neighbours", description = "itemknn: neighbours per item. Default: 100.")
    Integer neighbours;

    @Option(names = "--shrinkage", description = "itemknn: cosine shrinkage. Default: 10.")
    Float shrinkage;

    @Option(names = "--threads", description = "Worker threads (0 = all cores).")
    Integer threads;

    @Option(names = "--seed", description = "multvae, multdae, recvae, cdae: seed of initialization, shuffling, dropout and sampling (default 98765).")
    Long seed;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() {
        if (blas != null) {
            if (!List.of("auto", "java", "native").contains(blas)) {
                throw new IllegalArgumentException("--blas must be auto, java or native, not " + blas);
            }
            System.setProperty("recoder.blas", blas);
        }
        Split s = SplitIO.read(split);
        TrainingData data = TrainingData.of(s);
        if (model.equals("cdae")) {
            // CDAE learns a vector per training user, so held-out users must be trained on to be scored at all.
            data = TrainingData.withFoldIn(s);
            System.err.println("recoder: cdae trains on the validation and test users' fold-in rows too (it cannot fold in "
                    + "new users); their held-out rows stay hidden");
        }
        Model m = ModelTraining.train(model, new ModelTraining.Options(epochs, lambda, precision, neighbours, shrinkage, threads,
                seed, patience, validationMetric, betaCap, batchSize, annealSteps, checkpoint), data, out);
        Models.save(m, out);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", m.type());
        r.put("out", out.toString());
        r.put("train_seconds", m.provenance().trainSeconds());
        r.put("data", m.provenance().data());
        if (json) {
            spec.commandLine().getOut().println(Json.compact(r));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "trained %s on %s in %.2f s; saved %s%n", m.type(), m.provenance().data(),
                    m.provenance().trainSeconds(), out);
        }
        return 0;
    }
}
