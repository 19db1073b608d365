package org.recoder.nn;

/** A lookup table of rows×width vectors (CDAE's per-user vectors): forward gathers rows, backward scatters. */
public final class Embedding {
    private final Param table;
    private int[] ids;
    private int from;
    private int count;

    public Embedding(String name, int rows, int width) {
        this.table = new Param(name + ".weight", rows, width);
    }

    public Param table() {
        return table;
    }

    /** out[r] = table[ids[from + r]] for r in [0, count); {@code ids} is kept for backward. */
    public void forward(int[] ids, int from, int count, float[] out) {
        this.ids = ids;
        this.from = from;
        this.count = count;
        int w = table.cols();
        for (int r = 0; r < count; r++) {
            System.arraycopy(table.value, ids[from + r] * w, out, r * w, w);
        }
    }

    /** table.grad[ids[from + r]] += dy[r]. */
    public void backward(float[] dy) {
        int w = table.cols();
        for (int r = 0; r < count; r++) {
            int at = ids[from + r] * w;
            for (int j = 0; j < w; j++) {
                table.grad[at + j] += dy[r * w + j];
            }
        }
    }
}
