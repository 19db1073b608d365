package org.recoder.models.gru4rec;

import java.util.ArrayList;
import java.util.List;
import org.recoder.nn.GruCell;
import org.recoder.nn.OneHotGruCell;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/**
 * GRU4Rec's parameters, written once for training and scoring: the item embedding {@code item.embedding}
 * (items × E, E the last layer's size: the output weights, and the input of the first layer unless a separate input
 * embedding {@code item.input} is configured), the output bias
 * {@code item.bias} (items × 1) and one {@link GruCell} per layer ({@code gru0}, {@code gru1}, …; the first takes E
 * inputs, or the separate embedding's, each other the previous layer's size). With one-hot input the first layer is
 * a {@link OneHotGruCell} ({@code gru0.x}, an items × 3H table, and its recurrent weights) instead.
 */
final class Gru4RecNetwork {
    final Param embedding;
    /** The separate input embedding ({@code item.input}, items × its size), or null when the embedding is shared. */
    final Param input;
    final Param bias;
    /** The first layer with one-hot input, or null; then {@code cells[0]} is null and the GRU cells start at 1. */
    final OneHotGruCell oneHot;
    /** The GRU cells from layer {@link #first()} on (earlier entries null). */
    final GruCell[] cells;
    final int[] sizes;
    final int items;

    Gru4RecNetwork(ParamSource params, int items, Gru4RecConfig config) {
        this.items = items;
        this.sizes = config.layerSizes();
        int e = sizes[sizes.length - 1];
        embedding = params.param("item.embedding", items, e);
        bias = params.param("item.bias", items, 1);
        input = config.input() == Gru4RecConfig.Input.SEPARATE ? params.param("item.input", items, config.embedding()) : null;
        oneHot = config.input() == Gru4RecConfig.Input.ONE_HOT ? new OneHotGruCell(params, "gru0", items, sizes[0]) : null;
        int in = input != null ? config.embedding() : e;
        cells = new GruCell[sizes.length];
        for (int l = first(); l < sizes.length; l++) {
            cells[l] = new GruCell(params, "gru" + l, l == 0 ? in : sizes[l - 1], sizes[l]);
        }
    }

    /** The first layer that is a {@link GruCell}: 1 with one-hot input, else 0. */
    int first() {
        return oneHot == null ? 0 : 1;
    }

    /** The GRU weights updated densely every step, layer by layer. */
    List<Param> denseParams() {
        List<Param> p = new ArrayList<>();
        if (oneHot != null) {
            p.addAll(oneHot.denseParams());
        }
        for (int l = first(); l < cells.length; l++) {
            GruCell c = cells[l];
            p.addAll(List.of(c.input().weight(), c.input().bias(), c.recurrent().weight(), c.recurrent().bias()));
        }
        return p;
    }

    int embeddingSize() {
        return sizes[sizes.length - 1];
    }

    List<Param> params() {
        List<Param> p = new ArrayList<>(List.of(embedding, bias));
        if (input != null) {
            p.add(input);
        }
        if (oneHot != null) {
            p.add(oneHot.gates());
        }
        p.addAll(denseParams());
        return p;
    }

    /**
     * Scores every item after the session {@code items} (oldest first): the layers stepped from a zero state one
     * event at a time, then the last layer's state times the embedding plus the bias. O(n · Σ 3H(in + H) + items · E).
     */
    void scoreSession(int[] session, float[] out) {
        float[][] h = zeroState();
        for (int item : session) {
            step(h, item);
        }
        scores(h[cells.length - 1], out);
    }

    /** Scores after each prefix of length 1 … n − 1, the state carried forward: n − 1 steps in all. */
    void scorePrefixes(int[] session, float[] out, org.recoder.api.SessionScorer.PrefixScores sink) {
        float[][] h = zeroState();
        for (int t = 1; t < session.length; t++) {
            step(h, session[t - 1]);
            scores(h[cells.length - 1], out);
            sink.accept(t, out);
        }
    }

    private float[][] zeroState() {
        float[][] h = new float[cells.length][];
        for (int l = 0; l < cells.length; l++) {
            h[l] = new float[sizes[l]];
        }
        return h;
    }

    /** One event through the layers, replacing each layer's state. */
    private void step(float[][] h, int item) {
        float[] x;
        if (oneHot != null) {
            x = new float[sizes[0]];
            oneHot.forward(new int[] {item}, h[0], 1, x, null, 1, oneHot.scratch(1));
            h[0] = x;
        } else {
            int e = input == null ? embeddingSize() : input.cols();
            x = java.util.Arrays.copyOfRange((input == null ? embedding : input).value(), item * e, item * e + e);
        }
        for (int l = first(); l < cells.length; l++) {
            float[] next = new float[sizes[l]];
            cells[l].forward(x, h[l], 1, next, null, 1);
            h[l] = next;
            x = next;
        }
    }

    /** out[i] = state · embedding[i] + bias[i], summed in double (scalar; a Vector API pass is left for the speed work). */
    private void scores(float[] state, float[] out) {
        int e = embeddingSize();
        float[] w = embedding.value();
        for (int i = 0; i < items; i++) {
            double s = bias.value()[i];
            for (int k = 0; k < e; k++) {
                s += (double) state[k] * w[i * e + k];
            }
            out[i] = (float) s;
        }
    }
}
