package org.recoder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.api.Hyperparameters;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.TrainingData;
import org.recoder.eval.MetricSpec;
import org.recoder.models.family.ModelFamily;
import org.recoder.train.BestCheckpoint;
import org.recoder.train.EarlyStopping;
import org.recoder.train.EpochListener;
import org.recoder.train.EpochLog;
import org.recoder.train.LearningCurve;
import org.recoder.train.TrainingOptions;

/**
 * Trains any model family from the command line's options, with no switch on model names: hyperparameters come
 * from {@code --set name=value} and the typed shorthands, run options ({@code --seed}, {@code --patience}, ...)
 * from what the family declares. Anything that does not apply to the family is an error naming the option.
 */
final class ModelTraining {
    /** The default seed of seeded trainers. */
    static final long DEFAULT_SEED = 98765L;

    private ModelTraining() {
    }

    /**
     * Options that are not hyperparameters; null means "not given".
     *
     * @param seed             the trainer's seed (seeded families)
     * @param patience         early stopping (iterative families)
     * @param validationMetric the metric to keep the best epoch by (iterative families)
     * @param checkpoint       the best-model checkpoint file (iterative families)
     */
    record RunOptions(Long seed, Integer patience, String validationMetric, Path checkpoint) {
        static RunOptions none() {
            return new RunOptions(null, null, null, null);
        }
    }

    /** A trained model and, for iterative families, its learning curve (else null). */
    record Trained(Model model, LearningCurve curve) {
    }

    /**
     * The family's defaults with {@code typed} (component name → value, from the typed options named in
     * {@code optionNames}) and then {@code settings} ({@code --set}) applied. A typed option whose component the
     * family lacks fails naming the option; a name given both ways fails too.
     */
    static <C extends Record> C configure(ModelFamily<C> family, Map<String, Object> typed, Map<String, String> optionNames,
                                          Map<String, String> settings) {
        return configure(family, null, typed, optionNames, settings);
    }

