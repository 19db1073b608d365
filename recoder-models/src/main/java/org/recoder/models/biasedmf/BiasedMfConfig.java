package org.recoder.models.biasedmf;

import org.recoder.api.Doc;

/**
 * Biased MF's hyperparameters: the usual SGD settings of Funk and Koren (Surprise's SVD defaults: 100 factors,
 * learning rate 0.005, regularization 0.02, factors drawn from N(0, 0.1²), biases from 0); 20 epochs there, more
 * here with the best epoch on the validation ratings kept.
 *
 * @param factors        length of p_u and q_i
 * @param learningRate   SGD step
 * @param regularization λ on b_u, b_i, p_u and q_i in each step
 * @param initStd        standard deviation of the initial factors
 * @param epochs         passes over the training ratings, shuffled each time
 */
public record BiasedMfConfig(
        @Doc("length of the user and item factors") int factors,
        @Doc("SGD step") float learningRate,
        @Doc("L2 weight on biases and factors in each SGD step") float regularization,
        @Doc("standard deviation of the initial factors") float initStd,
        @Doc("passes over the shuffled training ratings; the best on the validation ratings is kept") int epochs) {
    public BiasedMfConfig {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be ≥ 1, got " + factors);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(regularization >= 0) || Float.isInfinite(regularization) || !(initStd >= 0) || Float.isInfinite(initStd)) {
            throw new IllegalArgumentException("regularization and initStd must be ≥ 0");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        }
    }

    public static BiasedMfConfig defaults() {
        return new BiasedMfConfig(100, 0.005f, 0.02f, 0.1f, 100);
    }
}
