package org.recoder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    @Parameters(index = "0", description = "Model: popularity, itemknn.")
    String model;

    @Option(names = "--split", required = true, description = "Split directory (only train.tsv is required).")
    Path split;

    @Option(names = "--out", required = true, description = "Model file to write (atomically).")
    Path out;

    @Option(names = "--epochs", description = "Training epochs (iterative models).")
    Integer epochs;

    @Option(names = "--lambda", description = "Regularization strength (EASE, ...).")
    Double lambda;

    @Option(names = "--neighbours", description = "itemknn: neighbours per item. Default: 100.")
    Integer neighbours;

    @Option(names = "--shrinkage", description = "itemknn: cosine shrinkage. Default: 10.")
    Float shrinkage;

    @Option(names = "--threads", description = "Worker threads (0 = all cores).")
    Integer threads;

    @Option(names = "--seed", description = "Seed of the trainer.")
    Long seed;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() {
        Split s = SplitIO.read(split);
        Model m = ModelTraining.train(model, new ModelTraining.Options(epochs, lambda, neighbours, shrinkage, threads, seed), TrainingData.of(s));
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
