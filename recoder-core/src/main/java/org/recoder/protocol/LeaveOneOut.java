package org.recoder.protocol;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SplitInfo;

/**
 * Leave-one-out (He et al., NCF, WWW 2017): each user's latest event (or a random one) is the test target; with
 * {@code validation}, the one before it is the validation target. For sampled evaluation each test user gets
 * {@code negatives} items drawn uniformly from items the user never interacted with (99 in the paper); the
 * evaluator ranks the target among them, and also against all items.
 *
 * <p>Users with fewer than 2 events (3 with validation) stay whole in training. Targets whose item never
 * occurs in training are dropped, since no model could score them (counted in split.json).
 *
 * @param byTime     latest event by timestamp (ties: the greater item id) rather than a random one
 * @param validation also hold out a validation target
 * @param negatives  sampled negatives per test user (0 for none)
 * @param seed       seed of the random choices
 */
public record LeaveOneOut(boolean byTime, boolean validation, int negatives, long seed) {
    public LeaveOneOut {
        if (negatives < 0) {
            throw new IllegalArgumentException("negatives must be ≥ 0");
        }
    }

    public Split split(Interactions data) {
        if (byTime && !data.hasTimes()) {
            throw new IllegalArgumentException("leave-latest-out needs timestamps; this data has none (use --random)");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] testMask = new boolean[data.nnz()];
        boolean[] valMask = new boolean[data.nnz()];
        int need = validation ? 3 : 2;
        for (int u = 0; u < data.numUsers(); u++) {
            int s = data.rowStart(u);
            int d = data.degree(u);
            if (d < need) {
                continue;
            }
            int[] pos = StrongGeneralization.range(d).map(k -> s + k).toArray();
            if (byTime) {
                long[] t = data.timeArray();
                int[] cols = data.columnIndices();
                pos = Arrays.stream(pos).boxed().sorted((a, b) -> t[a] != t[b] ? Long.compare(t[a], t[b])
                        : data.items().id(cols[a]).compareTo(data.items().id(cols[b]))).mapToInt(Integer::intValue).toArray();
            } else {
                Protocols.shuffle(pos, rng);
            }
            testMask[pos[d - 1]] = true;
            if (validation) {
                valMask[pos[d - 2]] = true;
            }
        }
        boolean[] either = new boolean[data.nnz()];
        for (int k = 0; k < either.length; k++) {
            either[k] = testMask[k] || valMask[k];
        }
        Interactions[] parts = data.partition(either);
        Interactions train = parts[0].compact();
        Interactions[] heldParts = parts[1].partition(subMask(data, either, testMask));
        Interactions valHold = Protocols.mapInto(heldParts[0], train);
        Interactions testHold = Protocols.mapInto(heldParts[1], train);
        int dropped = heldParts[0].nnz() + heldParts[1].nnz() - valHold.nnz() - testHold.nnz();
        Interactions neg = negatives > 0 ? sampleNegatives(data, train, testHold, rng) : null;
        var params = Protocols.params("by_time", byTime, "validation", validation, "negatives", negatives,
                "dropped_targets", dropped);
        return Protocols.withCounts(new Split(new SplitInfo("loo", params, seed, null, null), train,
                validation ? new HeldOut(train, valHold) : null, new HeldOut(train, testHold), neg));
    }

    private static boolean[] subMask(Interactions data, boolean[] selected, boolean[] inner) {
        int n = 0;
        for (boolean b : selected) {
            if (b) {
                n++;
            }
        }
        boolean[] out = new boolean[n];
        int j = 0;
        for (int k = 0; k < selected.length; k++) {
            if (selected[k]) {
                out[j++] = inner[k];
            }
        }
        return out;
    }

    private Interactions sampleNegatives(Interactions data, Interactions train, Interactions testHold, SplittableRandom rng) {
        int ni = train.numItems();
        int[] itemInData = new int[ni];
        for (int j = 0; j < ni; j++) {
            itemInData[j] = data.items().index(train.items().id(j));
        }
        int[] dataToTrain = new int[data.numItems()];
        Arrays.fill(dataToTrain, -1);
        for (int j = 0; j < ni; j++) {
            dataToTrain[itemInData[j]] = j;
        }
        int total = 0;
        int[] us = new int[0];
        int[] is = new int[0];
        boolean[] seen = new boolean[ni];
        for (int u = 0; u < testHold.numUsers(); u++) {
            if (testHold.degree(u) == 0) {
                continue;
            }
            int du = data.users().index(train.users().id(u));
            int known = 0;
            for (int k = data.rowStart(du); k < data.rowEnd(du); k++) {
                int m = dataToTrain[data.columnIndices()[k]];
                if (m >= 0 && !seen[m]) {
                    seen[m] = true;
                    known++;
                }
            }
            int want = Math.min(negatives, ni - known);
            if (us.length < total + want) {
                us = Arrays.copyOf(us, Math.max(us.length * 2, total + want));
                is = Arrays.copyOf(is, us.length);
            }
            int got = 0;
            int[] picked = new int[want];
            // Rejection sampling is fast when the user knows few items; fall back to a scan otherwise.
            if (known < ni / 2) {
                while (got < want) {
                    int c = rng.nextInt(ni);
                    if (!seen[c]) {
                        seen[c] = true;
                        picked[got++] = c;
                    }
                }
            } else {
                int[] free = StrongGeneralization.range(ni).filter(c -> !seen[c]).toArray();
                Protocols.shuffle(free, rng);
                System.arraycopy(free, 0, picked, 0, want);
                got = want;
                for (int c : picked) {
                    seen[c] = true;
                }
            }
            for (int c : picked) {
                us[total] = u;
                is[total] = c;
                total++;
            }
            Arrays.fill(seen, false);
        }
        float[] ones = new float[total];
        Arrays.fill(ones, 1f);
        return Interactions.fromTriples(train.users(), train.items(), Arrays.copyOf(us, total), Arrays.copyOf(is, total),
                ones, null, DuplicatePolicy.LAST);
    }
}
