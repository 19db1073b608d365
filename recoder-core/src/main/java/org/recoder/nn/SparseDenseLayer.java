package org.recoder.nn;

import org.recoder.linalg.SparseDense;

/**
 * The first layer of an autoencoder over item vectors: y = x·W + b with x a sparse batch, so the |I|-wide input
 * is never made dense. Forward costs O(nnz·out), backward O(nnz·out + |I|·out) (the weight gradient is a
 * scatter into W's rows, done without per-thread copies by {@link SparseDense#transposeTimes}).
 */
public final class SparseDenseLayer {
    private final Param weight;
    private final Param bias;
    private SparseBatch input;

    public SparseDenseLayer(String name, int items, int out) {
        this.weight = new Param(name + ".weight", items, out);
        this.bias = new Param(name + ".bias", 1, out);
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

    public void forward(SparseBatch x, float[] y) {
        input = x;
        int out = out();
        SparseDense.times(x.ptr, x.cols, x.vals, x.rows, weight.value, out, 1f, 0f, y, 0);
        Dense.addBias(y, x.rows, bias.value);
    }

    public void backward(float[] dy) {
        int out = out();
        SparseDense.transposeTimes(input.ptr, input.cols, input.vals, input.rows, weight.rows(), dy, out, 1f, 1f,
                weight.grad, 0);
        for (int r = 0; r < input.rows; r++) {
            for (int j = 0; j < out; j++) {
                bias.grad[j] += dy[r * out + j];
            }
        }
    }
}
