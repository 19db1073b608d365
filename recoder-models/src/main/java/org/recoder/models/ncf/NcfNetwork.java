package org.recoder.models.ncf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.nn.Dense;
import org.recoder.nn.Embedding;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/**
 * The networks of NCF (He et al., WWW 2017), written once for training and scoring. For a (user, item) pair:
 * <ul>
 *   <li>GMF: h = p_u ⊙ q_i (factors), logit = hᵀw + b;</li>
 *   <li>MLP: x₀ = [p'_u, q'_i] (layers[0], each embedding half of it), x_l = ReLU(W_l·x_{l−1} + b_l) for the
 *       layers after the first, logit = x_Lᵀw + b;</li>
 *   <li>NeuMF: the two, with their own embeddings, logit = [h, x_L]ᵀw + b.</li>
 * </ul>
 * The prediction is σ(logit). Initialization as the reference code: embeddings N(0, 0.01²), hidden layers Glorot
 * uniform, the output layer LeCun uniform U(±√(3/fan_in)), biases 0.
 *
 * <p>Parameter names: {@code gmf.user}, {@code gmf.item} (GMF and NeuMF), {@code mlp.user}, {@code mlp.item},
 * {@code mlp.layerN} (MLP and NeuMF) and {@code output}, so that a NeuMF is initialized from a GMF and an MLP by
 * name ({@link #initFromPretrained}).
 */
final class NcfNetwork {
    enum Variant { GMF, MLP, NEUMF }

    final Variant variant;
    final int factors;
    final int[] layers;
    final int numUsers;
    final int numItems;
    final Embedding gmfUser;
    final Embedding gmfItem;
    final Embedding mlpUser;
    final Embedding mlpItem;
    final Dense[] tower;
    final Dense output;

    NcfNetwork(Variant variant, int factors, int[] layers, int numUsers, int numItems, ParamSource source) {
        this.variant = variant;
        this.factors = factors;
        this.layers = layers.clone();
        this.numUsers = numUsers;
        this.numItems = numItems;
        boolean gmf = variant != Variant.MLP;
        boolean mlp = variant != Variant.GMF;
        gmfUser = gmf ? new Embedding(source, "gmf.user", numUsers, factors) : null;
        gmfItem = gmf ? new Embedding(source, "gmf.item", numItems, factors) : null;
        int half = mlp ? layers[0] / 2 : 0;
        mlpUser = mlp ? new Embedding(source, "mlp.user", numUsers, half) : null;
        mlpItem = mlp ? new Embedding(source, "mlp.item", numItems, half) : null;
        tower = new Dense[mlp ? layers.length - 1 : 0];
        for (int l = 0; l < tower.length; l++) {
            tower[l] = new Dense(source, "mlp.layer" + (l + 1), layers[l], layers[l + 1]);
        }
        output = new Dense(source, "output", outputWidth(), 1);
    }

    int outputWidth() {
        return (variant != Variant.MLP ? factors : 0) + (variant != Variant.GMF ? layers[layers.length - 1] : 0);
    }

