package org.recoder.models;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.io.ModelIO;
import org.recoder.io.Tensor;
import org.recoder.nn.SparseBatch;

/**
 * What the autoencoder models share: named weight arrays, fold-in by one forward pass over an L2-normalized
 * history (a batch of users at a time for evaluation), and saving the weights as F32 tensors by name. Subclasses
 * supply the forward pass; it must be thread-safe (own buffers), since the evaluator scores batches in parallel.
 */
public abstract class NeuralModel implements Model {
    private final Record config;
    private final Interactions known;
    private final Map<String, float[]> weights;
    private final Provenance provenance;

    protected NeuralModel(Record config, Interactions known, Map<String, float[]> weights, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.weights = weights;
        this.provenance = provenance;
    }

    /** Scores (logits) for every row of {@code x} into {@code out[rows × items]}. */
    protected abstract void forward(SparseBatch x, float[] out);

    @Override
    public final void score(int[] historyItems, float[] historyValues, float[] out) {
        SparseBatch x = new SparseBatch();
        x.loadHistory(historyItems, historyValues, true);
        forward(x, out);
    }

    @Override
    public final void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        SparseBatch x = new SparseBatch();
        x.load(histories, users, from, to, true, 0f, null);
        int n = known.numItems();
        float[] flat = new float[(to - from) * n];
        forward(x, flat);
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

    /** The stored weights by name (copies). */
    public final Map<String, float[]> weights() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        weights.forEach((k, v) -> copy.put(k, Arrays.copyOf(v, v.length)));
        return copy;
    }

    public final void save(Path file) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        weights.forEach((name, w) -> t.put(name, Tensor.of(w)));
        ModelIO.save(this, t, file);
    }

    /** Reads the tensors named in {@code expected} (name → length) from a saved model, checking each length. */
    public static Map<String, float[]> readWeights(ModelIO.Saved s, Map<String, Integer> expected) {
        Map<String, float[]> w = new LinkedHashMap<>();
        expected.forEach((name, size) -> {
            float[] v = s.tensor(name).floats();
            if (v.length != size) {
                throw new ModelFormatException(s.file(), "tensor " + name + " holds " + v.length + " values, expected " + size);
            }
            w.put(name, v);
        });
        return w;
    }
}
