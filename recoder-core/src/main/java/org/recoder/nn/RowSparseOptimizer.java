package org.recoder.nn;

import java.util.List;

/**
 * Adam or plain SGD for a network with embedding tables: dense parameters are updated every step as {@link Adam}
 * updates them, but of a table only the rows marked in this step ({@link #markRow}), the rows a minibatch looked up.
 * For Adam that is the "lazy" variant of TensorFlow's {@code LazyAdamOptimizer} and PyTorch's {@code SparseAdam}:
 * an untouched row's moments do not decay and the row does not move, where dense Adam (Keras, the NCF reference
 * code) would still move it by its stale momentum. Bias correction uses the global step count. What this buys: a
 * step costs O(dense parameters + touched rows · width) instead of O(every table row), which is what makes
 * embedding models of millions of users trainable on a CPU.
 *
 * <p>Gradients of the marked rows and of the dense parameters are cleared by {@link #step}; rows not marked must
 * have zero gradients (they are neither read nor cleared).
 */
public final class RowSparseOptimizer implements Optimizer {
    /** The update rule. */
    public enum Rule { ADAM, SGD }

    private final Rule rule;
    private final float learningRate;
    private final List<Param> dense;
    private final List<Param> tables;
    private final float[][] m;
    private final float[][] v;
    /** Per table, the rows marked in this step, and a flag per row so a row is listed once. */
    private final int[][] marked;
    private final int[] markedCount;
    private final boolean[][] isMarked;
    private long step;

    /**
     * @param rule         Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) or SGD
     * @param learningRate step size
     * @param dense        parameters updated whole every step
     * @param tables       embedding tables (rows × width) updated at their marked rows only
     */
    public RowSparseOptimizer(Rule rule, float learningRate, List<Param> dense, List<Param> tables) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        this.rule = rule;
        this.learningRate = learningRate;
        this.dense = List.copyOf(dense);
        this.tables = List.copyOf(tables);
        int all = this.dense.size() + this.tables.size();
        m = new float[all][];
        v = new float[all][];
        if (rule == Rule.ADAM) {
            for (int k = 0; k < all; k++) {
                int n = param(k).value.length;
                m[k] = new float[n];
                v[k] = new float[n];
            }
        }
        marked = new int[this.tables.size()][];
        markedCount = new int[this.tables.size()];
        isMarked = new boolean[this.tables.size()][];
        for (int t = 0; t < this.tables.size(); t++) {
            marked[t] = new int[Math.min(this.tables.get(t).rows(), 1024)];
            isMarked[t] = new boolean[this.tables.get(t).rows()];
        }
    }

    private Param param(int k) {
        return k < dense.size() ? dense.get(k) : tables.get(k - dense.size());
    }

    /** Marks row {@code row} of table {@code table} (its index in the constructor's list) as touched in this step. */
    public void markRow(int table, int row) {
        if (!isMarked[table][row]) {
            isMarked[table][row] = true;
            if (markedCount[table] == marked[table].length) {
                marked[table] = java.util.Arrays.copyOf(marked[table], 2 * marked[table].length);
            }
            marked[table][markedCount[table]++] = row;
        }
    }

    @Override
    public void step() {
        step++;
        float lrT = learningRate;
        float epsT = 0f;
        if (rule == Rule.ADAM) {
            double c1 = 1 - Math.pow(0.9, step);
            double c2 = 1 - Math.pow(0.999, step);
            lrT = (float) (learningRate * Math.sqrt(c2) / c1);
            epsT = (float) (1e-8 * Math.sqrt(c2));
        }
        for (int k = 0; k < dense.size(); k++) {
            Param p = dense.get(k);
            update(k, p.value, p.grad(), 0, p.value.length, lrT, epsT);
        }
        for (int t = 0; t < tables.size(); t++) {
            Param p = tables.get(t);
            int w = p.cols();
            int k = dense.size() + t;
            for (int n = 0; n < markedCount[t]; n++) {
                int row = marked[t][n];
                update(k, p.value, p.grad(), row * w, row * w + w, lrT, epsT);
                isMarked[t][row] = false;
            }
            markedCount[t] = 0;
        }
    }

    private void update(int k, float[] w, float[] g, int from, int to, float lrT, float epsT) {
        if (rule == Rule.SGD) {
            for (int i = from; i < to; i++) {
                w[i] -= learningRate * g[i];
                g[i] = 0f;
            }
            return;
        }
        float[] mk = m[k];
        float[] vk = v[k];
        for (int i = from; i < to; i++) {
            float gi = g[i];
            mk[i] = 0.9f * mk[i] + 0.1f * gi;
            vk[i] = 0.999f * vk[i] + 0.001f * gi * gi;
            w[i] -= lrT * mk[i] / ((float) Math.sqrt(vk[i]) + epsT);
            g[i] = 0f;
        }
    }
}
