package org.recoder.api;

import java.util.Map;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;

/**
 * A trained model: an {@link ItemScorer} that also knows its type, hyperparameters, provenance and the
 * training histories of its known users (so that they can be served by id). Immutable.
 */
public interface Model extends ItemScorer {
    /** The model type as written in model files and on the command line ({@code itemknn}, {@code ease}, ...). */
    String type();

    /** The hyperparameter record it was trained with. */
    Record config();

    Provenance provenance();

    /** Training histories of known users, over {@link #items()}. */
    Interactions knownUsers();

    /**
     * The model's own tensors by name, as the model file stores them beside the shared parts
     * ({@link ModelIO#save(Model, java.nio.file.Path)}): views of the weights, not copies.
     */
    Map<String, Tensor> tensors();
}
