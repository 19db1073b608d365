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
import org.recoder.linalg.NativeBlas;
import org.recoder.linalg.Sgemm;

/**
 * SGEMM at the Mult-VAE output-layer shapes: batch {500, 1024} × hidden 600 × items 20,108, in the three layouts
 * training uses: forward C = A·B, input gradient dA = dC·Bᵀ, weight gradient dB = Aᵀ·dC. Each costs
 * 2·batch·600·20,108 flops; {@link KernelReport} turns the times into GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class GemmBenchmark {
    static final int HIDDEN = 600;
    static final int ITEMS = 20_108;

    @Param({"500", "1024"})
    public int batch;

    @Param({"java", "openblas"})
    public String impl;

    float[] a;
    float[] b;
    float[] c;
    NativeBlas blas;

    @Setup(Level.Trial)
    public void setUp() {
        a = random(batch * HIDDEN, 1);
        b = random(HIDDEN * ITEMS, 2);
        c = random(batch * ITEMS, 3);
        if (impl.equals("openblas")) {
            blas = NativeBlas.library().orElseThrow(() -> new IllegalStateException("OpenBLAS not installed"));
        }
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** C[batch×items] = A[batch×600]·B[600×items]. */
    @Benchmark
    public float[] forwardAB() {
        if (blas != null) {
            blas.sgemm(false, false, batch, ITEMS, HIDDEN, 1f, a, 0, HIDDEN, b, 0, ITEMS, 0f, c, 0, ITEMS);
        } else {
            Sgemm.gemm(false, false, batch, ITEMS, HIDDEN, 1f, a, 0, HIDDEN, b, 0, ITEMS, 0f, c, 0, ITEMS, 0);
        }
        return c;
    }

    /** dA[batch×600] = dC[batch×items]·B[600×items]ᵀ. */
    @Benchmark
    public float[] inputGradientABt() {
        if (blas != null) {
            blas.sgemm(false, true, batch, HIDDEN, ITEMS, 1f, c, 0, ITEMS, b, 0, ITEMS, 0f, a, 0, HIDDEN);
        } else {
            Sgemm.gemm(false, true, batch, HIDDEN, ITEMS, 1f, c, 0, ITEMS, b, 0, ITEMS, 0f, a, 0, HIDDEN, 0);
        }
        return a;
    }

    /** dB[600×items] = A[batch×600]ᵀ·dC[batch×items]. */
    @Benchmark
    public float[] weightGradientAtB() {
        if (blas != null) {
            blas.sgemm(true, false, HIDDEN, ITEMS, batch, 1f, a, 0, HIDDEN, c, 0, ITEMS, 0f, b, 0, ITEMS);
        } else {
            Sgemm.gemm(true, false, HIDDEN, ITEMS, batch, 1f, a, 0, HIDDEN, c, 0, ITEMS, 0f, b, 0, ITEMS, 0);
        }
        return b;
    }
}
