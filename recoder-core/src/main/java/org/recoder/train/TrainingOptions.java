package org.recoder.train;

import java.util.List;
import org.recoder.eval.MetricSpec;

/**
 * How a trainer runs its epochs, apart from the model's hyperparameters: the metric validated after every epoch
 * (the best epoch by it is kept) and the listeners.
 *
 * @param validationMetric metric on the validation users' held-out items given their fold-in (default NDCG@100);
 *                         higher is better, so coverage-style or error metrics do not apply
 * @param listeners        called after every epoch, in order
 */
public record TrainingOptions(MetricSpec validationMetric, List<EpochListener> listeners) {
    public TrainingOptions {
        if (validationMetric.isCoverage()) {
            throw new IllegalArgumentException("validation metric must be a per-user ranking metric, not " + validationMetric);
        }
        listeners = List.copyOf(listeners);
    }

    /** The validation metric of session models: Recall@20 over the validation sessions' next events (NARM, GRU4Rec). */
    public static final MetricSpec SESSION_VALIDATION_METRIC = new MetricSpec("recall", 20);

    /** NDCG@100 (Liang et al.) and one log line per epoch ({@link EpochLog}). */
    public static TrainingOptions defaults() {
        return new TrainingOptions(new MetricSpec("ndcg", 100), List.of(new EpochLog()));
    }

    /** Recall@20 on the validation sessions ({@link #SESSION_VALIDATION_METRIC}) and one log line per epoch. */
    public static TrainingOptions sessionDefaults() {
        return defaults().withValidationMetric(SESSION_VALIDATION_METRIC);
    }

    /** These options with {@code l} as the listeners, replacing the default log line. */
    public TrainingOptions withListeners(List<EpochListener> l) {
        return new TrainingOptions(validationMetric, l);
    }

    public TrainingOptions withValidationMetric(MetricSpec m) {
        return new TrainingOptions(m, listeners);
    }
}