    /** As {@link #configure(ModelFamily, Map, Map, Map)} from the named preset ({@code --preset}) instead of the defaults. */
    static <C extends Record> C configure(ModelFamily<C> family, String preset, Map<String, Object> typed,
                                          Map<String, String> optionNames, Map<String, String> settings) {
        C base;
        try {
            base = family.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--preset " + preset + ": " + e.getMessage());
        }
        List<String> inapplicable = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        typed.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (!Hyperparameters.has(family.configType(), name)) {
                inapplicable.add(optionNames.getOrDefault(name, name));
            } else {
                values.put(name, value);
            }
        });
        if (!inapplicable.isEmpty()) {
            throw new UsageException("option " + String.join(", ", inapplicable) + " does not apply to " + family.type()
                    + " (its hyperparameters: " + String.join(", ", Hyperparameters.names(family.configType())) + ")");
        }
        for (String name : settings.keySet()) {
            if (values.containsKey(name)) {
                throw new UsageException("--set " + name + " and " + optionNames.get(name) + " both set " + name + "; give one");
            }
        }
        // Each typed option alone first, so that a bad value is reported against the option that gave it.
        values.forEach((name, value) -> {
            try {
                Hyperparameters.with(base, Map.of(name, value), family.type());
            } catch (IllegalArgumentException e) {
                throw new UsageException(optionNames.getOrDefault(name, name) + " " + value + ": " + e.getMessage());
            }
        });
        try {
            C config = Hyperparameters.with(base, values, family.type());
            return Hyperparameters.set(config, settings, family.type());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Rejects run options the family does not use. */
    static void check(ModelFamily<?> family, RunOptions o) {
        List<String> bad = new ArrayList<>();
        if (!family.seeded() && o.seed() != null) {
            bad.add("--seed");
        }
        if (!family.iterative()) {
            if (o.patience() != null) {
                bad.add("--patience");
            }
            if (o.validationMetric() != null) {
                bad.add("--validation-metric");
            }
            if (o.checkpoint() != null) {
                bad.add("--checkpoint");
            }
        }
        if (family.capabilities().contains(org.recoder.api.Capability.RATINGS) && o.validationMetric() != null) {
            // Rating predictors are validated by the RMSE of the held-out ratings (TrainingLoop), not by a ranking metric.
            throw new UsageException("option --validation-metric does not apply to " + family.type()
                    + " (a rating predictor: the best epoch is the one with the lowest validation RMSE)");
        }
        if (o.patience() != null && o.patience() < 1) {
            throw new UsageException("--patience must be ≥ 1, got " + o.patience());
        }
        if (!bad.isEmpty()) {
            throw new UsageException("option " + String.join(", ", bad) + " does not apply to " + family.type()
                    + (family.iterative() ? " (it draws no random numbers)"
                    : family.seeded() ? " (it is not trained through the epoch loop with per-epoch validation: all its epochs run)"
                    : " (it is fitted in closed form, not by epochs)"));
        }
    }

    /**
     * Trains {@code family} with {@code config} on {@code data}. Iterative families get the command line's
     * listeners: the progress bar on a terminal (log lines otherwise), early stopping, the best-model checkpoint,
     * and a learning curve (returned, for the caller to write once the model is saved).
     */
    static <C extends Record> Trained train(ModelFamily<C> family, C config, RunOptions o, TrainingData data) {
        return train(family, config, o, data, true);
    }

    /** As {@link #train(ModelFamily, Record, RunOptions, TrainingData)}; {@code progress} false: no epoch lines (experiments log their own). */
    static <C extends Record> Trained train(ModelFamily<C> family, C config, RunOptions o, TrainingData data, boolean progress) {
        return train(family, config, o, data, progress, null);
    }

    /**
     * As {@link #train(ModelFamily, Record, RunOptions, TrainingData, boolean)}, with {@code extra} (null for none)
     * told of every epoch too: the experiment's progress display.
     */
    static <C extends Record> Trained train(ModelFamily<C> family, C config, RunOptions o, TrainingData data, boolean progress,
                                            EpochListener extra) {
        check(family, o);
        long seed = o.seed() == null ? DEFAULT_SEED : o.seed();
        if (!family.iterative()) {
            return new Trained(family.trainer(config, seed, TrainingOptions.defaults()).fit(data), null);
        }
        TrainingOptions opts = TrainingOptions.defaults();
        if (o.validationMetric() != null) {
            opts = opts.withValidationMetric(MetricSpec.parse(o.validationMetric()));
        } else if (ModelFamily.SESSION_PROTOCOL.equals(data.split().protocol())) {
            // The session protocol's own measure (NARM's early stopping uses it), not the fold-in default.
            opts = opts.withValidationMetric(TrainingOptions.SESSION_VALIDATION_METRIC);
        }
        LearningCurve curve = new LearningCurve();
        List<EpochListener> listeners = new ArrayList<>(List.of(curve));
        if (extra != null) {
            listeners.add(extra);
        }
        if (o.patience() != null) {
            listeners.add(new EarlyStopping(o.patience()));
        }
        if (o.checkpoint() != null) {
            listeners.add(new BestCheckpoint(o.checkpoint(), ModelIO::save));
        }
        Object epochs = Hyperparameters.has(family.configType(), "epochs") ? Hyperparameters.get(config, "epochs") : 0;
        if (!progress) {
            return new Trained(family.trainer(config, seed, opts.withListeners(listeners)).fit(data), curve);
        }
        try (EpochProgress bar = new EpochProgress("train " + family.type(), ((Number) epochs).intValue())) {
            listeners.add(bar.active() ? bar : new EpochLog());
            Model m = family.trainer(config, seed, opts.withListeners(listeners)).fit(data);
            return new Trained(m, curve);
        }
    }

    /**
     * Writes the learning curve beside {@code modelFile} ({@code .curve.csv} and {@code .curve.png}); a curve that
     * cannot be written is a warning on stderr, never the loss of the trained model (which is saved first).
     */
    static void writeCurve(LearningCurve curve, Path modelFile, java.io.PrintWriter err) {
        if (curve == null) {
            return;
        }
        try {
            curve.writeCsvBeside(modelFile);
            LearningCurveChart.writeBeside(curve.reports(), modelFile);
        } catch (RuntimeException e) {
            err.println("recoder: warning: the model is saved, but its learning curve could not be written: " + e.getMessage());
            err.flush();
        }
    }
}
