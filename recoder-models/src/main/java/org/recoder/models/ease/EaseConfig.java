package org.recoder.models.ease;

import org.recoder.linalg.Cholesky;

/**
 * Hyperparameters of EASE.
 *
 * @param lambda    L2 weight added to the Gram matrix diagonal (Steck: 500 for ML-20M, 1000 for Netflix, 200 for
 *                  MSD; 500 by default)
 * @param precision storage precision of the Gram matrix and its inverse; FLOAT32 by default (half the memory and
 *                  twice the speed; FLOAT64 gives the same NDCG@100 within 0.001 on the shared datasets). B is
 *                  stored as float32 either way
 * @param binary    treat every stored interaction as 1, as the paper and the Liang protocol do (default true);
 *                  false uses the stored values
 * @param threads   worker threads (0 = all cores); OpenBLAS, when selected, uses its own
 */
public record EaseConfig(float lambda, Cholesky.Precision precision, boolean binary, int threads) {
    public EaseConfig {
        if (!(lambda > 0) || Float.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number > 0, got " + lambda);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be FLOAT32 or FLOAT64");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0, got " + threads);
        }
    }

    /** λ = 500, float32, binary, all cores. */
    public static EaseConfig defaults() {
        return new EaseConfig(500f, Cholesky.Precision.FLOAT32, true, 0);
    }

    public EaseConfig withLambda(float l) {
        return new EaseConfig(l, precision, binary, threads);
    }

    public EaseConfig withPrecision(Cholesky.Precision p) {
        return new EaseConfig(lambda, p, binary, threads);
    }

    public EaseConfig withBinary(boolean b) {
        return new EaseConfig(lambda, precision, b, threads);
    }

    public EaseConfig withThreads(int t) {
        return new EaseConfig(lambda, precision, binary, t);
    }
}
