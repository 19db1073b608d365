package org.recoder.models.itemknn;

import static org.recoder.util.Require.atLeast;

import org.recoder.api.Doc;

/**
 * Hyperparameters of item-kNN.
 *
 * @param neighbours most similar items kept per item (typical 50–500; 100 by default)
 * @param shrinkage  added to the cosine denominator to damp similarities from few co-occurrences (typical 0–100;
 *                   10 by default)
 * @param threads    worker threads for training (0 = all cores)
 */
public record ItemKnnConfig(
        @Doc("most similar items kept per item") int neighbours,
        @Doc("added to the cosine denominator to damp similarities from few co-occurrences") float shrinkage,
        @Doc("worker threads, 0 = all cores") int threads) {
    public ItemKnnConfig {
        atLeast("neighbours", neighbours, 1);
        atLeast("shrinkage", shrinkage, 0);
        atLeast("threads", threads, 0);
    }

    /** 100 neighbours, shrinkage 10, all cores. */
    public static ItemKnnConfig defaults() {
        return new ItemKnnConfig(100, 10f, 0);
    }

    public ItemKnnConfig withNeighbours(int n) {
        return new ItemKnnConfig(n, shrinkage, threads);
    }

    public ItemKnnConfig withShrinkage(float s) {
        return new ItemKnnConfig(neighbours, s, threads);
    }

    public ItemKnnConfig withThreads(int t) {
        return new ItemKnnConfig(neighbours, shrinkage, t);
    }
}