    /** Fresh weights drawn as the reference code draws them. */
    void initialize(SplittableRandom rng) {
        for (Embedding e : embeddings()) {
            float[] w = e.table().value();
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (0.01 * Init.gaussian(rng));
            }
        }
        for (Dense d : tower) {
            Init.xavierUniform(d.weight(), rng);
        }
        float a = (float) Math.sqrt(3.0 / output.in());
        float[] w = output.weight().value();
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((2 * rng.nextDouble() - 1) * a);
        }
    }

    /**
     * NeuMF from a trained GMF and MLP (the paper's pre-training): their embeddings and tower copied, the output
     * weights concatenated as [α·w_GMF, (1 − α)·w_MLP] and the bias α·b_GMF + (1 − α)·b_MLP.
     */
    void initFromPretrained(NcfNetwork gmf, NcfNetwork mlp, float alpha) {
        if (variant != Variant.NEUMF || gmf.variant != Variant.GMF || mlp.variant != Variant.MLP) {
            throw new IllegalArgumentException("NeuMF is initialized from a GMF and an MLP model");
        }
        copy(gmf.gmfUser.table(), gmfUser.table());
        copy(gmf.gmfItem.table(), gmfItem.table());
        copy(mlp.mlpUser.table(), mlpUser.table());
        copy(mlp.mlpItem.table(), mlpItem.table());
        for (int l = 0; l < tower.length; l++) {
            copy(mlp.tower[l].weight(), tower[l].weight());
            copy(mlp.tower[l].bias(), tower[l].bias());
        }
        float[] w = output.weight().value();
        float[] wg = gmf.output.weight().value();
        float[] wm = mlp.output.weight().value();
        for (int k = 0; k < wg.length; k++) {
            w[k] = alpha * wg[k];
        }
        for (int k = 0; k < wm.length; k++) {
            w[wg.length + k] = (1 - alpha) * wm[k];
        }
        output.bias().value()[0] = alpha * gmf.output.bias().value()[0] + (1 - alpha) * mlp.output.bias().value()[0];
    }

    private static void copy(Param from, Param to) {
        if (from.rows() != to.rows() || from.cols() != to.cols()) {
            throw new IllegalArgumentException("pre-trained " + from.name() + " is " + from.rows() + "×" + from.cols()
                    + ", NeuMF needs " + to.rows() + "×" + to.cols() + " (same data, factors and layers)");
        }
        System.arraycopy(from.value(), 0, to.value(), 0, to.value().length);
    }

    List<Embedding> embeddings() {
        List<Embedding> e = new ArrayList<>();
        for (Embedding x : new Embedding[] {gmfUser, gmfItem, mlpUser, mlpItem}) {
            if (x != null) {
                e.add(x);
            }
        }
        return e;
    }

    /** The embedding tables (updated at the rows a batch touches). */
    List<Param> tables() {
        return embeddings().stream().map(Embedding::table).toList();
    }

    /** The dense parameters: tower and output layer. */
    List<Param> denseParams() {
        List<Param> p = new ArrayList<>();
        for (Dense d : tower) {
            p.add(d.weight());
            p.add(d.bias());
        }
        p.add(output.weight());
        p.add(output.bias());
        return p;
    }

    List<Param> params() {
        List<Param> p = new ArrayList<>(tables());
        p.addAll(denseParams());
        return p;
    }

    /** A network over the same weight arrays with gradients of its own: one per training thread. */
    NcfNetwork replica() {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Param p : params()) {
            w.put(p.name(), p.value());
        }
        return new NcfNetwork(variant, factors, layers, numUsers, numItems, ParamSource.of(w));
    }

    /** Activations and gradients for up to {@code capacity} pairs, allocated once. */
    final class Pass {
        final int capacity;
        final float[] gu;
        final float[] gi;
        final float[] mu;
        final float[] mi;
        /** x[0] is [p'_u, q'_i]; x[l] the output of tower layer l (after ReLU). */
        final float[][] x;
        final float[][] dx;
        final float[] head;
        final float[] logits;
        final float[] dLogits;
        final float[] dHead;
        final float[] dgu;
        final float[] dgi;
        final float[] dmu;
        final float[] dmi;

        Pass(int capacity) {
            this.capacity = capacity;
            int f = variant != Variant.MLP ? factors : 0;
            int half = variant != Variant.GMF ? layers[0] / 2 : 0;
            gu = new float[capacity * f];
            gi = new float[capacity * f];
            dgu = new float[capacity * f];
            dgi = new float[capacity * f];
            mu = new float[capacity * half];
            mi = new float[capacity * half];
            dmu = new float[capacity * half];
            dmi = new float[capacity * half];
            int depth = variant != Variant.GMF ? layers.length : 0;
            x = new float[depth][];
            dx = new float[depth][];
            for (int l = 0; l < depth; l++) {
                x[l] = new float[capacity * layers[l]];
                dx[l] = new float[capacity * layers[l]];
            }
            head = new float[capacity * outputWidth()];
            dHead = new float[capacity * outputWidth()];
            logits = new float[capacity];
            dLogits = new float[capacity];
        }
    }

    /** Logits of pairs (users[from + r], items[from + r]), r < n ≤ capacity, into {@code p.logits}. */
    void forward(Pass p, int[] users, int[] items, int from, int n) {
        int width = outputWidth();
        int f = factors;
        if (variant != Variant.MLP) {
            gmfUser.forward(users, from, n, p.gu);
            gmfItem.forward(items, from, n, p.gi);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < f; j++) {
                    p.head[r * width + j] = p.gu[r * f + j] * p.gi[r * f + j];
                }
            }
        }
        if (variant != Variant.GMF) {
            int half = layers[0] / 2;
            mlpUser.forward(users, from, n, p.mu);
            mlpItem.forward(items, from, n, p.mi);
            float[] x0 = p.x[0];
            for (int r = 0; r < n; r++) {
                System.arraycopy(p.mu, r * half, x0, r * layers[0], half);
                System.arraycopy(p.mi, r * half, x0, r * layers[0] + half, half);
            }
            for (int l = 0; l < tower.length; l++) {
                float[] y = p.x[l + 1];
                tower[l].forward(p.x[l], n, y, 1);
                for (int k = 0; k < n * layers[l + 1]; k++) {
                    y[k] = Math.max(0f, y[k]);
                }
            }
            int last = layers[layers.length - 1];
            int at = variant == Variant.NEUMF ? f : 0;
            float[] xl = p.x[layers.length - 1];
            for (int r = 0; r < n; r++) {
                System.arraycopy(xl, r * last, p.head, r * width + at, last);
            }
        }
        output.forward(p.head, n, p.logits, 1);
    }

    /**
     * Backward pass of the mean binary cross-entropy ({@code scale} = 1 / batch size) against {@code labels}
     * (1 positive, 0 negative) after {@link #forward} of the same pairs: the dense layers' gradients accumulate in this
     * network's parameters, the embedding rows' gradients are left per pair in {@code p.dgu}, {@code p.dgi},
     * {@code p.dmu}, {@code p.dmi} (for the caller to add to the tables). Returns the summed (unscaled) loss.
     */
    double backward(Pass p, float[] labels, int from, int n, float scale) {
        double loss = 0;
        for (int r = 0; r < n; r++) {
            float z = p.logits[r];
            float y = labels[from + r];
            // BCE with logits, stable form: max(z, 0) − z·y + log(1 + e^−|z|).
            loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
            p.dLogits[r] = scale * (sigmoid(z) - y);
        }
        output.backward(p.head, p.dLogits, n, p.dHead);
        int width = outputWidth();
        int f = factors;
        if (variant != Variant.MLP) {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < f; j++) {
                    float d = p.dHead[r * width + j];
                    p.dgu[r * f + j] = d * p.gi[r * f + j];
                    p.dgi[r * f + j] = d * p.gu[r * f + j];
                }
            }
        }
        if (variant != Variant.GMF) {
            int last = layers[layers.length - 1];
            int at = variant == Variant.NEUMF ? f : 0;
            float[] dl = p.dx[layers.length - 1];
            for (int r = 0; r < n; r++) {
                System.arraycopy(p.dHead, r * width + at, dl, r * last, last);
            }
            for (int l = tower.length - 1; l >= 0; l--) {
                float[] y = p.x[l + 1];
                float[] dy = p.dx[l + 1];
                for (int k = 0; k < n * layers[l + 1]; k++) {
                    if (!(y[k] > 0)) {
                        dy[k] = 0f;
                    }
                }
                tower[l].backward(p.x[l], dy, n, p.dx[l]);
            }
            int half = layers[0] / 2;
            float[] d0 = p.dx[0];
            for (int r = 0; r < n; r++) {
                System.arraycopy(d0, r * layers[0], p.dmu, r * half, half);
                System.arraycopy(d0, r * layers[0] + half, p.dmi, r * half, half);
            }
        }
        return loss;
    }

    static float sigmoid(float z) {
        return 1f / (1f + (float) Math.exp(-z));
    }
}
