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
        if (k <= 0) {
            return 0;
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            float s = scores[i];
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
