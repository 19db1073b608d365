package org.recoder.linalg;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Compiles the dense kernels before they are needed, on a background thread.
 *
 * <p>Why: until C2 has compiled them, the Vector API kernels run its pure-Java fallback (an object per vector
 * operation, in the interpreter and in C1 code), one to two orders of magnitude slower than compiled, and C2
 * compiles a kernel only after it has run some thousands of k-steps. The quickstart's EASE inversion at 1,500 items
 * took 1.5–1.7 s cold against ~0.3 s warm on a quiet 2-core machine. Running a few small inversions and products on
 * a daemon thread while the caller reads and splits its data gets the kernels compiled by the time the fit starts:
 * 0.34–0.41 s (docs/performance.md). The warm-up works on its own small arrays, computes nothing anyone reads, and
 * stops after {@link #BUDGET_NANOS} or when its rounds are done, whichever is first.
 */
public final class Warmup {
    /** Wall time the warm-up thread may take at most. */
    static final long BUDGET_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 24;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {
    }

    /**
     * Starts the warm-up once per JVM (later calls do nothing); returns at once. {@code -Drecoder.warmup=false}
     * turns it off (to measure a cold start).
     */
    public static void startInBackground() {
        if (!STARTED.compareAndSet(false, true) || !Boolean.parseBoolean(System.getProperty("recoder.warmup", "true"))) {
            return;
        }
        Thread t = new Thread(Warmup::run, "recoder-kernel-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The warm-up itself, on the calling thread: inversions of a 320 × 320 SPD matrix (every Cholesky phase, edge
     * tiles, the triangular shapes, beta 0 and 1) and the three layouts of a neural layer, single-threaded so the
     * caller's pool stays free.
     */
    static int run() {
        long end = System.nanoTime() + BUDGET_NANOS;
        int n = 320;
        float[] spd = new float[n * n];
        float[] work = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                spd[i * n + j] = ((i * 31 + j * 17) % 7 == 0) ? 1f : 0f;
            }
            spd[i * n + i] = n;
        }
        int m = 40;
        int k = 200;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() < end) {
            java.util.Arrays.fill(a, 0.5f);
            java.util.Arrays.fill(b, 0.25f);
            System.arraycopy(spd, 0, work, 0, work.length);
            Cholesky.invert(work, n, 1);
            Sgemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n, 1);
            Sgemm.gemm(false, true, m, k, n, 1f, c, 0, n, b, 0, n, 0f, a, 0, k, 1);
            Sgemm.gemm(true, false, k, n, m, 1f, a, 0, k, c, 0, n, 1f, b, 0, n, 1);
            rounds++;
        }
        return rounds;
    }
}
