package org.recoder.models.ease;

import static org.recoder.util.Require.atLeast;
import static org.recoder.util.Require.notNull;
import static org.recoder.util.Require.positive;

import org.recoder.api.Doc;
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
 * @param blas      the dense kernels of the inverse: JAVA (pure Java on the Vector API, the default: results do not
 *                  depend on what the machine has installed), AUTO (OpenBLAS when it loads, else Java) or NATIVE
 *                  (OpenBLAS, required). Model files written before this field existed read as JAVA, which is what
 *                  they were trained with unless the old global {@code --blas} said otherwise
 */
public record EaseConfig(
        @Doc("L2 weight added to the Gram matrix diagonal") float lambda,
        @Doc("precision of the Gram matrix and its inverse") Cholesky.Precision precision,
        @Doc("treat every interaction as 1 (the paper); false uses the stored values") boolean binary,
        @Doc("worker threads, 0 = all cores") int threads,
        @Doc("kernels of the inverse: JAVA (Vector API), AUTO (OpenBLAS if installed) or NATIVE (OpenBLAS, required)") Blas blas) {
    /** Which dense kernels invert the Gram matrix. */
    public enum Blas { JAVA, AUTO, NATIVE }

    public EaseConfig {
        positive("lambda", lambda);
        notNull("precision", precision, "FLOAT32 or FLOAT64");
        atLeast("threads", threads, 0);
        if (blas == null) {
            blas = Blas.JAVA;
        }
    }

    /** λ = 500, float32, binary, all cores, pure-Java kernels. */
    public static EaseConfig defaults() {
        return new EaseConfig(500f, Cholesky.Precision.FLOAT32, true, 0, Blas.JAVA);
    }

    public EaseConfig withLambda(float l) {
        return new EaseConfig(l, precision, binary, threads, blas);
    }

    public EaseConfig withPrecision(Cholesky.Precision p) {
        return new EaseConfig(lambda, p, binary, threads, blas);
    }

    public EaseConfig withBinary(boolean b) {
        return new EaseConfig(lambda, precision, b, threads, blas);
    }

    public EaseConfig withThreads(int t) {
        return new EaseConfig(lambda, precision, binary, t, blas);
    }

    public EaseConfig withBlas(Blas b) {
        return new EaseConfig(lambda, precision, binary, threads, b);
    }
}
