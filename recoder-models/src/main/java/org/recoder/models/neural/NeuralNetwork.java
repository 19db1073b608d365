package org.recoder.models.neural;

import java.util.List;
import org.recoder.nn.Dense;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;

/**
 * A network of the autoencoder families as its model sees it: the parameters (which name and shape the saved
 * tensors) and the inference pass through the same layer objects that training uses.
 */
public interface NeuralNetwork {
    /** Every parameter, in a fixed order; their names are the model file's tensor names. */
    List<Param> params();

    /**
     * Scores (logits) for the rows of {@code x} into {@code out[rows × items]}, at evaluation settings (no dropout,
     * z = μ). {@code userRows} gives the known-user row of each batch row for networks with a vector per user
     * (CDAE), and is null otherwise. Thread-safe: buffers are per call, the layers keep nothing.
     */
    void infer(SparseBatch x, int[] userRows, float[] out);

    /** The |I|-wide output layer, the largest read of every inference pass. */
    Dense outputLayer();

    /**
     * The output layer's weights, shape [width, items]: column j is item j's vector in the decoder, whose cosine with
     * another item's is the model's item-item similarity.
     */
    default Param outputItemWeights() {
        return outputLayer().weight();
    }
}
