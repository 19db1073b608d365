package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.recoder.data.Interactions;
import org.recoder.testing.TestData;

class SparseDenseTest {
    private final Interactions x = TestData.tiny(60, 45, 3);

    /** x as a dense users×items matrix. */
    private float[] dense() {
        float[] d = new float[x.numUsers() * x.numItems()];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int p = x.rowStart(u); p < x.rowEnd(u); p++) {
                d[u * x.numItems() + x.columnIndices()[p]] = x.valueArray()[p];
            }
        }
        return d;
    }

    private static final int[] BATCH = {5, 0, 59, 17, 17, 33, 2};

    /** The batch rows of x, densely. */
    private float[] denseBatch() {
        float[] d = dense();
        int n = x.numItems();
        float[] b = new float[BATCH.length * n];
        for (int r = 0; r < BATCH.length; r++) {
            System.arraycopy(d, BATCH[r] * n, b, r * n, n);
        }
        return b;
    }

    @Test
    void timesMatchesDenseProduct() {
        int h = 37;
        float[] w = Naive.random(x.numItems() * h, 1);
        for (int threads : new int[] {1, 0}) {
            float[] out = Naive.random(BATCH.length * h, 2);
            float[] expected = out.clone();
            Naive.gemm(false, false, BATCH.length, h, x.numItems(), 0.5, denseBatch(), 0, x.numItems(), w, 0, h,
                    2, expected, 0, h);
            SparseDense.times(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numItems(), new int[] {9, 9, 5, 0, 59, 17, 17, 33, 2}, 2, 9, w, h, 0.5f, 2f, out, threads);
            SgemmTest.assertClose(out, expected, x.numItems());
        }
    }

    @Test
    void transposeTimesMatchesDenseProduct() {
        int h = 21;
        float[] dh = Naive.random(BATCH.length * h, 3);
        for (int threads : new int[] {1, 0, 3}) {
            float[] out = Naive.random(x.numItems() * h, 4);
            float[] expected = out.clone();
            Naive.gemm(true, false, x.numItems(), h, BATCH.length, -1, denseBatch(), 0, x.numItems(), dh, 0, h,
                    0.25, expected, 0, h);
            SparseDense.transposeTimes(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numItems(), BATCH, 0, BATCH.length, dh, h, -1f, 0.25f, out, threads);
            SgemmTest.assertClose(out, expected, BATCH.length);
        }
    }

    @Test
    void gramLowerMatchesDenseProductAndLeavesUpperAlone() {
        int n = x.numItems();
        float[] d = dense();
        float[] expected = new float[n * n];
        Naive.gemm(true, false, n, n, x.numUsers(), 1, d, 0, n, d, 0, n, 0, expected, 0, n);
        for (int threads : new int[] {1, 0, 3}) {
            float[] g = new float[n * n];
            SparseDense.gramLower(x.rowPointers(), x.columnIndices(), x.valueArray(), x.numUsers(), x.numItems(), g, threads);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertThat(g[i * n + j]).isCloseTo(j <= i ? expected[i * n + j] : 0f, offset(1e-4f));
                }
            }
        }
    }

    @Test
    void gramLowerAddsUsersInOrderSoEveryThreadCountGivesTheSameBits() {
        int n = x.numItems();
        int[] ptr = x.rowPointers();
        int[] cols = x.columnIndices();
        float[] vals = x.valueArray();
        // The user-by-user outer products, in float, users ascending: the order the row-wise sum must keep.
        float[] expected = new float[n * n];
        java.util.Arrays.fill(expected, 0.5f);
        for (int u = 0; u < x.numUsers(); u++) {
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                for (int q = ptr[u]; q <= p; q++) {
                    expected[cols[p] * n + cols[q]] += vals[p] * vals[q];
                }
            }
        }
        for (int threads : new int[] {1, 2, 0, 5}) {
            float[] g = new float[n * n];
            java.util.Arrays.fill(g, 0.5f);
            SparseDense.gramLower(ptr, cols, vals, x.numUsers(), n, g, threads);
            assertThat(g).as("threads %d", threads).containsExactly(expected);
        }
        // Binary values take the path that does not read them: the same counts.
        float[] ones = new float[vals.length];
        java.util.Arrays.fill(ones, 1f);
        float[] counts = new float[n * n];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int p = ptr[u]; p < ptr[u + 1]; p++) {
                for (int q = ptr[u]; q <= p; q++) {
                    counts[cols[p] * n + cols[q]] += 1f;
                }
            }
        }
        float[] g = new float[n * n];
        SparseDense.gramLower(ptr, cols, ones, x.numUsers(), n, g, 0);
        assertThat(g).containsExactly(counts);
    }
}
