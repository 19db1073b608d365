package org.recoder.models.itemknn;

import java.util.Arrays;
import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.linalg.TopK;
import org.recoder.util.Parallel;

/**
 * Builds the item-item cosine similarity on binarized training data and keeps each item's top neighbours:
 * sim(i, j) = c_ij / (√(n_i · n_j) + shrinkage), c_ij = users of both, n_i = users of i.
 *
 * <p>Co-occurrences are counted per item through the item's users (a sparse XᵀX row at a time, with a dense
 * per-thread accumulator), in O(Σ_u |x_u|²) time and O(|I| · neighbours) memory for the result; items are
 * processed in parallel and the result does not depend on the thread count.
 */
public final class ItemKnnTrainer implements Trainer<ItemKnnModel> {
    private final ItemKnnConfig config;

    public ItemKnnTrainer(ItemKnnConfig config) {
        this.config = config;
    }

    @Override
    public ItemKnnModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions x = data.train();
        Interactions xt = x.transpose();
        int ni = x.numItems();
        int k = Math.min(config.neighbours(), Math.max(1, ni - 1));
        int[] deg = new int[ni];
        for (int i = 0; i < ni; i++) {
            deg[i] = xt.degree(i);
        }
        int[][] nbr = new int[ni][];
        float[][] sim = new float[ni][];
        int threads = config.threads() == 0 ? Parallel.threads() : config.threads();
        Parallel.forRange(ni, 64, threads, (from, to) -> {
            int[] count = new int[ni];
            int[] touched = new int[ni];
            float[] s = new float[ni];
            Arrays.fill(s, Float.NEGATIVE_INFINITY);
            int[] top = new int[k];
            float[] heap = new float[k];
            for (int i = from; i < to; i++) {
                int nt = 0;
                for (int p = xt.rowStart(i); p < xt.rowEnd(i); p++) {
                    int u = xt.columnIndices()[p];
                    for (int q = x.rowStart(u); q < x.rowEnd(u); q++) {
                        int j = x.columnIndices()[q];
                        if (j != i && count[j]++ == 0) {
                            touched[nt++] = j;
                        }
                    }
                }
                for (int t = 0; t < nt; t++) {
                    int j = touched[t];
                    s[j] = similarity(count[j], deg[i], deg[j], config.shrinkage());
                }
                int kept = select(s, ni, k, top, heap);
                nbr[i] = Arrays.copyOf(top, kept);
                sim[i] = new float[kept];
                for (int r = 0; r < kept; r++) {
                    sim[i][r] = s[top[r]];
                }
                for (int t = 0; t < nt; t++) {
                    count[touched[t]] = 0;
                    s[touched[t]] = Float.NEGATIVE_INFINITY;
                }
            }
        });
        return fromNeighbours(data, nbr, sim, (System.nanoTime() - t0) / 1e9);
    }

    /** The similarity of items i and j from their co-occurrence count and their user counts. */
    public static float similarity(double count, int usersOfI, int usersOfJ, double shrinkage) {
        return (float) (count / (Math.sqrt((double) usersOfI * usersOfJ) + shrinkage));
    }

    /**
     * An item's neighbours from its similarities {@code s[0, n)} (−∞ for no co-occurrence, and for the item
     * itself): the top {@code k} with a positive similarity, best first, in {@code top[0, kept)}; returns kept.
     */
    public static int select(float[] s, int n, int k, int[] top, float[] heap) {
        int got = TopK.select(s, n, k, top, heap);
        int kept = 0;
        for (int r = 0; r < got && s[top[r]] > 0; r++) {
            kept++;
        }
        return kept;
    }

    /** The neighbours to keep per item ({@code neighbours}, at most the other items). */
    public int neighboursFor(int items) {
        return Math.min(config.neighbours(), Math.max(1, items - 1));
    }

    /** The config's shrinkage. */
    public double shrinkage() {
        return config.shrinkage();
    }

    /**
     * The model from each item's neighbours and similarities, computed elsewhere (Recoder on Spark computes them
     * from the co-occurrence job's panels with {@link #similarity} and {@link #select}): item i's are
     * {@code neighbours[i]} and {@code similarities[i]}, best first.
     */
    public ItemKnnModel fromNeighbours(TrainingData data, int[][] nbr, float[][] sim, double secs) {
        Interactions x = data.train();
        int ni = x.numItems();
        if (nbr.length != ni || sim.length != ni) {
            throw new IllegalArgumentException("neighbours for " + nbr.length + " items, the training data has " + ni);
        }
        int[] ptr = new int[ni + 1];
        for (int i = 0; i < ni; i++) {
            ptr[i + 1] = ptr[i] + nbr[i].length;
        }
        int[] idx = new int[ptr[ni]];
        float[] val = new float[ptr[ni]];
        for (int i = 0; i < ni; i++) {
            System.arraycopy(nbr[i], 0, idx, ptr[i], nbr[i].length);
            System.arraycopy(sim[i], 0, val, ptr[i], sim[i].length);
        }
        return new ItemKnnModel(config, x, ptr, idx, val, Provenance.of(x, data.splitSummary(), 0, secs, Map.of()));
    }
}
