package org.recoder.models.ncf;

import java.util.concurrent.Phaser;
import java.util.function.IntConsumer;

/**
 * A fixed set of worker threads that run one task each per round, in lockstep with the caller (which runs part 0):
 * the training loop's per-batch fan-out without allocating per batch (a fork-join submission allocates its tasks)
 * and with each part always on the same thread, over the same slice, so results do not depend on scheduling.
 */
final class Lockstep implements AutoCloseable {
    private final int parts;
    private final Phaser phaser;
    private final Thread[] workers;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    Lockstep(int parts, String name) {
        this.parts = parts;
        this.phaser = new Phaser(parts);
        this.workers = new Thread[parts - 1];
        for (int t = 1; t < parts; t++) {
            int part = t;
            workers[t - 1] = Thread.ofPlatform().daemon().name(name + "-" + t).start(() -> loop(part));
        }
    }

    int parts() {
        return parts;
    }

    private void loop(int part) {
        while (true) {
            phaser.arriveAndAwaitAdvance();
            if (closed) {
                return;
            }
            try {
                task.accept(part);
            } catch (RuntimeException e) {
                failure = e;
            }
            phaser.arriveAndAwaitAdvance();
        }
    }

    /** Runs {@code t.accept(part)} for every part, part 0 on the caller's thread, and waits for all of them. */
    void run(IntConsumer t) {
        if (parts == 1) {
            t.accept(0);
            return;
        }
        task = t;
        phaser.arriveAndAwaitAdvance();
        RuntimeException mine = null;
        try {
            t.accept(0);
        } catch (RuntimeException e) {
            mine = e;
        }
        phaser.arriveAndAwaitAdvance();
        RuntimeException other = failure;
        failure = null;
        if (mine != null) {
            throw mine;
        }
        if (other != null) {
            throw other;
        }
    }

    @Override
    public void close() {
        if (parts == 1 || closed) {
            return;
        }
        closed = true;
        phaser.arriveAndAwaitAdvance();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
