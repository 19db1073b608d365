package org.recoder.models.gru4rec;

import java.util.ArrayList;
import java.util.List;
import org.recoder.nn.GruCell;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/**
 * GRU4Rec's parameters, written once for training and scoring: the item embedding {@code item.embedding}
 * (items × E, E the last layer's size: the output weights, and the input of the first layer unless a separate input
 * embedding {@code item.input} is configured), the output bias
 * {@code item.bias} (items × 1) and one {@link GruCell} per layer ({@code gru0}, {@code gru1}, …; the first takes E
 * inputs, each other the previous layer's size).
 */
final class Gru4RecNetwork {
    final Param embedding;
    /** The separate input embedding ({@code item.input}, items × its size), or null when the embedding is shared. */
    final Param input;
    final Param bias;
    final GruCell[] cells;
    final int[] sizes;
    final int items;

    /** {@code inputSize} 0: the shared embedding is also the input; else a separate input embedding of that size. */
    Gru4RecNetwork(ParamSource params, int items, int[] sizes, int inputSize) {
        this.items = items;
        this.sizes = sizes.clone();
        int e = sizes[sizes.length - 1];
        embedding = params.param("item.embedding", items, e);
        bias = params.param("item.bias", items, 1);
        input = inputSize > 0 ? params.param("item.input", items, inputSize) : null;
        int in = inputSize > 0 ? inputSize : e;
        cells = new GruCell[sizes.length];
        for (int l = 0; l < sizes.length; l++) {
            cells[l] = new GruCell(params, "gru" + l, l == 0 ? in : sizes[l - 1], sizes[l]);
        }
    }

    int embeddingSize() {
        return sizes[sizes.length - 1];
    }

    List<Param> params() {
        List<Param> p = new ArrayList<>(List.of(embedding, bias));
        if (input != null) {
            p.add(input);
        }
        for (GruCell c : cells) {
            p.addAll(List.of(c.input().weight(), c.input().bias(), c.recurrent().weight(), c.recurrent().bias()));
        }
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
        int e = input == null ? embeddingSize() : input.cols();
        float[] x = java.util.Arrays.copyOfRange((input == null ? embedding : input).value(), item * e, item * e + e);
        for (int l = 0; l < cells.length; l++) {
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
