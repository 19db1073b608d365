package org.recoder.models.ease;

import java.util.Map;
import java.util.Optional;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.linalg.Cholesky;
import org.recoder.linalg.KernelTuning;
import org.recoder.linalg.NativeBlas;
import org.recoder.linalg.SparseDense;
import org.recoder.util.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits EASE in closed form: G = XᵀX + λI, P = G⁻¹, B = I − P·diag(1/diag(P)), i.e. B_ij = −P_ij / P_jj off the
 * diagonal and B_jj = 0 (Steck, WWW 2019, eq. 8). Negative weights are kept, as in the paper.
 *
 * <p>Time: O(Σ_u |x_u|²) for the Gram matrix plus n³ flops for the inverse (blocked Cholesky, {@link Cholesky},
 * or OpenBLAS when the config's {@code blas} asks for it and {@link NativeBlas#select} finds it). Memory: one n×n matrix, computed in place from G to
 * P to B (n² floats; for float64, n² doubles plus the n² floats of B). The heap is checked before allocating and
 * an item count that does not fit fails with the sizes and the -Xmx to ask for.
 */
public final class EaseTrainer implements Trainer<EaseModel> {
    private static final Logger LOG = LoggerFactory.getLogger(EaseTrainer.class);
    private final EaseConfig config;

    public EaseTrainer(EaseConfig config) {
        this.config = config;
    }

    @Override
    public EaseModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions x = config.binary() ? data.train().binarize(Float.NEGATIVE_INFINITY) : data.train();
        int n = x.numItems();
        checkHeap(n);
        int threads = threads();

        float[] b = new float[n * n];
        // Allocating is timed apart: the JVM zeroes the n² floats and the OS maps their pages (seconds at 20,000
        // items on a virtual machine without huge pages), whatever computes the Gram matrix.
        long tAlloc = System.nanoTime();
        SparseDense.gramLower(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numUsers(), n, b, threads);
        long tGram = System.nanoTime();
        return fromGram(data, b, t0, tAlloc, tGram);
    }

    /**
     * EASE from a Gram matrix computed elsewhere (Recoder on Spark computes XᵀX on a cluster): {@code gram} is
     * XᵀX of {@code data}'s training matrix (binarized when the config says so), n×n row-major with at least its
     * lower triangle, n the training items in {@code data}'s order. It is overwritten with B, which the model keeps;
     * the rest is {@link #fit}'s: λ on the diagonal, the inverse, B and the provenance.
     */
    public EaseModel fitFromGram(TrainingData data, float[] gram) {
        int n = data.train().numItems();
        if (gram.length != n * n) {
            throw new IllegalArgumentException("the Gram matrix has " + gram.length + " entries, not " + n + "² for the "
                    + n + " training items");
        }
        // The caller holds the n² floats already: only what the inverse adds is asked of the heap.
        checkHeap(n, config.precision() == Cholesky.Precision.FLOAT64 ? Cholesky.matrixBytes(n, Cholesky.Precision.FLOAT64) : 0);
        long t = System.nanoTime();
        return fromGram(data, gram, t, t, t);
    }

    private void checkHeap(int n) {
        boolean doubles = config.precision() == Cholesky.Precision.FLOAT64;
        checkHeap(n, Cholesky.matrixBytes(n, Cholesky.Precision.FLOAT32) + (doubles ? Cholesky.matrixBytes(n, Cholesky.Precision.FLOAT64) : 0));
    }

    private void checkHeap(int n, long need) {
        Cholesky.checkHeap(String.format("EASE over %,d items", n), n, config.precision(), need);
    }

    private int threads() {
        return config.threads() == 0 ? Parallel.threads() : config.threads();
    }

    private EaseModel fromGram(TrainingData data, float[] b, long t0, long tAlloc, long tGram) {
        int n = data.train().numItems();
        int threads = threads();
        boolean doubles = config.precision() == Cholesky.Precision.FLOAT64;
        Optional<NativeBlas> blas = NativeBlas.select(config.blas().name());
        if (doubles) {
            double[] g = new double[n * n];
            Parallel.forRange(n, 256, threads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j <= i; j++) {
                        g[i * n + j] = b[i * n + j];
                    }
                    g[i * n + i] += config.lambda();
                }
            });
            if (blas.isPresent()) {
                blas.get().invertSpd(g, n);
            } else {
                Cholesky.invert(g, n, threads);
            }
            Parallel.forRange(n, 64, threads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < n; j++) {
                        b[i * n + j] = (float) (g[i * n + j] * (-1 / g[j * n + j]));
                    }
                    b[i * n + i] = 0f;
                }
            });
        } else {
            for (int i = 0; i < n; i++) {
                b[i * n + i] += config.lambda();
            }
            if (blas.isPresent()) {
                blas.get().invertSpd(b, n);
            } else {
                Cholesky.invert(b, n, threads);
            }
            float[] inverseDiagonal = new float[n];
            for (int j = 0; j < n; j++) {
                inverseDiagonal[j] = -1f / b[j * n + j];
            }
            Parallel.forRange(n, 64, threads, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int row = i * n;
                    for (int j = 0; j < n; j++) {
                        b[row + j] *= inverseDiagonal[j];
                    }
                    b[row + i] = 0f;
                }
            });
        }
        long tEnd = System.nanoTime();
        LOG.info("EASE: {} items, binarize and allocate {} s, Gram {} s, inverse and B {} s ({}, {})", n,
                String.format("%.2f", (tAlloc - t0) / 1e9), String.format("%.2f", (tGram - tAlloc) / 1e9),
                String.format("%.2f", (tEnd - tGram) / 1e9),
                config.precision(), blas.map(l -> "OpenBLAS " + l.libraryName()).orElse("pure Java"));
        double secs = (tEnd - t0) / 1e9;
        // The machine and the tile and blocking the pure-Java kernels chose: they decide the speed, and the rounding.
        Map<String, Object> compute = Map.of("blas", blas.map(l -> "OpenBLAS " + l.libraryName()).orElse("pure Java"),
                "kernels", blas.isPresent() ? "OpenBLAS" : KernelTuning.describe(), "threads", threads);
        return new EaseModel(config, data.train(), b, Provenance.of(data.train(), data.splitSummary(), 0, secs, Map.of())
                .withCompute(compute));
    }
}
