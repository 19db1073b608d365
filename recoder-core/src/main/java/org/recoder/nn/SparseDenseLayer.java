package org.recoder.nn;

import org.recoder.linalg.SparseDense;

/**
 * The first layer of an autoencoder over item vectors: y = x·W + b with x a sparse batch, so the |I|-wide input
 * is never made dense. Forward keeps nothing (one layer object serves training and concurrent inference) and costs
 * O(nnz·out); backward, given the forward input, O(nnz·out + |I|·out) (the weight gradient is a scatter into W's
 * rows, done without per-thread copies by {@link SparseDense#transposeTimes}).
 */
public final class SparseDenseLayer {
    private final Param weight;
    private final Param bias;

    public SparseDenseLayer(String name, int items, int out) {
        this(ParamSource.fresh(), name, items, out);
    }

    /** {@code name.weight} (items×out) and {@code name.bias} (out) from {@code params}. */
    public SparseDenseLayer(ParamSource params, String name, int items, int out) {
        this.weight = params.param(name + ".weight", items, out);
        this.bias = params.param(name + ".bias", 1, out);
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int out() {
        return weight.cols();
    }

    /** y = x·W + b on all cores. */
    public void forward(SparseBatch x, float[] y) {
        forward(x, y, 0);
    }

    /** y = x·W + b on {@code threads} threads (1 for one of several parallel scorers). */
    public void forward(SparseBatch x, float[] y, int threads) {
        SparseDense.times(x.ptr, x.cols, x.vals, x.rows, weight.value, out(), 1f, 0f, y, threads);
        Dense.addBias(y, x.rows, bias.value);
    }

    /** Accumulates the parameter gradients for dy, {@code x} being the forward input. */
    public void backward(SparseBatch x, float[] dy) {
        int out = out();
        SparseDense.transposeTimes(x.ptr, x.cols, x.vals, x.rows, weight.rows(), dy, out, 1f, 1f, weight.grad(), 0);
        float[] db = bias.grad();
        for (int r = 0; r < x.rows; r++) {
            for (int j = 0; j < out; j++) {
                db[j] += dy[r * out + j];
            }
        }
    }
}
