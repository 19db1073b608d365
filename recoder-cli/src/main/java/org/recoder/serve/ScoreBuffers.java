package org.recoder.serve;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Score arrays of one served model's item count, reused across requests. At 1,000 fold-in requests/s against EASE
 * at 20,108 items, a fresh 80 KB array per request was a third of the service's allocation (JFR), and on two cores
 * each young collection it brings stops every request for 5–71 ms (`-Xlog:gc`, docs/performance.md); reusing them,
 * with request bodies read by their length, made those collections about 2.4 times rarer (every ~18 s against
 * ~7.4 s). A request takes an array, and gives it back only after a complete answer: an array whose request failed
 * (an interrupted wait on a batch, whose worker may still write into it) is left to the collector, never handed to
 * another request.
 */
final class ScoreBuffers {
    private final int size;
    private final ArrayBlockingQueue<float[]> free;

    /** Arrays of {@code size} floats; at most {@code keep} are kept between requests. */
    ScoreBuffers(int size, int keep) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(keep);
    }

    /** A kept array (holding an earlier request's scores: callers overwrite every entry) or a new one. */
    float[] take() {
        float[] b = free.poll();
        return b != null ? b : new float[size];
    }

    /** Keeps {@code b} for a later request, unless enough are kept already. */
    void give(float[] b) {
        if (b.length == size) {
            free.offer(b);
        }
    }
}
