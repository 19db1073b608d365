package org.recoder.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.linalg.SparseDense;

/**
 * Sparse-input layer products: a batch of users × 20,108 items at 0.4% density (~80 items per row) times a
 * 20,108×600 weight matrix, and the transposed product that gives the weight gradient. Flops: 2·nnz·600.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class SparseBenchmark {
    static final int HIDDEN = 600;
    static final int ITEMS = 20_108;
    static final double DENSITY = 0.004;

    @Param({"500", "1024"})
    public int batch;

    Interactions x;
    int[] rows;
    float[] w;
    float[] h;
    float[] dw;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(4);
        int nnz = (int) (batch * (long) ITEMS * DENSITY);
        int[] u = new int[nnz];
        int[] i = new int[nnz];
        float[] v = new float[nnz];
        for (int k = 0; k < nnz; k++) {
            u[k] = r.nextInt(batch);
            i[k] = r.nextInt(ITEMS);
            v[k] = 1f;
        }
        x = Interactions.fromTriples(ids("u", batch), ids("i", ITEMS), u, i, v, null, DuplicatePolicy.LAST);
        rows = java.util.stream.IntStream.range(0, batch).toArray();
        w = GemmBenchmark.random(ITEMS * HIDDEN, 5);
        h = GemmBenchmark.random(batch * HIDDEN, 6);
        dw = new float[ITEMS * HIDDEN];
    }

    private static IdIndex ids(String prefix, int n) {
        return IdIndex.of(java.util.stream.IntStream.range(0, n).mapToObj(k -> prefix + k).toList());
    }

    /** H[batch×600] = X·W. */
    @Benchmark
    public float[] csrTimesDense() {
        SparseDense.times(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numItems(), rows, 0, rows.length, w, HIDDEN, 1f, 0f, h, 0);
        return h;
    }

    /** dW[items×600] = Xᵀ·dH (accumulating, as a gradient step does). */
    @Benchmark
    public float[] csrTransposeTimesDense() {
        SparseDense.transposeTimes(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numItems(), rows, 0, rows.length, h, HIDDEN, 1f, 1f, dw, 0);
        return dw;
    }

    /** Stored entries, for the flop count. */
    public long nnz() {
        return x.nnz();
    }
}
