package org.recoder.models.gru4rec;

/**
 * GRU4Rec's two recommended losses over a mini-batch's score matrix O (rows × columns, row-major): row b's target is
 * column b (the mini-batch's own next items come first, the shared negatives after them). Each returns the loss
 * summed over the rows and divided by {@code norm} (the official code divides by the batch size, not by the rows
 * still running), and writes ∂loss/∂O into {@code grad}. {@link Work} holds their per-row buffers, so that a
 * training step allocates nothing.
 */
final class Gru4RecLosses {
    private Gru4RecLosses() {
    }

    /** Per-row buffers for up to {@code cols} columns. */
    static final class Work {
        final double[] x;
        final double[] s;
        final double[] sig;

        Work(int cols) {
            x = new double[cols];
            s = new double[cols];
            sig = new double[cols];
        }
    }

    /**
     * Cross-entropy of the softmax over each row: −Σ_b log softmax(O_b)_b. With {@code logCorrection} (per column,
     * or null), the row is softmaxed over O − logCorrection (the logQ correction); as the official code, 1e-24 is
     * added inside the logarithm.
     */
    static double crossEntropy(float[] o, int rows, int cols, float[] logCorrection, double norm, float[] grad, double[] work) {
        double loss = 0;
        double[] e = work;
        for (int b = 0; b < rows; b++) {
            int at = b * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                e[j] = o[at + j] - (logCorrection == null ? 0 : logCorrection[j]);
                max = Math.max(max, e[j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                e[j] = Math.exp(e[j] - max);
                sum += e[j];
            }
            loss -= Math.log(e[b] / sum + 1e-24);
            for (int j = 0; j < cols; j++) {
                grad[at + j] = (float) ((e[j] / sum - (j == b ? 1 : 0)) / norm);
            }
        }
        return loss / norm;
    }

    /**
     * BPR-max (Hidasi &amp; Karatzoglou, CIKM 2018), with an ELU of α {@code elu} on the scores first when α &gt; 0:
     * with s the softmax of row b's scores over its other columns, −log Σ_j s_j σ(O_bb − O_bj) + bpreg · Σ_j s_j O_bj².
     */
    static double bprMax(float[] o, int rows, int cols, double elu, double bpreg, double norm, float[] grad, Work work) {
        double loss = 0;
        double[] x = work.x;
        double[] s = work.s;
        double[] sig = work.sig;
        for (int b = 0; b < rows; b++) {
            int at = b * cols;
            for (int j = 0; j < cols; j++) {
                double v = o[at + j];
                x[j] = elu > 0 && v <= 0 ? elu * (Math.exp(v) - 1) : v;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                if (j != b) {
                    max = Math.max(max, x[j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                s[j] = j == b ? 0 : Math.exp(x[j] - max);
                sum += s[j];
            }
            double a = 0;
            double reg = 0;
            double t = x[b];
            for (int j = 0; j < cols; j++) {
                s[j] /= sum;
                sig[j] = 1 / (1 + Math.exp(-(t - x[j])));
                a += s[j] * sig[j];
                reg += s[j] * x[j] * x[j];
            }
            loss += -Math.log(a + 1e-24) + bpreg * reg;
            double inv = 1 / (a + 1e-24);
            double dt = 0;
            for (int j = 0; j < cols; j++) {
                if (j == b) {
                    continue;
                }
                double dsig = sig[j] * (1 - sig[j]);
                dt += s[j] * dsig;
                double dA = -dsig * s[j] + s[j] * (sig[j] - a);
                double dB = 2 * x[j] * s[j] + s[j] * (x[j] * x[j] - reg);
                grad[at + j] = (float) (-inv * dA + bpreg * dB);
            }
            grad[at + b] = (float) (-inv * dt);
            for (int j = 0; j < cols; j++) {
                double v = o[at + j];
                double d = elu > 0 && v <= 0 ? elu * Math.exp(v) : 1;
                grad[at + j] = (float) (grad[at + j] * d / norm);
            }
        }
        return loss / norm;
    }

    /**
     * The pairwise ranking losses of the original GRU4Rec (Hidasi et al., ICLR 2016; TOP1-max from CIKM 2018), row b's
     * target x_b against its K = cols − 1 other columns x_j:
     * <ul>
     *   <li>BPR: (1/K) Σ_j −log σ(x_b − x_j);</li>
     *   <li>TOP1: (1/K) Σ_j [σ(x_j − x_b) + σ(x_j²)] (the second term pushes the negatives' scores to zero);</li>
     *   <li>TOP1-max: Σ_j s_j [σ(x_j − x_b) + σ(x_j²)], s the softmax of the row's other columns.</li>
     * </ul>
     * Summed over the rows and divided by {@code norm}; ∂loss/∂O into {@code grad}.
     */
    static double pairwise(Gru4RecConfig.Loss kind, float[] o, int rows, int cols, double norm, float[] grad) {
        double loss = 0;
        int k = cols - 1;
        for (int b = 0; b < rows; b++) {
            int at = b * cols;
            double t = o[at + b];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                if (j != b) {
                    max = Math.max(max, o[at + j]);
                }
            }
            double expSum = 0;
            if (kind == Gru4RecConfig.Loss.TOP1_MAX) {
                for (int j = 0; j < cols; j++) {
                    if (j != b) {
                        expSum += Math.exp(o[at + j] - max);
                    }
                }
            }
            double row = 0;
            double dt = 0;
            for (int j = 0; j < cols; j++) {
                if (j == b) {
                    continue;
                }
                double x = o[at + j];
                switch (kind) {
                    case BPR -> {
                        double sg = sigmoid(t - x);
                        row -= Math.log(sg + 1e-24) / k;
                        grad[at + j] = (float) ((1 - sg) / k);
                        dt -= (1 - sg) / k;
                    }
                    case TOP1 -> {
                        double u = sigmoid(x - t);
                        double q = sigmoid(x * x);
                        row += (u + q) / k;
                        grad[at + j] = (float) ((u * (1 - u) + q * (1 - q) * 2 * x) / k);
                        dt -= u * (1 - u) / k;
                    }
                    default -> {
                        // TOP1-max: the softmax weight's gradient needs the row's loss, so the first pass keeps g_j' and s_j.
                        double sj = Math.exp(x - max) / expSum;
                        double u = sigmoid(x - t);
                        double q = sigmoid(x * x);
                        row += sj * (u + q);
                        grad[at + j] = (float) (sj * (u * (1 - u) + q * (1 - q) * 2 * x));
                        dt -= sj * u * (1 - u);
                    }
                }
            }
            if (kind == Gru4RecConfig.Loss.TOP1_MAX) {
                for (int j = 0; j < cols; j++) {
                    if (j != b) {
                        double x = o[at + j];
                        double sj = Math.exp(x - max) / expSum;
                        grad[at + j] += (float) (sj * (sigmoid(x - t) + sigmoid(x * x) - row));
                    }
                }
            }
            grad[at + b] = (float) dt;
            for (int j = 0; j < cols; j++) {
                grad[at + j] = (float) (grad[at + j] / norm);
            }
            loss += row;
        }
        return loss / norm;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
