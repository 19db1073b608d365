package org.recoder.models.vasp;

import org.recoder.nn.SparseBatch;

/**
 * The losses of VASP on output probabilities p (rows × s, each in [0, 1]) against binary targets given sparsely,
 * with ∂loss/∂p. Reductions as Keras computed them in the notebook: the focal loss summed over items and averaged
 * over the batch ({@code tfa.losses.sigmoid_focal_crossentropy}, then Keras' mean over samples); squared error and
 * cosine proximity averaged over items (MSE) or per row (cosine), then over the batch.
 *
 * <p>Items outside the model's sampled columns ({@code itemsSampling} &lt; 1) have p = 0 in the notebook's
 * full-width output: they add a constant to the loss (the focal and squared terms of their targets), never a
 * gradient. {@code dropped[r]} counts row r's target items there and {@code width} is the full item count, so the
 * reported loss is the notebook's.
 */
final class VaspLoss {
    /** Keras' epsilon: probabilities are clipped to [ε, 1 − ε] and ε is added inside the logarithms. */
    static final double EPS = 1e-7;

    private VaspLoss() {
    }

    /** The loss of {@code p} against {@code target} (rows of column indices, values ignored: present = 1); fills {@code dp}. */
    static double evaluate(VaspConfig.Loss loss, float alpha, float gamma, float[] p, int rows, int s, SparseBatch target,
                           int[] dropped, int width, float[] dp) {
        float[] y = new float[s];
        double total = 0;
        int[] ptr = target.pointers();
        int[] cols = target.columns();
        for (int r = 0; r < rows; r++) {
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                y[cols[k]] = 1f;
            }
            int off = r * s;
            int outside = dropped == null ? 0 : dropped[r];
            total += switch (loss) {
                case FOCAL -> focalRow(alpha, gamma, p, off, s, y, dp, rows) + outside * alpha * -Math.log(EPS + EPS);
                case SQUARED -> squaredRow(p, off, s, y, dp, rows, width) + (double) outside / width;
                case COSINE -> cosineRow(p, off, s, y, dp, rows, ptr[r + 1] - ptr[r] + outside);
            };
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                y[cols[k]] = 0f;
            }
        }
        return total / rows;
    }

    /**
     * Σ_j α_t·(1 − p_t)^γ·ce_j with p_t = p for a target 1 (α_t = α) and 1 − p otherwise (α_t = 1 − α), and
     * ce = −log(clip(p) + ε) or −log(1 − clip(p) + ε); the clip passes no gradient outside [ε, 1 − ε].
     */
    private static double focalRow(float alpha, float gamma, float[] p, int off, int s, float[] y, float[] dp, int rows) {
        double sum = 0;
        for (int j = 0; j < s; j++) {
            double q = p[off + j];
            double c = Math.min(Math.max(q, EPS), 1 - EPS);
            boolean inside = q > EPS && q < 1 - EPS;
            double term;
            double grad;
            if (y[j] > 0) {
                double ce = -Math.log(c + EPS);
                double mod = power(1 - q, gamma);
                term = alpha * mod * ce;
                double dMod = gamma == 0 ? 0 : -gamma * power(1 - q, gamma - 1);
                double dCe = inside ? -1 / (c + EPS) : 0;
                grad = alpha * (dMod * ce + mod * dCe);
            } else {
                double ce = -Math.log(1 - c + EPS);
                double mod = power(q, gamma);
                term = (1 - alpha) * mod * ce;
                double dMod = gamma == 0 ? 0 : gamma * power(q, gamma - 1);
                double dCe = inside ? 1 / (1 - c + EPS) : 0;
                grad = (1 - alpha) * (dMod * ce + mod * dCe);
            }
            sum += term;
            dp[off + j] = (float) (grad / rows);
        }
        return sum;
    }

    /** x^γ, with the notebook's γ = 2 (and γ − 1 = 1) as multiplications. */
    private static double power(double x, float gamma) {
        if (gamma == 2f) {
            return x * x;
        }
        if (gamma == 1f) {
            return x;
        }
        return Math.pow(x, gamma);
    }

    /** Σ_j (y_j − p_j)² / width: Keras' MSE over the full item width. */
    private static double squaredRow(float[] p, int off, int s, float[] y, float[] dp, int rows, int width) {
        double sum = 0;
        for (int j = 0; j < s; j++) {
            double d = p[off + j] - y[j];
            sum += d * d;
            dp[off + j] = (float) (2 * d / width / rows);
        }
        return sum / width;
    }

    /**
     * 1 − cos(y, p), the notebook's {@code cosine_loss} (Keras' cosine_similarity, which l2-normalizes with
     * sqrt(max(Σx², 1e-12)), plus 1); {@code targetCount} is ‖y‖² (its entries are 0 or 1).
     */
    private static double cosineRow(float[] p, int off, int s, float[] y, float[] dp, int rows, int targetCount) {
        double pp = 0;
        double yp = 0;
        for (int j = 0; j < s; j++) {
            pp += (double) p[off + j] * p[off + j];
            yp += (double) y[j] * p[off + j];
        }
        double ny = Math.sqrt(Math.max(targetCount, 1e-12));
        double np = Math.sqrt(Math.max(pp, 1e-12));
        double cos = yp / (ny * np);
        boolean clamped = pp < 1e-12;
        for (int j = 0; j < s; j++) {
            // d(−cos)/dp_j = −y_j/(‖y‖‖p‖) + (y·p)·p_j/(‖y‖‖p‖³); the norm's clamp passes no gradient through ‖p‖.
            double g = -y[j] / (ny * np) + (clamped ? 0 : yp * p[off + j] / (ny * np * np * np));
            dp[off + j] = (float) (g / rows);
        }
        return 1 - cos;
    }
}
