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
                    s[j] = (float) (count[j] / (Math.sqrt((double) deg[i] * deg[j]) + config.shrinkage()));
                }
                int got = TopK.select(s, ni, k, top, heap);
                int kept = 0;
                for (int r = 0; r < got && s[top[r]] > 0; r++) {
                    kept++;
                }
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
        double secs = (System.nanoTime() - t0) / 1e9;
        return new ItemKnnModel(config, x, ptr, idx, val, Provenance.of(x, data.splitSummary(), 0, secs, Map.of()));
    }
}
