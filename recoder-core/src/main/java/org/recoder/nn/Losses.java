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
     * Cross-entropy of a full softmax with one target per row, −(1/B)·Σ_r log softmax(logits_r)_{target_r} (NARM's
     * loss over all items). Writes ∂/∂logits = (softmax − onehot)/B into {@code grad} (which may be {@code logits}
     * itself), using {@code lse} (≥ batch floats) for the rows' log-sum-exp; returns the loss. Cost O(B·n).
     */
    public static double softmaxCrossEntropy(float[] logits, int batch, int n, int[] targets, float[] grad, float[] lse) {
        if (grad != logits) {
            System.arraycopy(logits, 0, grad, 0, batch * n);
        }
        RowOps.logSumExp(grad, batch, n, lse);
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            loss -= grad[r * n + targets[r]] - lse[r];
        }
        RowOps.softmax(grad, batch, n);
        float scale = 1f / batch;
        for (int k = 0; k < batch * n; k++) {
            grad[k] *= scale;
        }
        for (int r = 0; r < batch; r++) {
            grad[r * n + targets[r]] -= scale;
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
    /**
     * Binary cross-entropy with logits over every item, the batch's entries being the positives (1) and all other
     * items negatives (0): (1/B)·Σ_u Σ_i [softplus(z_ui) − y_ui·z_ui], computed stably. Writes ∂/∂z = (σ(z) − y)/B.
     */
    public static double binaryCrossEntropy(float[] logits, int batch, int n, SparseBatch x, float[] grad) {
        double loss = 0;
        for (int k = 0; k < batch * n; k++) {
            float z = logits[k];
            loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            grad[k] = (float) (1 / (1 + Math.exp(-z))) / batch;
        }
        for (int r = 0; r < batch; r++) {
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                int at = r * n + x.cols[p];
                loss -= logits[at];
                grad[at] -= 1f / batch;
            }
        }
        return loss / batch;
    }

    /**
     * Sigmoid focal loss (Lin et al. 2017) as {@code tfa.losses.sigmoid_focal_crossentropy}, which VASP uses:
     * Σ α_t·(1 − p_t)^γ·CE, p_t = p for positives and 1 − p for negatives, α_t = α or 1 − α, summed over items and
     * averaged over the batch. Writes ∂/∂z.
     */
    public static double sigmoidFocal(float[] logits, int batch, int n, SparseBatch x, float alpha, float gamma,
                                      float[] grad) {
        boolean[] positive = new boolean[n];
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                positive[x.cols[p]] = true;
            }
            for (int i = 0; i < n; i++) {
                int k = r * n + i;
                double z = logits[k];
                double p = 1 / (1 + Math.exp(-z));
                if (positive[i]) {
                    // −α(1−p)^γ log p;  d/dz = α(1−p)^γ (γ p log p − (1 − p)).
                    double logP = -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
                    loss -= alpha * Math.pow(1 - p, gamma) * logP;
                    grad[k] = (float) (alpha * Math.pow(1 - p, gamma) * (gamma * p * logP - (1 - p)) / batch);
                } else {
                    // −(1−α) p^γ log(1−p);  d/dz = −(1−α) p^γ (γ (1−p) log(1−p) − p).
                    double log1mP = -(Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
                    loss -= (1 - alpha) * Math.pow(p, gamma) * log1mP;
                    grad[k] = (float) (-(1 - alpha) * Math.pow(p, gamma) * (gamma * (1 - p) * log1mP - p) / batch);
                }
            }
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                positive[x.cols[p]] = false;
            }
        }
        return loss / batch;
    }

    /**
     * Squared error on the observed entries only (AutoRec): (1/B)·Σ_(u,i) observed (ŷ_ui − y_ui)²; unobserved
     * predictions get zero gradient. Writes ∂/∂ŷ into {@code grad} (zero elsewhere).
     */
    public static double squaredErrorObserved(float[] predictions, int batch, int n, SparseBatch x, float[] grad) {
        java.util.Arrays.fill(grad, 0, batch * n, 0f);
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            for (int p = x.ptr[r]; p < x.ptr[r + 1]; p++) {
                int at = r * n + x.cols[p];
                double d = predictions[at] - x.targets[p];
                loss += d * d;
                grad[at] = (float) (2 * d / batch);
            }
        }
        return loss / batch;
    }

    /**
     * log N(z; μ, diag(e^{logVar})) of each row, summed over the d dimensions, into {@code out[r]}. Adds
     * weight_r·∂/∂z, ∂/∂μ and ∂/∂logVar into the given arrays (any may be null), weight_r = {@code weights[r]}.
     */
    public static void gaussianLogDensity(float[] z, float[] mu, float[] logVar, int rows, int d, double[] out,
                                          float[] weights, float[] dz, float[] dMu, float[] dLogVar) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                int k = r * d + j;
                double diff = z[k] - mu[k];
                double inv = Math.exp(-logVar[k]);
                s += -0.5 * (Math.log(2 * Math.PI) + logVar[k] + diff * diff * inv);
                if (weights != null) {
                    float w = weights[r];
                    if (dz != null) {
                        dz[k] += (float) (-w * diff * inv);
                    }
                    if (dMu != null) {
                        dMu[k] += (float) (w * diff * inv);
                    }
                    if (dLogVar != null) {
                        dLogVar[k] += (float) (w * 0.5 * (diff * diff * inv - 1));
                    }
                }
            }
            out[r] = s;
        }
    }

    /**
     * log Σ_c π_c·N(z; μ_c, diag(e^{logVar_c})) per row (RecVAE's composite prior), the components given as
     * row-major rows×d arrays, by log-sum-exp over the components. Adds weights[r]·∂/∂z into {@code dz} (the
     * components get no gradient: in RecVAE they are constants or a frozen encoder).
     */
    public static void mixtureLogDensity(float[] z, float[][] mus, float[][] logVars, double[] mixture, int rows,
                                         int d, double[] out, float[] weights, float[] dz) {
        int c = mixture.length;
        double[][] comp = new double[c][rows];
        for (int k = 0; k < c; k++) {
            gaussianLogDensity(z, mus[k], logVars[k], rows, d, comp[k], null, null, null, null);
        }
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                comp[k][r] += Math.log(mixture[k]);
                max = Math.max(max, comp[k][r]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                sum += Math.exp(comp[k][r] - max);
            }
            out[r] = max + Math.log(sum);
            if (dz != null && weights != null) {
                // ∂/∂z = Σ_c resp_c·(−(z − μ_c)/σ_c²), resp_c the posterior responsibility of component c.
                for (int k = 0; k < c; k++) {
                    double resp = Math.exp(comp[k][r] - out[r]);
                    for (int j = 0; j < d; j++) {
                        int at = r * d + j;
                        dz[at] += (float) (weights[r] * resp * -(z[at] - mus[k][at]) * Math.exp(-logVars[k][at]));
                    }
                }
            }
        }
    }
}
