package org.recoder.models.itemknn;

/**
 * Hyperparameters of item-kNN.
 *
 * @param neighbours most similar items kept per item (typical 50–500; 100 by default)
 * @param shrinkage  added to the cosine denominator to damp similarities from few co-occurrences (typical 0–100;
 *                   10 by default)
 * @param threads    worker threads for training (0 = all cores)
 */
public record ItemKnnConfig(int neighbours, float shrinkage, int threads) {
    public ItemKnnConfig {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be ≥ 1, got " + neighbours);
        }
        if (!(shrinkage >= 0) || Float.isInfinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be a finite number ≥ 0, got " + shrinkage);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be ≥ 0, got " + threads);
        }
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
