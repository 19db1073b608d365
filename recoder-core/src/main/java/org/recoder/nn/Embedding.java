package org.recoder.nn;

/**
 * A lookup table of rows×width vectors (CDAE's per-user vectors): forward gathers rows, backward scatters. Keeps
 * nothing between the two, so one table serves training and concurrent inference.
 */
public final class Embedding {
    private final Param table;

    public Embedding(String name, int rows, int width) {
        this(ParamSource.fresh(), name, rows, width);
    }

    /** {@code name.weight} (rows×width) from {@code params}. */
    public Embedding(ParamSource params, String name, int rows, int width) {
        this.table = params.param(name + ".weight", rows, width);
    }

    public Param table() {
        return table;
    }

    /** out[r] = table[ids[from + r]] for r in [0, count). */
    public void forward(int[] ids, int from, int count, float[] out) {
        int w = table.cols();
        for (int r = 0; r < count; r++) {
            System.arraycopy(table.value, ids[from + r] * w, out, r * w, w);
        }
    }

    /** table.grad[ids[from + r]] += dy[r] for r in [0, count). */
    public void backward(int[] ids, int from, int count, float[] dy) {
        int w = table.cols();
        float[] g = table.grad();
        for (int r = 0; r < count; r++) {
            int at = ids[from + r] * w;
            for (int j = 0; j < w; j++) {
                g[at + j] += dy[r * w + j];
            }
        }
    }
}
