package org.recoder.models.gru4rec;

/**
 * GRU4Rec's two recommended losses over a mini-batch's score matrix O (rows × columns, row-major): row b's target is
 * column b (the mini-batch's own next items come first, the shared negatives after them). Each returns the loss
 * summed over the rows and divided by {@code norm} (the official code divides by the batch size, not by the rows
 * still running), and writes ∂loss/∂O into {@code grad}.
 */
final class Gru4RecLosses {
    private Gru4RecLosses() {
    }

    /**
     * Cross-entropy of the softmax over each row: −Σ_b log softmax(O_b)_b. With {@code logCorrection} (per column,
     * or null), the row is softmaxed over O − logCorrection (the logQ correction); as the official code, 1e-24 is
     * added inside the logarithm.
     */
    static double crossEntropy(float[] o, int rows, int cols, float[] logCorrection, double norm, float[] grad) {
        double loss = 0;
        double[] e = new double[cols];
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
    static double bprMax(float[] o, int rows, int cols, double elu, double bpreg, double norm, float[] grad) {
        double loss = 0;
        double[] x = new double[cols];
        double[] s = new double[cols];
        double[] sig = new double[cols];
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
}
