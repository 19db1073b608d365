package org.recoder.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.recoder.data.Interactions;

/**
 * A mini-batch of user rows in CSR form, rebuilt in place for every batch (buffers grow, never shrink), with the
 * Mult-VAE input transformations applied on the way: optional dropout of entries (kept entries scaled by
 * 1/(1 − p), as inverted dropout does) and L2 normalization of each row. {@link #targets} keeps the raw values for
 * the likelihood.
 */
public final class SparseBatch {
    int rows;
    int[] ptr = new int[1];
    int[] cols = new int[0];
    float[] vals = new float[0];
    float[] targets = new float[0];

    public int rows() {
        return rows;
    }

    public int[] pointers() {
        return ptr;
    }

    public int[] columns() {
        return cols;
    }

    /** The transformed input values. */
    public float[] values() {
        return vals;
    }

    /** The raw values of the same entries (the reconstruction target). */
    public float[] targets() {
        return targets;
    }

    /**
     * Loads users {@code users[from, to)} of {@code x}. With {@code dropout > 0} each entry is dropped with that
     * probability (from {@code rng}); with {@code normalize} the kept values of each row are divided by the row's
     * L2 norm before dropout, as Liang et al. do (normalize, then drop).
     */
    public void load(Interactions x, int[] users, int from, int to, boolean normalize, float dropout,
                     SplittableRandom rng) {
        rows = to - from;
        if (ptr.length < rows + 1) {
            ptr = new int[rows + 1];
        }
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            nnz += x.degree(users[from + r]);
        }
        if (cols.length < nnz) {
            cols = new int[nnz];
            vals = new float[nnz];
            targets = new float[nnz];
        }
        int[] xc = x.columnIndices();
        float[] xv = x.valueArray();
        int at = 0;
        float keepScale = dropout > 0 ? 1f / (1f - dropout) : 1f;
        for (int r = 0; r < rows; r++) {
            int u = users[from + r];
            ptr[r] = at;
            double ss = 0;
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                ss += (double) xv[p] * xv[p];
            }
            float norm = normalize && ss > 0 ? (float) (1 / Math.sqrt(ss)) : 1f;
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                targets[at] = xv[p];
                cols[at] = xc[p];
                if (dropout > 0 && rng.nextDouble() < dropout) {
                    vals[at] = 0f;
                } else {
                    vals[at] = xv[p] * norm * keepScale;
                }
                at++;
            }
        }
        ptr[rows] = at;
    }

    /** Shuffles the user order in place (Fisher-Yates) before an epoch's batches. */
    public static void shuffle(int[] users, SplittableRandom rng) {
        for (int i = users.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = users[i];
            users[i] = users[j];
            users[j] = t;
        }
    }

    /**
     * Loads {@code rows} rows given in CSR form ({@code ptr[rows + 1]}, column indices, values) as they are, with no
     * normalization or dropout; the targets equal the values. For inputs a trainer builds itself (VASP's
     * split-brain halves).
     */
    public void set(int rows, int[] ptr, int[] cols, float[] vals) {
        int nnz = ptr[rows];
        this.rows = rows;
        if (this.ptr.length < rows + 1) {
            this.ptr = new int[rows + 1];
        }
        System.arraycopy(ptr, 0, this.ptr, 0, rows + 1);
        if (this.cols.length < nnz) {
            this.cols = new int[nnz];
            this.vals = new float[nnz];
            this.targets = new float[nnz];
        }
        System.arraycopy(cols, 0, this.cols, 0, nnz);
        System.arraycopy(vals, 0, this.vals, 0, nnz);
        System.arraycopy(vals, 0, this.targets, 0, nnz);
    }

    /** Loads one history (fold-in) with normalization and no dropout. */
    public void loadHistory(int[] items, float[] values, boolean normalize) {
        rows = 1;
        ptr = new int[] {0, items.length};
        cols = items.clone();
        targets = values.clone();
        double ss = 0;
        for (float v : values) {
            ss += (double) v * v;
        }
        float norm = normalize && ss > 0 ? (float) (1 / Math.sqrt(ss)) : 1f;
        vals = Arrays.copyOf(values, values.length);
        for (int i = 0; i < vals.length; i++) {
            vals[i] *= norm;
        }
    }
}
