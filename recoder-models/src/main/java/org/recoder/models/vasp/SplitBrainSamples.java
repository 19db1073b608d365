package org.recoder.models.vasp;

import java.util.SplittableRandom;
import org.recoder.data.Interactions;
import org.recoder.nn.SparseBatch;

/**
 * VASP's training samples for a batch of users, as the notebook's SplitGenerator with its defaults
 * ({@code p50_splits=True, prevent_identity=True, full_data=False}): every epoch each user's items are shuffled
 * and cut at ⌊n/2⌋ into A and B, and both B→A and A→B are samples (input one half, target the other). QUARTERS adds
 * the cut at ⌊3n/4⌋, both ways (the notebook's p2575/p7525 options); {@code fullData} adds the whole history onto
 * itself. Inputs and targets are binary and over the sampled columns; target items outside them are counted per
 * row (they still count in the loss, as the notebook's full-width targets).
 */
final class SplitBrainSamples {
    final SparseBatch input = new SparseBatch();
    final SparseBatch target = new SparseBatch();
    int[] dropped = new int[0];

    private final VaspConfig config;
    private final int[] column;

    SplitBrainSamples(VaspConfig config, int[] column) {
        this.config = config;
        this.column = column;
    }

    /** Samples per user per epoch. */
    int perUser() {
        return config.samplesPerUser();
    }

    /** Builds the samples of {@code users[from, to)} of {@code x}, shuffling each history with {@code rng}. */
    void build(Interactions x, int[] users, int from, int to, SplittableRandom rng) {
        int rows = (to - from) * perUser();
        int nnz = 0;
        for (int k = from; k < to; k++) {
            nnz += x.degree(users[k]) * 2 * perUser();
        }
        Rows in = new Rows(rows, nnz);
        Rows out = new Rows(rows, nnz);
        if (dropped.length < rows) {
            dropped = new int[rows];
        }
        java.util.Arrays.fill(dropped, 0, rows, 0);
        for (int k = from; k < to; k++) {
            int[] p = x.rowItems(users[k]);
            for (int i = p.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            int n = p.length;
            if (config.splitBrain() != VaspConfig.SplitBrain.NONE) {
                int half = (int) (n * 0.5);
                add(in, out, p, half, n, 0, half);
                add(in, out, p, 0, half, half, n);
            }
            if (config.splitBrain() == VaspConfig.SplitBrain.QUARTERS) {
                int q = (int) (n * 0.75);
                add(in, out, p, q, n, 0, q);
                add(in, out, p, 0, q, q, n);
            }
            if (config.fullData()) {
                add(in, out, p, 0, n, 0, n);
            }
        }
        input.set(rows, in.ptr, in.cols, in.vals);
        target.set(rows, out.ptr, out.cols, out.vals);
    }

    /** One sample: input p[inFrom, inTo), target p[outFrom, outTo). */
    private void add(Rows in, Rows out, int[] p, int inFrom, int inTo, int outFrom, int outTo) {
        int row = in.rows;
        for (int i = inFrom; i < inTo; i++) {
            int c = column[p[i]];
            if (c >= 0) {
                in.put(c);
            }
        }
        in.endRow();
        for (int i = outFrom; i < outTo; i++) {
            int c = column[p[i]];
            if (c >= 0) {
                out.put(c);
            } else {
                dropped[row]++;
            }
        }
        out.endRow();
    }

    /** A CSR being filled row by row, values 1. */
    private static final class Rows {
        final int[] ptr;
        final int[] cols;
        final float[] vals;
        int rows;
        int at;

        Rows(int rows, int nnz) {
            ptr = new int[rows + 1];
            cols = new int[nnz];
            vals = new float[nnz];
        }

        void put(int c) {
            cols[at] = c;
            vals[at++] = 1f;
        }

        void endRow() {
            ptr[++rows] = at;
        }
    }
}
