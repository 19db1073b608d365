package org.recoder.cli;

import java.util.ArrayList;
import java.util.List;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.linalg.Cholesky;
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.models.recvae.RecVaeConfig;
import org.recoder.models.recvae.RecVaeModel;
import org.recoder.models.recvae.RecVaeTrainer;
import org.recoder.models.vae.MultVaeConfig;
import org.recoder.models.vae.MultVaeModel;
import org.recoder.models.vae.MultVaeTrainer;

/** Maps a model name and the train command's options to a trainer, through a plain switch. */
final class ModelTraining {
    private ModelTraining() {
    }

    /** Hyperparameters from the command line; null means "not given". */
    record Options(Integer epochs, Double lambda, String precision, Integer neighbours, Float shrinkage, Integer threads, Long seed) {
    }

    static Model train(String model, Options o, TrainingData data) {
        return train(model, o, data, null);
    }

    /** As {@link #train(String, Options, TrainingData)}; iterative models also write their learning curve (CSV). */
    static Model train(String model, Options o, TrainingData data, java.nio.file.Path curveFile) {
        return switch (model) {
            case "popularity" -> {
                reject(model, o, "epochs", o.epochs(), "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage());
                yield new PopularityTrainer(new PopularityConfig()).fit(data);
            }
            case "itemknn" -> {
                reject(model, o, "epochs", o.epochs(), "lambda", o.lambda(), "precision", o.precision());
                ItemKnnConfig c = ItemKnnConfig.defaults();
                if (o.neighbours() != null) {
                    c = c.withNeighbours(o.neighbours());
                }
                if (o.shrinkage() != null) {
                    c = c.withShrinkage(o.shrinkage());
                }
                if (o.threads() != null) {
                    c = c.withThreads(o.threads());
                }
                yield new ItemKnnTrainer(c).fit(data);
            }
            case "ease" -> {
                reject(model, o, "epochs", o.epochs(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage());
                EaseConfig c = EaseConfig.defaults();
                if (o.lambda() != null) {
                    c = c.withLambda(o.lambda().floatValue());
                }
                if (o.precision() != null) {
                    c = c.withPrecision(switch (o.precision()) {
                        case "float32" -> Cholesky.Precision.FLOAT32;
                        case "float64" -> Cholesky.Precision.FLOAT64;
                        default -> throw new IllegalArgumentException("--precision must be float32 or float64, not " + o.precision());
                    });
                }
                if (o.threads() != null) {
                    c = c.withThreads(o.threads());
                }
                yield new EaseTrainer(c).fit(data);
            }
            case "recvae" -> {
                reject(model, o, "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage());
                RecVaeConfig c = RecVaeConfig.defaults();
                if (o.epochs() != null) {
                    c = c.withEpochs(o.epochs());
                }
                StringBuilder curve = new StringBuilder("epoch,loss,validation_ndcg@100,seconds,best\n");
                RecVaeModel m;
                try (EpochProgress progress = new EpochProgress("train recvae", c.epochs())) {
                    m = new RecVaeTrainer(c, o.seed() == null ? 98765L : o.seed(), List.of(e -> curve.append(
                            String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.3f,%b%n", e.epoch(), e.loss(),
                                    e.validationNdcg(), e.seconds(), e.best())), e -> progress.epoch(e.loss(), e.validationNdcg())))
                            .fit(data);
                }
                if (curveFile != null) {
                    org.recoder.io.AtomicFiles.writeString(curveFile, curve.toString());
                }
                yield m;
            }
            case "multvae", "multdae" -> {
                reject(model, o, "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage());
                MultVaeConfig c = model.equals("multvae") ? MultVaeConfig.multVae() : MultVaeConfig.multDae();
                if (o.epochs() != null) {
                    c = c.withEpochs(o.epochs());
                }
                StringBuilder curve = new StringBuilder("epoch,loss,beta,validation_ndcg@100,seconds,best\n");
                MultVaeModel m;
                try (EpochProgress progress = new EpochProgress("train " + model, c.epochs())) {
                    m = new MultVaeTrainer(c, o.seed() == null ? 98765L : o.seed(), List.of(e -> curve.append(
                            String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f,%b%n", e.epoch(), e.loss(), e.beta(),
                                    e.validationNdcg(), e.seconds(), e.best())), e -> progress.epoch(e.loss(), e.validationNdcg())))
                            .fit(data);
                }
                if (curveFile != null) {
                    org.recoder.io.AtomicFiles.writeString(curveFile, curve.toString());
                }
                yield m;
            }
            default -> throw new IllegalArgumentException("unknown model '" + model + "' (known: " + String.join(", ", Models.types()) + ")");
        };
    }

    private static void reject(String model, Options o, Object... nameValue) {
        List<String> bad = new ArrayList<>();
        for (int k = 0; k < nameValue.length; k += 2) {
            if (nameValue[k + 1] != null) {
                bad.add("--" + nameValue[k]);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("option " + String.join(", ", bad) + " does not apply to " + model);
        }
    }
}
