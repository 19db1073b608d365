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
 * <p>With {@link StrongGeneralization.Assignment#HASH} the random choices are hashes of the ids instead
 * ({@link HashAssignment}), so that a cluster job makes the same split row by row (Recoder on Spark): the random
 * target is the event with the largest hash of (seed, user, item), and a test user's negatives are drawn by
 * {@link #hashNegatives} over the training items in id order.
 *
 * @param byTime     latest event by timestamp (ties: the greater item id) rather than a random one
 * @param validation also hold out a validation target
 * @param negatives  sampled negatives per test user (0 for none)
 * @param seed       seed of the random choices
 * @param assignment seeded draws (the default) or hashes of the ids
 */
public record LeaveOneOut(boolean byTime, boolean validation, int negatives, long seed, StrongGeneralization.Assignment assignment) {
    /** With seeded draws. */
    public LeaveOneOut(boolean byTime, boolean validation, int negatives, long seed) {
        this(byTime, validation, negatives, seed, StrongGeneralization.Assignment.SHUFFLE);
    }

    /** An event's draw for the random target under hash assignment: the largest is the test target. */
    public static double targetDraw(long seed, String user, String item) {
        return HashAssignment.unit(seed, "loo-target", user, item);
    }

    /**
     * A test user's {@code want} negatives under hash assignment: the k-th draw, k = 0, 1, …, picks
     * {@code sortedItems[⌊unit(seed, "negative", user, k) · n⌋]}, kept when the user has not seen it and it is not
     * picked yet. After 20·n draws (a user who knows almost every item) the unseen items come in the order of
     * their own hashes instead. Returns indices into {@code sortedItems}.
     */
    public static int[] hashNegatives(long seed, String user, String[] sortedItems, boolean[] seen, int want) {
        int n = sortedItems.length;
        boolean[] taken = seen.clone();
        int[] picked = new int[want];
        int got = 0;
        for (long k = 0; got < want && k < 20L * n; k++) {
            int c = (int) (HashAssignment.unit(seed, "negative", user, Long.toString(k)) * n);
            if (!taken[c]) {
                taken[c] = true;
                picked[got++] = c;
            }
        }
        if (got < want) {
            Integer[] free = java.util.stream.IntStream.range(0, n).filter(c -> !taken[c]).boxed().toArray(Integer[]::new);
            Arrays.sort(free, java.util.Comparator.comparingDouble((Integer c) -> HashAssignment.unit(seed, "negative-scan", user, sortedItems[c]))
                    .thenComparing(c -> sortedItems[c]));
            for (int q = 0; got < want; q++) {
                picked[got++] = free[q];
            }
        }
        return picked;
    }

    public LeaveOneOut {
        if (assignment == null) {
            throw new IllegalArgumentException("assignment must be SHUFFLE or HASH");
        }
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
            } else if (assignment == StrongGeneralization.Assignment.HASH) {
                int[] cols = data.columnIndices();
                String user = data.users().id(u);
                pos = Arrays.stream(pos).boxed().sorted(java.util.Comparator.comparingDouble((Integer a) -> targetDraw(seed, user, data.items().id(cols[a])))
                        .thenComparing(a -> data.items().id(cols[a]))).mapToInt(Integer::intValue).toArray();
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
        Interactions neg = negatives == 0 ? null : assignment == StrongGeneralization.Assignment.HASH
                ? hashedNegatives(data, train, testHold) : sampleNegatives(data, train, testHold, rng);
        var params = Protocols.params("by_time", byTime, "validation", validation, "negatives", negatives,
                "dropped_targets", dropped);
        if (assignment == StrongGeneralization.Assignment.HASH) {
            params = new java.util.LinkedHashMap<>(params);
            params.put("assignment", "hash");
        }
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

    /** {@link #hashNegatives} for every test user with a target, over the training items in id order. */
    private Interactions hashedNegatives(Interactions data, Interactions train, Interactions testHold) {
        int ni = train.numItems();
        String[] sorted = train.items().ids().toArray(String[]::new);
        Arrays.sort(sorted);
        int[] toTrain = new int[ni];
        for (int c = 0; c < ni; c++) {
            toTrain[c] = train.items().index(sorted[c]);
        }
        java.util.Map<String, Integer> rank = new java.util.HashMap<>();
        for (int c = 0; c < ni; c++) {
            rank.put(sorted[c], c);
        }
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        for (int u = 0; u < testHold.numUsers(); u++) {
            if (testHold.degree(u) == 0) {
                continue;
            }
            String user = train.users().id(u);
            int du = data.users().index(user);
            boolean[] seen = new boolean[ni];
            int known = 0;
            for (int k = data.rowStart(du); k < data.rowEnd(du); k++) {
                Integer c = rank.get(data.items().id(data.columnIndices()[k]));
                if (c != null && !seen[c]) {
                    seen[c] = true;
                    known++;
                }
            }
            for (int c : hashNegatives(seed, user, sorted, seen, Math.min(negatives, ni - known))) {
                rows.add(new int[] {u, toTrain[c]});
            }
        }
        int[] us = rows.stream().mapToInt(r -> r[0]).toArray();
        int[] is = rows.stream().mapToInt(r -> r[1]).toArray();
        float[] ones = new float[us.length];
        Arrays.fill(ones, 1f);
        return Interactions.fromTriples(train.users(), train.items(), us, is, ones, null, DuplicatePolicy.LAST);
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
