package org.recoder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.eval.MetricSpec;
import org.recoder.linalg.Cholesky;
import org.recoder.models.Models;
import org.recoder.models.cdae.CdaeConfig;
import org.recoder.models.cdae.CdaeTrainer;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.models.recvae.RecVaeConfig;
import org.recoder.models.recvae.RecVaeTrainer;
import org.recoder.models.vae.MultVaeConfig;
import org.recoder.models.vae.MultVaeTrainer;
import org.recoder.train.BestCheckpoint;
import org.recoder.train.EarlyStopping;
import org.recoder.train.EpochListener;
import org.recoder.train.EpochLog;
import org.recoder.train.LearningCurve;
import org.recoder.train.TrainingOptions;

/** Maps a model name and the train command's options to a trainer, through a plain switch. */
final class ModelTraining {
    private ModelTraining() {
    }

    /** Hyperparameters from the command line; null means "not given". */
    record Options(Integer epochs, Double lambda, String precision, Integer neighbours, Float shrinkage, Integer threads, Long seed,
                   Integer patience, String validationMetric, Float betaCap, Integer batchSize, Integer annealSteps,
                   Path checkpoint) {
        /** Options with only the basic hyperparameters given. */
        Options(Integer epochs, Double lambda, String precision, Integer neighbours, Float shrinkage, Integer threads, Long seed) {
            this(epochs, lambda, precision, neighbours, shrinkage, threads, seed, null, null, null, null, null, null);
        }
    }

    /** Models trained by epochs, whose trainers take {@link TrainingOptions}. */
    static boolean isIterative(String model) {
        return List.of("multvae", "multdae", "recvae", "cdae").contains(model);
    }

    private static long seed(Options o) {
        return o.seed() == null ? 98765L : o.seed();
    }

    /**
     * Runs an epoch-based trainer with the CLI's listeners: the progress bar on a terminal (log lines otherwise),
     * early stopping (--patience), the
     * best-model checkpoint (--checkpoint), and the learning curve (CSV and PNG beside {@code modelFile}, if set).
     */
    private static Model iterative(String model, int epochs, Options o, Path modelFile, Function<TrainingOptions, Model> fit) {
        TrainingOptions opts = TrainingOptions.defaults();
        if (o.validationMetric() != null) {
            opts = opts.withValidationMetric(MetricSpec.parse(o.validationMetric()));
        }
        LearningCurve curve = new LearningCurve();
        List<EpochListener> listeners = new ArrayList<>(List.of(curve));
        if (o.patience() != null) {
            listeners.add(new EarlyStopping(o.patience()));
        }
        if (o.checkpoint() != null) {
            listeners.add(new BestCheckpoint(o.checkpoint(), Models::save));
        }
        Model m;
        try (EpochProgress progress = new EpochProgress("train " + model, epochs)) {
            listeners.add(progress.active() ? progress : new EpochLog());
            m = fit.apply(opts.withListeners(listeners));
        }
        if (modelFile != null) {
            curve.writeBeside(modelFile);
        }
        return m;
    }

    static Model train(String model, Options o, TrainingData data) {
        return train(model, o, data, null);
    }

    /**
     * As {@link #train(String, Options, TrainingData)}; iterative models also write their learning curve beside
     * {@code curveFile} (the model file) as MODEL.curve.csv and MODEL.curve.png, unless it is null.
     */
    static Model train(String model, Options o, TrainingData data, Path curveFile) {
        if (!isIterative(model)) {
            reject(model, o, "patience", o.patience(), "validation-metric", o.validationMetric(), "beta-cap", o.betaCap(),
                    "batch-size", o.batchSize(), "anneal-steps", o.annealSteps(), "checkpoint", o.checkpoint());
        }
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
                reject(model, o, "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage(),
                        "beta-cap", o.betaCap(), "anneal-steps", o.annealSteps());
                RecVaeConfig c = RecVaeConfig.defaults();
                if (o.epochs() != null) {
                    c = c.withEpochs(o.epochs());
                }
                if (o.batchSize() != null) {
                    c = c.withBatchSize(o.batchSize());
                }
                RecVaeConfig config = c;
                yield iterative(model, config.epochs(), o, curveFile, opts -> new RecVaeTrainer(config, seed(o), opts).fit(data));
            }
            case "multvae", "multdae" -> {
                reject(model, o, "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage());
                MultVaeConfig c = model.equals("multvae") ? MultVaeConfig.multVae() : MultVaeConfig.multDae();
                if (o.epochs() != null) {
                    c = c.withEpochs(o.epochs());
                }
                if (model.equals("multdae")) {
                    reject(model, o, "beta-cap", o.betaCap(), "anneal-steps", o.annealSteps());
                }
                if (o.betaCap() != null) {
                    c = c.withBetaCap(o.betaCap());
                }
                if (o.annealSteps() != null) {
                    c = c.withAnnealSteps(o.annealSteps());
                }
                if (o.batchSize() != null) {
                    c = c.withBatchSize(o.batchSize());
                }
                MultVaeConfig config = c;
                yield iterative(model, config.epochs(), o, curveFile, opts -> new MultVaeTrainer(config, seed(o), opts).fit(data));
            }
            case "cdae" -> {
                reject(model, o, "lambda", o.lambda(), "precision", o.precision(), "neighbours", o.neighbours(), "shrinkage", o.shrinkage(),
                        "beta-cap", o.betaCap(), "anneal-steps", o.annealSteps());
                CdaeConfig c = CdaeConfig.defaults();
                if (o.epochs() != null) {
                    c = c.withEpochs(o.epochs());
                }
                if (o.batchSize() != null) {
                    c = c.withBatchSize(o.batchSize());
                }
                CdaeConfig config = c;
                yield iterative(model, config.epochs(), o, curveFile, opts -> new CdaeTrainer(config, seed(o), opts).fit(data));
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
