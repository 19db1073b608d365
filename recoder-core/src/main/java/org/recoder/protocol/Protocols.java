package org.recoder.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.Interactions;
import org.recoder.data.SplitInfo;

/** Building blocks shared by the protocols. */
final class Protocols {
    private Protocols() {
    }

    /**
     * Splits entries of {@code data} into a compact training matrix (entries not in {@code held}) and, for the
     * held entries whose user and item occur in training, a holdout matrix over the training indices.
     */
    static HeldOutPair trainAndHoldout(Interactions data, boolean[] held) {
        Interactions[] parts = data.partition(held);
        Interactions train = parts[0].compact();
        Interactions heldOut = mapInto(parts[1], train);
        return new HeldOutPair(train, heldOut, parts[1].nnz() - heldOut.nnz());
    }

    record HeldOutPair(Interactions train, Interactions holdout, int dropped) {
    }

    /** Entries of {@code x} re-indexed into {@code reference}'s user and item indices; unknown ids are dropped. */
    static Interactions mapInto(Interactions x, Interactions reference) {
        int[] u = new int[x.nnz()];
        int[] i = new int[x.nnz()];
        float[] v = new float[x.nnz()];
        long[] t = x.hasTimes() ? new long[x.nnz()] : null;
        int n = 0;
        int[] userMap = new int[x.numUsers()];
        for (int r = 0; r < x.numUsers(); r++) {
            userMap[r] = reference.users().tryIndex(x.users().id(r));
        }
        int[] itemMap = new int[x.numItems()];
        for (int c = 0; c < x.numItems(); c++) {
            itemMap[c] = reference.items().tryIndex(x.items().id(c));
        }
        for (int r = 0; r < x.numUsers(); r++) {
            for (int k = x.rowStart(r); k < x.rowEnd(r); k++) {
                int mu = userMap[r];
                int mi = itemMap[x.columnIndices()[k]];
                if (mu >= 0 && mi >= 0) {
                    u[n] = mu;
                    i[n] = mi;
                    v[n] = x.valueArray()[k];
                    if (t != null) {
                        t[n] = x.timeArray()[k];
                    }
                    n++;
                }
            }
        }
        return Interactions.fromTriples(reference.users(), reference.items(), Arrays.copyOf(u, n), Arrays.copyOf(i, n),
                Arrays.copyOf(v, n), t == null ? null : Arrays.copyOf(t, n), DuplicatePolicy.LAST);
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }

    static Split withCounts(Split s) {
        SplitInfo i = s.info();
        return s.withInfo(new SplitInfo(i.protocol(), i.parameters(), i.seed(), i.source(), s.counts()));
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
