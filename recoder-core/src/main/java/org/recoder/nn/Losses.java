package org.recoder.nn;

import org.recoder.linalg.RowOps;

/** Loss functions with their gradients, as means over the batch rows (the convention of the reference code). */
public final class Losses {
    private Losses() {
    }

    /**
     * Multinomial negative log-likelihood −(1/B)·Σ_u Σ_i x_ui·log softmax(logits_u)_i with sparse targets x (the
     * batch's {@link SparseBatch#targets()}). Writes ∂/∂logits = (softmax·Σ_i x_ui − x_u)/B into {@code grad}
     * (which may be {@code logits} itself) and returns the loss. Cost O(B·n).
     */
    public static double multinomial(float[] logits, int batch, int n, SparseBatch x, float[] grad) {
        if (grad != logits) {
            System.arraycopy(logits, 0, grad, 0, batch * n);
        }
        float[] lse = new float[batch];
        RowOps.logSumExp(grad, batch, n, lse);
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                loss -= x.targets[p] * (grad[r * n + x.cols[p]] - lse[r]);
            }
        }
        RowOps.softmax(grad, batch, n);
        for (int r = 0; r < batch; r++) {
            double rowSum = 0;
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                rowSum += x.targets[p];
            }
            int off = r * n;
            float scale = (float) (rowSum / batch);
            for (int i = 0; i < n; i++) {
                grad[off + i] *= scale;
            }
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                grad[off + x.cols[p]] -= x.targets[p] / batch;
            }
        }
        return loss / batch;
    }

    /**
     * KL(N(μ, σ²) ‖ N(0, I)) = (1/B)·Σ_u Σ_d ½(−log σ² + σ² + μ² − 1), scaled by {@code weight}; adds
     * weight·∂/∂μ and weight·∂/∂logσ² into {@code dMu} and {@code dLogVar}, returns the unweighted value.
     */
    public static double gaussianKl(float[] mu, float[] logVar, int batch, int d, float weight, float[] dMu,
                                    float[] dLogVar) {
        double kl = 0;
        for (int k = 0; k < batch * d; k++) {
            double var = Math.exp(logVar[k]);
            kl += 0.5 * (-logVar[k] + var + (double) mu[k] * mu[k] - 1);
            dMu[k] += weight * mu[k] / batch;
            dLogVar[k] += (float) (weight * 0.5 * (var - 1) / batch);
        }
        return kl / batch;
    }
}
