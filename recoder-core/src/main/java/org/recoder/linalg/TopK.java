package org.recoder.linalg;

/**
 * Top-k selection by partial selection: a size-k min-heap over one pass, O(n log k), no full sort.
 * Entries scored {@code -Infinity} (masked) and NaN are never selected; ties go to the lower index.
 */
public final class TopK {
    private TopK() {
    }

    /**
     * Writes the indices of the {@code k} largest scores into {@code out}, best first, and returns how many were
     * written (fewer than k when fewer entries are selectable).
     */
    public static int select(float[] scores, int k, int[] out) {
        return select(scores, scores.length, k, out, new float[Math.max(k, 1)]);
    }

    /** As {@link #select(float[], int, int[])}, over {@code scores[0, n)}, with a caller-owned heap buffer. */
    public static int select(float[] scores, int n, int k, int[] out, float[] heapScores) {
        return select(scores, 0, n, k, out, heapScores);
    }

    /**
     * Top-k of each row of the row-major {@code scores[rows×n]}, leaving out each row's excluded items (row r
     * excludes the items of row {@code users[r]} of the CSR matrix whose row pointers and column indices are
     * {@code excludePtr} and {@code excludeCols}, or nothing when they are null).
     * Row r's picks go to {@code out[r·k, r·k + counts[r])}, best first. Excluded entries are masked for the
     * selection and restored afterwards, so {@code scores} is unchanged on return. Parallel over rows.
     */
    public static void selectRows(float[] scores, int rows, int n, int k, int[] excludePtr, int[] excludeCols,
                                  int[] users, int[] out, int[] counts, int threads) {
        int workers = threads <= 0 ? org.recoder.util.Parallel.threads() : threads;
        int[] ptr = excludePtr;
        int[] cols = excludeCols;
        org.recoder.util.Parallel.forRange(rows, Math.max(8, (rows + workers - 1) / workers), workers, (r0, r1) -> {
            float[] heap = new float[Math.max(k, 1)];
            int[] picks = new int[Math.max(k, 1)];
            float[] saved = new float[16];
            for (int r = r0; r < r1; r++) {
                int off = r * n;
                int from = ptr == null ? 0 : ptr[users[r]];
                int to = ptr == null ? 0 : ptr[users[r] + 1];
                if (saved.length < to - from) {
                    saved = new float[to - from];
                }
                for (int p = from; p < to; p++) {
                    saved[p - from] = scores[off + cols[p]];
                    scores[off + cols[p]] = Float.NEGATIVE_INFINITY;
                }
                counts[r] = select(scores, off, n, k, picks, heap);
                System.arraycopy(picks, 0, out, r * k, counts[r]);
                for (int p = from; p < to; p++) {
                    scores[off + cols[p]] = saved[p - from];
                }
            }
        });
    }

    private static int select(float[] scores, int off, int n, int k, int[] out, float[] heapScores) {
        if (k <= 0) {
            return 0;
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            float s = scores[off + i];
            if (!(s > Float.NEGATIVE_INFINITY)) {
                continue;
            }
            if (size < k) {
                out[size] = i;
                heapScores[size] = s;
                siftUp(out, heapScores, size++);
            } else if (s > heapScores[0]) {
                out[0] = i;
                heapScores[0] = s;
                siftDown(out, heapScores, 0, size);
            }
        }
        // Heap-sort the survivors in place: repeatedly move the worst to the end.
        for (int end = size - 1; end > 0; end--) {
            swap(out, heapScores, 0, end);
            siftDown(out, heapScores, 0, end);
        }
        return size;
    }

    /** Whether entry a ranks below entry b (lower score, or equal score and higher index). */
    private static boolean worse(float sa, int ia, float sb, int ib) {
        return sa < sb || (sa == sb && ia > ib);
    }

    private static void siftUp(int[] idx, float[] s, int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (worse(s[i], idx[i], s[p], idx[p])) {
                swap(idx, s, i, p);
                i = p;
            } else {
                return;
            }
        }
    }

    private static void siftDown(int[] idx, float[] s, int i, int size) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l;
            int r = l + 1;
            if (r < size && worse(s[r], idx[r], s[l], idx[l])) {
                m = r;
            }
            if (worse(s[m], idx[m], s[i], idx[i])) {
                swap(idx, s, i, m);
                i = m;
            } else {
                return;
            }
        }
    }

    private static void swap(int[] idx, float[] s, int a, int b) {
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
        float ts = s[a];
        s[a] = s[b];
        s[b] = ts;
    }
}
