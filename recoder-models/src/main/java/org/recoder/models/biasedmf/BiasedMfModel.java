package org.recoder.models.biasedmf;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.models.family.RatingModel;
import org.recoder.nn.Param;

/**
 * Biased matrix factorization, r̂ᵤᵢ = μ + b_u + b_i + p_uᵀq_i (Koren, Bell & Volinsky, "Matrix Factorization
 * Techniques for Recommender Systems", IEEE Computer 2009), the baseline of the AutoRec paper (ML-1M RMSE 0.845),
 * fitted by SGD ({@link BiasedMfTrainer}). A new user is folded in without retraining: b_u and p_u are the ridge
 * solution over their rated items with the items' parameters fixed (penalty λ·n for n ratings, the penalty that SGD's
 * per-rating regularization adds up to). A user or item without training ratings has no terms of its own (μ + b_i,
 * or μ + b_u); every prediction is clipped to the training ratings' range. Scores for ranking are the predicted
 * ratings.
 *
 * <p>Cost: O(f) a prediction; fold-in O(n·f² + f³); the model holds (users + items)·(f + 1) + 1 numbers and the
 * training matrix.
 */
public final class BiasedMfModel extends RatingModel {
    public static final String TYPE = "biasedmf";
    private final BiasedMfConfig config;
    private final BiasedMfParams params;
    private final int[] itemDegrees;

    BiasedMfModel(BiasedMfConfig config, Interactions known, BiasedMfParams params, Provenance provenance) {
        super(config, known, provenance);
        this.config = config;
        this.params = params;
        this.itemDegrees = known.itemDegrees();
    }

    @Override
    public void predictKnown(int user, int[] items, float[] out) {
        requireKnown(user);
        int u = knownUsers().degree(user) > 0 ? user : -1;
        for (int n = 0; n < items.length; n++) {
            int i = items[n];
            if (itemDegrees[i] > 0) {
                out[n] = clip(params.predict(u, i));
            } else {
                out[n] = clip(params.mean.value()[0] + (u >= 0 ? params.userBias.value()[u] : 0f));
            }
        }
    }

    @Override
    public void predict(int[] historyItems, float[] historyRatings, int[] items, float[] out) {
        int f = params.factors;
        double[] x = foldIn(historyItems, historyRatings);
        float[] q = params.items.value();
        for (int n = 0; n < items.length; n++) {
            int i = items[n];
            double r = params.mean.value()[0] + x[0];
            if (itemDegrees[i] > 0) {
                r += params.itemBias.value()[i];
                for (int j = 0; j < f; j++) {
                    r += x[1 + j] * q[i * f + j];
                }
            }
            out[n] = clip((float) r);
        }
    }

    /** (b_u, p_u) minimizing Σ (r − μ − b_i − b_u − p_u·q_i)² + λ·n·(b_u² + ‖p_u‖²) over the history's known items. */
    double[] foldIn(int[] items, float[] ratings) {
        int d = params.factors + 1;
        double[] a = new double[d * d];
        double[] rhs = new double[d];
        int n = 0;
        float[] q = params.items.value();
        double[] z = new double[d];
        for (int h = 0; h < items.length; h++) {
            int i = items[h];
            if (itemDegrees[i] == 0) {
                continue;
            }
            n++;
            z[0] = 1;
            for (int j = 1; j < d; j++) {
                z[j] = q[i * params.factors + j - 1];
            }
            double target = ratings[h] - params.mean.value()[0] - params.itemBias.value()[i];
            for (int r = 0; r < d; r++) {
                rhs[r] += target * z[r];
                for (int c = 0; c <= r; c++) {
                    a[r * d + c] += z[r] * z[c];
                }
            }
        }
        double[] x = new double[d];
        if (n == 0) {
            return x;
        }
        double ridge = Math.max(config.regularization(), 1e-6) * n;
        for (int r = 0; r < d; r++) {
            a[r * d + r] += ridge;
        }
        // Cholesky of the symmetric positive-definite system (its lower triangle), then two triangular solves.
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * d + k] * a[j * d + k];
            }
            double diag = Math.sqrt(s);
            a[j * d + j] = diag;
            for (int r = j + 1; r < d; r++) {
                double t = a[r * d + j];
                for (int k = 0; k < j; k++) {
                    t -= a[r * d + k] * a[j * d + k];
                }
                a[r * d + j] = t / diag;
            }
        }
        for (int r = 0; r < d; r++) {
            double t = rhs[r];
            for (int k = 0; k < r; k++) {
                t -= a[r * d + k] * x[k];
            }
            x[r] = t / a[r * d + r];
        }
        for (int r = d - 1; r >= 0; r--) {
            double t = x[r];
            for (int k = r + 1; k < d; k++) {
                t -= a[k * d + r] * x[k];
            }
            x[r] = t / a[r * d + r];
        }
        return x;
    }

    /** Known users (by id) are scored with their own parameters; others are folded in from their history. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        int[] all = allItems();
        for (int r = from; r < to; r++) {
            int u = knownUsers().users().tryIndex(histories.users().id(users[r]));
            if (u >= 0) {
                predictKnown(u, all, out[r - from]);
            } else {
                score(histories.rowItems(users[r]), histories.rowValues(users[r]), out[r - from]);
            }
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BiasedMfConfig config() {
        return config;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Param.tensors(params.all());
    }
}
