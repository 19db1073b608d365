package org.recoder.models.bprmf;

import org.recoder.api.Doc;

/**
 * BPR-MF's hyperparameters, the defaults of the {@code implicit} library's BPR (100 factors, learning rate 0.01,
 * regularization 0.01, 100 epochs; factors drawn U(−0.5, 0.5)/factors), with the best epoch on the validation
 * items kept.
 *
 * @param factors        length of p_u and q_i
 * @param learningRate   SGD step
 * @param regularization λ on p_u, q_i, q_j and the item biases in each step
 * @param epochs         passes of nnz sampled (u, i, j) triples each
 */
public record BprMfConfig(
        @Doc("length of the user and item factors") int factors,
        @Doc("SGD step") float learningRate,
        @Doc("L2 weight on the factors and item biases in each step") float regularization,
        @Doc("passes of nnz sampled (user, positive, negative) triples; the best on validation is kept") int epochs) {
    public BprMfConfig {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be ≥ 1, got " + factors);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(regularization >= 0) || Float.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be ≥ 0, got " + regularization);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        }
    }

    public static BprMfConfig defaults() {
        return new BprMfConfig(100, 0.01f, 0.01f, 100);
    }
}
