package org.recoder.models.cdae;

import java.util.List;
import java.util.SplittableRandom;
import org.recoder.linalg.RowOps;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.models.neural.NeuralNetwork;
import org.recoder.nn.Dense;
import org.recoder.nn.Embedding;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.nn.SparseDenseLayer;

/**
 * The CDAE network, h = act(x̃·W_in + b_in + V_u), logits = h·W_out + b_out, and its training step with
 * hand-written backward. Weights: {@code enc} (|I|×h, sparse input), {@code user} (U×h), {@code dec} (h×|I|);
 * Xavier-normal weights and user vectors, zero biases (RecBole's {@code xavier_normal_initialization}).
 */
final class CdaeNetwork implements NeuralNetwork {
    private final CdaeConfig config;
    private final int items;
    final SparseDenseLayer input;
    final Embedding users;
    final Dense output;
    private final List<Param> params;
    private float[] hidden = new float[0];
    private float[] userRows = new float[0];
    private float[] dHidden = new float[0];
    private float[] logits = new float[0];

    /** A network to train: fresh parameters, Xavier-normal weights and user vectors from {@code rng}. */
    CdaeNetwork(CdaeConfig config, int items, int numUsers, SplittableRandom rng) {
        this(config, items, numUsers, ParamSource.fresh());
        Init.xavierNormal(input.weight(), rng);
        Init.xavierNormal(users.table(), rng);
        Init.xavierNormal(output.weight(), rng);
    }

    /** The network over parameters from {@code source}. */
    CdaeNetwork(CdaeConfig config, int items, int numUsers, ParamSource source) {
        this.config = config;
        this.items = items;
        input = new SparseDenseLayer(source, "enc", items, config.hidden());
        users = new Embedding(source, "user", numUsers, config.hidden());
        output = new Dense(source, "dec", config.hidden(), items);
        params = source.created();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public Dense outputLayer() {
        return output;
    }

    /** h = act(x·W_in + b + V_u) for the users at rows {@code ids[from, from + b)} of the user table. */
    private void hidden(SparseBatch x, int[] ids, int from, float[] h, float[] userBuffer, int threads) {
        int b = x.rows();
        int width = config.hidden();
        input.forward(x, h, threads);
        users.forward(ids, from, b, userBuffer);
        for (int k = 0; k < b * width; k++) {
            h[k] += userBuffer[k];
        }
        config.hiddenActivation().apply(h, b * width);
    }

    /** Logits for the rows of {@code x} (uncorrupted input) of the users at rows {@code userRows} of the table. */
    @Override
    public void infer(SparseBatch x, int[] userRows, float[] out) {
        int b = x.rows();
        float[] h = new float[b * config.hidden()];
        hidden(x, userRows, 0, h, new float[b * config.hidden()], 1);
        output.forward(h, b, out, 1);
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
        hidden(x, ids, from, hidden, userRows, 0);
        output.forward(hidden, b, logits);
        double loss = reconstruction(config.loss(), logits, b, items, x, logits);
        output.backward(hidden, logits, b, dHidden);
        config.hiddenActivation().backward(hidden, dHidden, b * h);
        input.backward(x, dHidden);
        users.backward(ids, from, b, dHidden);
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
}
