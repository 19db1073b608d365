package org.recoder.models.cdae;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.linalg.RowOps;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.linalg.SparseDense;
import org.recoder.nn.Dense;
import org.recoder.nn.Embedding;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * The CDAE network, h = act(x̃·W_in + b_in + V_u), logits = h·W_out + b_out, and its training step with
 * hand-written backward. Weights: {@code enc} (|I|×h, sparse input), {@code user} (U×h), {@code dec} (h×|I|);
 * Xavier-normal weights and user vectors, zero biases (RecBole's {@code xavier_normal_initialization}).
 */
final class CdaeNetwork {
    private final CdaeConfig config;
    private final int items;
    final SparseDenseLayer input;
    final Embedding users;
    final Dense output;
    private float[] hidden = new float[0];
    private float[] userRows = new float[0];
    private float[] dHidden = new float[0];
    private float[] logits = new float[0];

    CdaeNetwork(CdaeConfig config, int items, int numUsers, SplittableRandom rng) {
        this.config = config;
        this.items = items;
        input = new SparseDenseLayer("enc", items, config.hidden());
        users = new Embedding("user", numUsers, config.hidden());
        output = new Dense("dec", config.hidden(), items);
        Init.xavierNormal(input.weight(), rng);
        Init.xavierNormal(users.table(), rng);
        Init.xavierNormal(output.weight(), rng);
    }

    List<Param> params() {
        return List.of(input.weight(), input.bias(), users.table(), output.weight(), output.bias());
    }

    Map<String, float[]> snapshot() {
        Map<String, float[]> s = new LinkedHashMap<>();
        for (Param p : params()) {
            s.put(p.name(), p.value().clone());
        }
        return s;
    }

    /**
     * Forward and backward for the batch {@code x} of users {@code ids[from, from + x.rows())} (rows of the user
     * table), accumulating gradients; returns the loss: the reconstruction summed over users and items, plus
     * the regularization.
     */
    double trainStep(SparseBatch x, int[] ids, int from) {
        int b = x.rows();
        int h = config.hidden();
        if (logits.length < b * items) {
            logits = new float[b * items];
            hidden = new float[b * h];
            userRows = new float[b * h];
            dHidden = new float[b * h];
        }
        input.forward(x, hidden);
        users.forward(ids, from, b, userRows);
        for (int k = 0; k < b * h; k++) {
            hidden[k] += userRows[k];
        }
        config.hiddenActivation().apply(hidden, b * h);
        output.forward(hidden, b, logits);
        double loss = reconstruction(config.loss(), logits, b, items, x, logits);
        output.backward(logits, b, dHidden);
        config.hiddenActivation().backward(hidden, dHidden, b * h);
        input.backward(dHidden);
        users.backward(dHidden);
        return loss + regularize(users.table()) + regularize(input.weight());
    }

    private double regularize(Param p) {
        float[] w = p.value();
        float[] g = p.grad();
        double reg = 0;
        if (config.l2() > 0) {
            double ss = 0;
            for (float v : w) {
                ss += (double) v * v;
            }
            double norm = Math.sqrt(ss);
            reg += config.l2() * norm;
            if (norm > 0) {
                float scale = (float) (config.l2() / norm);
                for (int i = 0; i < w.length; i++) {
                    g[i] += scale * w[i];
                }
            }
        }
        if (config.l1() > 0) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += Math.abs(w[i]);
                g[i] += config.l1() * Math.signum(w[i]);
            }
            reg += config.l1() * sum;
        }
        return reg;
    }

    /**
     * The reconstruction loss of logits z (b×n) against the batch's rows (their raw values as targets, 0
     * elsewhere), summed; writes ∂loss/∂z into {@code grad}, which may be {@code z} itself.
     */
    static double reconstruction(CdaeConfig.Loss loss, float[] z, int b, int n, SparseBatch x, float[] grad) {
        int[] ptr = x.pointers();
        int[] cols = x.columns();
        float[] y = x.targets();
        double sum = 0;
        if (loss == CdaeConfig.Loss.BCE) {
            for (int r = 0; r < b; r++) {
                for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                    sum -= (double) y[p] * z[r * n + cols[p]];
                }
                sum += RowOps.softplusSum(z, r * n, n, 1f, grad);
                for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                    grad[r * n + cols[p]] -= y[p];
                }
            }
            return sum;
        }
        if (grad != z) {
            System.arraycopy(z, 0, grad, 0, b * n);
        }
        Activation.SIGMOID.apply(grad, b * n);
        for (int r = 0; r < b; r++) {
            int q = ptr[r];
            for (int j = 0; j < n; j++) {
                int at = r * n + j;
                float s = grad[at];
                float target = 0f;
                if (q < ptr[r + 1] && cols[q] == j) {
                    target = y[q++];
                }
                float d = s - target;
                sum += (double) d * d;
                grad[at] = 2 * d * s * (1 - s);
            }
        }
        return sum;
    }

    /** Logits for the rows of {@code x} (uncorrupted input) of the users at rows {@code ids} of the user table. */
    static void infer(CdaeConfig c, int items, Map<String, float[]> w, SparseBatch x, int[] ids, float[] out) {
        int b = x.rows();
        int h = c.hidden();
        float[] a = new float[b * h];
        SparseDense.times(x.pointers(), x.columns(), x.values(), b, w.get("enc.weight"), h, 1f, 0f, a, 1);
        Dense.addBias(a, b, w.get("enc.bias"));
        float[] v = w.get("user.weight");
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < h; j++) {
                a[r * h + j] += v[ids[r] * h + j];
            }
        }
        c.hiddenActivation().apply(a, b * h);
        Dense.apply(a, b, h, w.get("dec.weight"), w.get("dec.bias"), items, out, 1);
    }
}
