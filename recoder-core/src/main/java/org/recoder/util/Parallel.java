package org.recoder.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The one shared worker pool, sized to the machine, and range splitting over it. Work is handed out in chunks
 * large enough to amortise the tens of microseconds a hand-off costs.
 */
public final class Parallel {
    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    /** Receives a half-open range of indices. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /** The number of workers of the shared pool. */
    public static int threads() {
        return POOL.getParallelism();
    }

    /**
     * Runs {@code task} over {@code [0, n)} in chunks of {@code chunk}; with {@code threads == 1} everything runs
     * on the caller's thread, in order.
     */
    public static void forRange(int n, int chunk, int threads, RangeTask task) {
        int chunks = (n + chunk - 1) / chunk;
        if (threads == 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c * chunk, Math.min(n, (c + 1) * chunk));
            }
            return;
        }
        try {
            POOL.submit(() -> IntStream.range(0, chunks).parallel()
                    .forEach(c -> task.run(c * chunk, Math.min(n, (c + 1) * chunk)))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
