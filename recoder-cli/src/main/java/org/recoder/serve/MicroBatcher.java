package org.recoder.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.recoder.api.ItemScorer;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;

/**
 * Scores concurrent fold-in requests together: a request's history joins a queue, and a worker takes what has
 * gathered within {@code maxWait} (up to {@code maxBatch} histories) and scores them in one batch through
 * {@link ItemScorer#scoreRows}. For a neural model that is one matrix-matrix product instead of one matrix-vector
 * product per request, so its |I|-wide output layer is read from memory once per batch rather than per request:
 * throughput does not stop at one product per request. A lone request waits at most {@code maxWait}.
 */
final class MicroBatcher implements AutoCloseable {
    private record Job(int[] items, float[] values, float[] out, CompletableFuture<Void> done) {
    }

    private final ItemScorer scorer;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final IdIndex[] rowIds;
    private volatile boolean closed;

    MicroBatcher(ItemScorer scorer, int maxBatch, long maxWaitMicros, int workerCount) {
        this.scorer = scorer;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitMicros * 1000;
        this.rowIds = new IdIndex[maxBatch + 1];
        for (int w = 0; w < workerCount; w++) {
            Thread t = Thread.ofPlatform().daemon().name("recoder-batch-" + w).start(this::work);
            workers.add(t);
        }
    }

    /** Scores one history into {@code out}, batched with whatever else arrives meanwhile. */
    void score(int[] items, float[] values, float[] out) {
        if (closed) {
            scorer.score(items, values, out);
            return;
        }
        Job job = new Job(items, values, out, new CompletableFuture<>());
        queue.add(job);
        try {
            job.done().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Only if the workers stopped (the model was replaced) between the check and the add: score it here.
            if (queue.remove(job)) {
                scorer.score(items, values, out);
            } else {
                join(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static void join(Job job) {
        try {
            job.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    private void work() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (true) {
            Job first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            long deadline = System.nanoTime() + maxWaitNanos;
            queue.drainTo(batch, maxBatch - 1);
            while (batch.size() < maxBatch) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Job next;
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (next == null) {
                    break;
                }
                batch.add(next);
                queue.drainTo(batch, maxBatch - batch.size());
            }
            run(batch);
        }
    }

    private void run(List<Job> batch) {
        int b = batch.size();
        try {
            int[] ptr = new int[b + 1];
            for (int r = 0; r < b; r++) {
                ptr[r + 1] = ptr[r] + batch.get(r).items().length;
            }
            int[] cols = new int[ptr[b]];
            float[] vals = new float[ptr[b]];
            float[][] out = new float[b][];
            int[] rows = new int[b];
            for (int r = 0; r < b; r++) {
                Job j = batch.get(r);
                System.arraycopy(j.items(), 0, cols, ptr[r], j.items().length);
                System.arraycopy(j.values(), 0, vals, ptr[r], j.values().length);
                out[r] = j.out();
                rows[r] = r;
            }
            Interactions histories = new Interactions(rowIds(b), scorer.items(), ptr, cols, vals, null);
            scorer.scoreRows(histories, rows, 0, b, out);
            for (Job j : batch) {
                j.done().complete(null);
            }
        } catch (RuntimeException e) {
            for (Job j : batch) {
                j.done().completeExceptionally(e);
            }
        }
    }

    /** Ids "0".."b-1" for a batch's rows (they name no known user; fold-in models ignore them). */
    private IdIndex rowIds(int b) {
        IdIndex ids = rowIds[b];
        if (ids == null) {
            List<String> names = new ArrayList<>(b);
            for (int r = 0; r < b; r++) {
                names.add("batch-row-" + r);
            }
            ids = IdIndex.of(names);
            rowIds[b] = ids;
        }
        return ids;
    }

    /** Stops the workers once the queue is empty; later calls score directly. */
    @Override
    public void close() {
        closed = true;
    }
}
