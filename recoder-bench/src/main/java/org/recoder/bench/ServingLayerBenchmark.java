package org.recoder.bench;

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
import org.recoder.linalg.Sgemm;

/**
 * The output layer of a served Mult-VAE (600 × 20,108) for the few rows of a server's micro-batch, one thread:
 * {@code packed}, the general product, packs all of W on every call; {@code dots}, what a frozen layer
 * ({@code Dense.freezeForInference}) does, streams a transposed copy of W as row dot products. Run:
 * {@code java -jar recoder-bench/target/benchmarks.jar ServingLayerBenchmark} (add {@code -jvmArgsAppend -XX:UseAVX=2}
 * for the AVX2 path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ServingLayerBenchmark {
    @Param({"1", "4", "8", "32"})
    public int rows;

    float[] x;
    float[] w;
    float[] wt;
    float[] y;

    @Setup(Level.Trial)
    public void setUp() {
        int in = GemmBenchmark.HIDDEN;
        int out = GemmBenchmark.ITEMS;
        x = GemmBenchmark.random(rows * in, 1);
        w = GemmBenchmark.random(in * out, 2);
        wt = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                wt[j * in + i] = w[i * out + j];
            }
        }
        y = new float[rows * out];
    }

    @Benchmark
    public float[] packed() {
        Sgemm.gemm(false, false, rows, GemmBenchmark.ITEMS, GemmBenchmark.HIDDEN, 1f, x, 0, GemmBenchmark.HIDDEN, w, 0,
                GemmBenchmark.ITEMS, 0f, y, 0, GemmBenchmark.ITEMS, 1);
        return y;
    }

    @Benchmark
    public float[] dots() {
        Sgemm.dots(rows, GemmBenchmark.ITEMS, GemmBenchmark.HIDDEN, 1f, x, 0, GemmBenchmark.HIDDEN, wt, 0, GemmBenchmark.HIDDEN,
                0f, y, 0, GemmBenchmark.ITEMS, 1);
        return y;
    }
}
