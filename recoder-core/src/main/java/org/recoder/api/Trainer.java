package org.recoder.api;

/**
 * Fits a model. A trainer holds a validated hyperparameter record and a seed and keeps no state between fits:
 * {@code fit} returns a new immutable model carrying its config, id indices and provenance.
 *
 * @param <M> the model type
 */
@FunctionalInterface
public interface Trainer<M extends Model> {
    M fit(TrainingData data);
}
