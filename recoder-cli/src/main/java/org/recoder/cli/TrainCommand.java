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

    @Parameters(index = "0", description = "Model: popularity, itemknn, ease, multvae, multdae, recvae.")
    String model;

    @Option(names = "--split", required = true, description = "Split directory (only train.tsv is required).")
    Path split;

    @Option(names = "--out", required = true, description = "Model file to write (atomically).")
    Path out;

    @Option(names = "--epochs", description = "multvae, multdae, recvae: training epochs (default 200, 200, 50; the best validation epoch is kept).")
    Integer epochs;

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

    @Option(names = "--seed", description = "multvae, multdae, recvae: seed of initialization, shuffling, dropout and sampling (default 98765).")
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
        Model m = ModelTraining.train(model,
                new ModelTraining.Options(epochs, lambda, precision, neighbours, shrinkage, threads, seed), TrainingData.of(s),
                out.resolveSibling(out.getFileName() + ".curve.csv"));
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
