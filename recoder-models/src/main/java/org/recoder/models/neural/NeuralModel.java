package org.recoder.models.neural;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.recoder.api.ModelIO;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;

/**
 * What the autoencoder models share: a {@link NeuralNetwork} holding the weights, fold-in by one forward pass over
 * a (by default L2-normalized) history, batch scoring of known users for evaluation, and the tensors to save,
 * named and shaped by the network's parameters.
 */
public abstract class NeuralModel implements Model, org.recoder.api.ItemSimilarity, org.recoder.api.Explainer {
    /** The step of the central differences in {@link #contributions}. */
    static final float STEP = 0.01f;
    private final Record config;
    private final Interactions known;
    private final NeuralNetwork network;
    private final Provenance provenance;

    protected NeuralModel(Record config, Interactions known, NeuralNetwork network, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.network = network;
        this.provenance = provenance;
    }

    /** Column norms of the output weights, computed on first use. */
    private volatile float[] itemNorms;

    /**
     * Gradient × input: history value v_h times ∂score_target/∂v_h, the derivative taken by central differences
     * (v_h ± {@value #STEP}) through the whole network, the input normalization included. The 2·|H| perturbed
     * histories go through the network as one batch, so an explanation costs about one batched forward pass. A local
     * attribution, not a split of the score: the contributions need not add up to it.
     */
    @Override
    public void contributions(int[] historyItems, float[] historyValues, int target, float[] out) {
        if (!canFoldIn()) {
            throw new UnsupportedOperationException(type() + " cannot score an anonymous history, so it cannot explain one");
        }
        int h = historyItems.length;
        if (h == 0) {
            return;
        }
        int rows = 2 * h;
        int[] ptr = new int[rows + 1];
        int[] cols = new int[rows * h];
        float[] vals = new float[rows * h];
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            ptr[r + 1] = ptr[r] + h;
            System.arraycopy(historyItems, 0, cols, r * h, h);
            System.arraycopy(historyValues, 0, vals, r * h, h);
            vals[r * h + r / 2] += (r % 2 == 0 ? STEP : -STEP);
            order[r] = r;
        }
        java.util.List<String> names = new java.util.ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            names.add("perturbed-" + r);
        }
        Interactions perturbed = new Interactions(IdIndex.of(names), known.items(), ptr, cols, vals, null);
        float[][] scores = new float[rows][known.numItems()];
        scoreRows(perturbed, order, 0, rows, scores);
        for (int k = 0; k < h; k++) {
            double derivative = ((double) scores[2 * k][target] - scores[2 * k + 1][target]) / (2 * STEP);
            out[k] = (float) (historyValues[k] * derivative);
        }
    }

    @Override
    public String explanationKind() {
        return "gradient × input: value × ∂score/∂value by central differences (step " + STEP + ") through the network";
    }

    /** One batch is one pass of matrix-matrix products, reading the |I|-wide output layer once for all its rows. */
    @Override
    public void freezeForServing() {
        network.outputLayer().freezeForInference();
    }

    @Override
    public boolean scoresBatchesFaster() {
        return true;
    }

    /** Cosine of the decoder's item vectors (columns of the output weights). O(width·items) per call. */
    @Override
    public void similarTo(int item, float[] out) {
        Param w = network.outputItemWeights();
        int d = w.rows();
        int n = w.cols();
        float[] v = w.value();
        float[] norms = itemNorms;
        if (norms == null) {
            norms = new float[n];
            for (int r = 0; r < d; r++) {
                for (int j = 0; j < n; j++) {
                    norms[j] += v[r * n + j] * v[r * n + j];
                }
            }
            for (int j = 0; j < n; j++) {
                norms[j] = (float) Math.sqrt(norms[j]);
            }
            itemNorms = norms;
        }
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int r = 0; r < d; r++) {
            float a = v[r * n + item];
            for (int j = 0; j < n; j++) {
                out[j] += a * v[r * n + j];
            }
        }
        for (int j = 0; j < n; j++) {
            float denom = norms[item] * norms[j];
            out[j] = denom > 0 ? out[j] / denom : 0f;
        }
    }

    @Override
    public String similarityKind() {
        return "cosine of the decoder's item vectors";
    }

    /** Whether the input rows are L2-normalized (Mult-VAE, RecVAE) or raw (CDAE). */
    protected boolean normalizeInput() {
        return true;
    }

    /** The known-user rows of {@code users[from, to)} of {@code histories}, for networks with user vectors. */
    protected int[] knownRows(Interactions histories, int[] users, int from, int to) {
        return null;
    }

    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        SparseBatch x = new SparseBatch();
        x.loadHistory(historyItems, historyValues, normalizeInput());
        network.infer(x, null, out);
    }

    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        int[] rows = knownRows(histories, users, from, to);
        SparseBatch x = new SparseBatch();
        x.load(histories, users, from, to, normalizeInput(), 0f, null);
        int n = known.numItems();
        float[] flat = new float[(to - from) * n];
        network.infer(x, rows, flat);
        for (int r = 0; r < to - from; r++) {
            System.arraycopy(flat, r * n, out[r], 0, n);
        }
    }

    @Override
    public final IdIndex items() {
        return known.items();
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public final Provenance provenance() {
        return provenance;
    }

    @Override
    public final Interactions knownUsers() {
        return known;
    }

    /** The network's parameters as F32 tensors of their shapes (views, not copies). */
    @Override
    public final Map<String, Tensor> tensors() {
        return Param.tensors(network.params());
    }

    /** The weights by name (copies). */
    public final Map<String, float[]> weights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Param p : network.params()) {
            copy.put(p.name(), Arrays.copyOf(p.value(), p.value().length));
        }
        return copy;
    }

    /**
     * Builds a saved model's network from its tensors: {@code build} constructs the network over a
     * {@link ParamSource} of the file's tensors, which checks every name and size the architecture asks for; a
     * mismatch fails naming the file and the tensor.
     */
    public static <N extends NeuralNetwork> N network(ModelIO.Saved s, Function<ParamSource, N> build) {
        return ParamSource.fromSaved(s, build);
    }
}
