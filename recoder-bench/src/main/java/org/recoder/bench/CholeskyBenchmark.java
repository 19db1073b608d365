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
import org.recoder.linalg.Cholesky;
import org.recoder.linalg.NativeBlas;

/**
 * The SPD inverse EASE needs (Cholesky factorization + inverse from the factor, n³ flops) at n = 10,000 and
 * 20,108, float32, against OpenBLAS {@code spotrf} + {@code spotri}. The matrix is an EASE-like Gram matrix
 * (sparse co-occurrences plus λ = 500 on the diagonal), restored from a copy before each call (not timed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class CholeskyBenchmark {
    @Param({"10000", "20108"})
    public int n;

    @Param({"java", "openblas"})
    public String impl;

    float[] original;
    float[] work;
    NativeBlas blas;

    @Setup(Level.Trial)
    public void setUp() {
        original = new float[n * n];
        SplittableRandom r = new SplittableRandom(7);
        // Co-occurrence-like lower triangle: ~1% of pairs co-occur a few times, plus the ridge.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (r.nextInt(100) == 0) {
                    original[i * n + j] = 1 + r.nextInt(5);
                }
            }
            original[i * n + i] = 500f + 50 + r.nextInt(200);
        }
        work = new float[n * n];
        if (impl.equals("openblas")) {
            blas = NativeBlas.library().orElseThrow(() -> new IllegalStateException("OpenBLAS not installed"));
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        System.arraycopy(original, 0, work, 0, original.length);
    }

    @Benchmark
    public float[] choleskyInverse() {
        if (blas != null) {
            blas.invertSpd(work, n);
        } else {
            Cholesky.invert(work, n);
        }
        return work;
    }
}
