package org.recoder.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SplitInfo;

/**
 * Strong generalization with fold-in (Liang, Krishnan, Hoffman, Jebara, "Variational Autoencoders for
 * Collaborative Filtering", WWW 2018; code {@code dawenl/vae_cf}).
 *
 * <ol>
 *   <li>Binarize: keep events with value &gt; {@code threshold} (all events when it is null), value 1.</li>
 *   <li>Filter once, in order: items with at least {@code minItemSupport} users, then users with at least
 *       {@code minUserEvents} events (no iterative k-core).</li>
 *   <li>Shuffle users with {@code seed}; the last n are test users, the n before them validation users, the rest
 *       training users; n is {@code heldoutUsers} when ≥ 1, else that fraction of the users (rounded down).</li>
 *   <li>Items are those of training users; held-out users' other events are dropped.</li>
 *   <li>Each held-out user with at least {@code minHoldoutEvents} events has {@code floor(holdoutFraction · n)}
 *       events drawn uniformly as held-out targets, the rest as fold-in; smaller users keep all as fold-in and have
 *       no targets, so the evaluator leaves them out.</li>
 * </ol>
 * The shuffle uses {@link SplittableRandom}, so splits are deterministic by seed but not identical to numpy's.
 *
 * <p>{@link Assignment#HASH} assigns by hashing instead ({@link HashAssignment}), so that a cluster job can make
 * the same split row by row: a user is a test user when the hash of (seed, user id) is below the held-out
 * fraction f, a validation user below 2f, a training user otherwise (so the counts are f of the users in
 * expectation, not exactly; a count for {@code heldoutUsers} needs the shuffle); a held-out user's targets are its
 * {@code floor(holdoutFraction · n)} events with the smallest hash of (seed, user id, item id).
 *
 * @param threshold        binarization threshold (3.5 for MovieLens), or null to keep every event
 * @param minItemSupport   minimum users per item (0 in Liang's ML-20M and Netflix setups, 200 for MSD)
 * @param minUserEvents    minimum events per user (5; 20 for MSD)
 * @param heldoutUsers     validation and test users each: a count (≥ 1) or a fraction (&lt; 1)
 * @param holdoutFraction  share of a held-out user's events to hide (0.2)
 * @param minHoldoutEvents users with fewer events keep all as fold-in (5)
 * @param seed             seed of the shuffle and of the fold-in split (98765 in the paper)
 * @param assignment       by a seeded shuffle (the paper's way, the default) or by hashing ids
 */
public record StrongGeneralization(Float threshold, int minItemSupport, int minUserEvents, double heldoutUsers,
                                   double holdoutFraction, int minHoldoutEvents, long seed, Assignment assignment) {

    /** How users and held-out events are drawn. */
    public enum Assignment {
        /** A seeded shuffle of the users, and seeded draws of each held-out user's targets. */
        SHUFFLE,
        /** Hashes of the seed and the ids ({@link HashAssignment}): the same on a cluster, row by row. */
        HASH
    }

    /** With the shuffle, as the paper. */
    public StrongGeneralization(Float threshold, int minItemSupport, int minUserEvents, double heldoutUsers,
                                double holdoutFraction, int minHoldoutEvents, long seed) {
        this(threshold, minItemSupport, minUserEvents, heldoutUsers, holdoutFraction, minHoldoutEvents, seed, Assignment.SHUFFLE);
    }

    public StrongGeneralization {
        if (assignment == null) {
            throw new IllegalArgumentException("assignment must be SHUFFLE or HASH");
        }
        if (assignment == Assignment.HASH && !(heldoutUsers > 0 && heldoutUsers < 0.5)) {
            throw new IllegalArgumentException("hash assignment needs heldout-users as a fraction below 0.5 (a count needs the "
                    + "shuffle), got " + heldoutUsers);
        }
        if (minItemSupport < 0 || minUserEvents < 0) {
            throw new IllegalArgumentException("minimum counts must be ≥ 0");
        }
        if (!(heldoutUsers > 0) || (heldoutUsers >= 1 && heldoutUsers != Math.rint(heldoutUsers))) {
            throw new IllegalArgumentException("heldout-users must be a count ≥ 1 or a fraction in (0, 1), got " + heldoutUsers);
        }
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + holdoutFraction);
        }
    }

    /** Liang et al.'s defaults with the given threshold, held-out users and seed. */
    public static StrongGeneralization liang(Float threshold, double heldoutUsers, long seed) {
        return new StrongGeneralization(threshold, 0, 5, heldoutUsers, 0.2, 5, seed);
    }

    /** Splits {@code data} (raw values; binarized here). */
    public Split split(Interactions data) {
        Interactions bin = data.binarize(threshold == null ? Float.NEGATIVE_INFINITY : threshold).withoutTimes();
        int[] itemDeg = bin.itemDegrees();
        int[] keepItems = range(bin.numItems()).filter(i -> itemDeg[i] >= minItemSupport).toArray();
        Interactions f = bin.select(range(bin.numUsers()).toArray(), keepItems);
        int[] keepUsers = range(f.numUsers()).filter(u -> f.degree(u) >= Math.max(1, minUserEvents)).toArray();
        if (keepUsers.length == 0) {
            throw new IllegalArgumentException("dataset is empty after filtering (threshold " + threshold
                    + ", users need ≥ " + minUserEvents + " events, items ≥ " + minItemSupport + " users)");
        }
        Interactions filtered = f.select(keepUsers, range(f.numItems()).toArray());
        int nUsers = filtered.numUsers();
        int n;
        int[] trainUsers;
        int[] validationUsers;
        int[] testUsers;
        if (assignment == Assignment.HASH) {
            int[] role = new int[nUsers];
            int[] counts = new int[3];
            for (int u = 0; u < nUsers; u++) {
                double h = HashAssignment.user(seed, filtered.users().id(u));
                role[u] = h < heldoutUsers ? 2 : h < 2 * heldoutUsers ? 1 : 0;
                counts[role[u]]++;
            }
            trainUsers = range(nUsers).filter(u -> role[u] == 0).toArray();
            validationUsers = range(nUsers).filter(u -> role[u] == 1).toArray();
            testUsers = range(nUsers).filter(u -> role[u] == 2).toArray();
            n = -1;
            if (trainUsers.length == 0 || validationUsers.length == 0 || testUsers.length == 0) {
                throw new IllegalArgumentException("hash assignment of " + nUsers + " users left after filtering gave " + counts[0]
                        + " training, " + counts[1] + " validation and " + counts[2] + " test users; each part needs one");
            }
        } else {
            n = heldoutUsers >= 1 ? (int) heldoutUsers : (int) Math.floor(heldoutUsers * nUsers);
            if (n < 1 || 2L * n >= nUsers) {
                throw new IllegalArgumentException("cannot hold out " + n + " validation and " + n + " test users of " + nUsers
                        + " users left after filtering");
            }
            SplittableRandom rng = new SplittableRandom(seed);
            int[] perm = range(nUsers).toArray();
            for (int i = nUsers - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            trainUsers = sorted(Arrays.copyOfRange(perm, 0, nUsers - 2 * n));
            validationUsers = sorted(Arrays.copyOfRange(perm, nUsers - 2 * n, nUsers - n));
            testUsers = sorted(Arrays.copyOfRange(perm, nUsers - n, nUsers));
        }

        Interactions train = filtered.select(trainUsers, range(filtered.numItems()).toArray()).compact();
        int[] trainItemsInFiltered = new int[train.numItems()];
        for (int j = 0; j < train.numItems(); j++) {
            trainItemsInFiltered[j] = filtered.items().index(train.items().id(j));
        }
        SplittableRandom foldRng = new SplittableRandom(seed).split();
        HeldOut validation = heldOut(filtered, validationUsers, trainItemsInFiltered, foldRng);
        HeldOut test = heldOut(filtered, testUsers, trainItemsInFiltered, foldRng);

        Map<String, Object> params = new LinkedHashMap<>();
        if (threshold != null) {
            // Absent rather than null: the parameters are an immutable map, and "no threshold" keeps every event.
            params.put("threshold", threshold);
        }
        params.put("min_item_support", minItemSupport);
        params.put("min_user_events", minUserEvents);
        params.put("heldout_users", heldoutUsers);
        if (assignment == Assignment.HASH) {
            params.put("assignment", "hash");
            params.put("heldout_users_resolved", testUsers.length);
        } else {
            params.put("heldout_users_resolved", n);
        }
        params.put("holdout_fraction", holdoutFraction);
        params.put("min_holdout_events", minHoldoutEvents);
        Split s = new Split(new SplitInfo("strong", params, seed, Map.of(), Map.of()), train, validation, test, null);
        return s.withInfo(new SplitInfo("strong", params, seed, Map.of(), s.counts()));
    }

    private HeldOut heldOut(Interactions filtered, int[] users, int[] trainItems, SplittableRandom rng) {
        Interactions restricted = filtered.select(users, trainItems);
        int[] nonEmpty = restricted.nonEmptyUsers();
        Interactions x = restricted.select(nonEmpty, range(restricted.numItems()).toArray());
        boolean[] hide = new boolean[x.nnz()];
        for (int u = 0; u < x.numUsers(); u++) {
            int d = x.degree(u);
            if (d < minHoldoutEvents) {
                continue;
            }
            int k = (int) Math.floor(holdoutFraction * d);
            if (assignment == Assignment.HASH) {
                String user = x.users().id(u);
                double[] draw = new double[d];
                Integer[] order = new Integer[d];
                for (int e = 0; e < d; e++) {
                    draw[e] = HashAssignment.event(seed, user, x.items().id(x.columnIndices()[x.rowStart(u) + e]));
                    order[e] = e;
                }
                // The k smallest draws; equal draws (not seen in practice) by item id, as a cluster job sorts them.
                int row = x.rowStart(u);
                Arrays.sort(order, (a, b) -> draw[a] != draw[b] ? Double.compare(draw[a], draw[b])
                        : x.items().id(x.columnIndices()[row + a]).compareTo(x.items().id(x.columnIndices()[row + b])));
                for (int i = 0; i < k; i++) {
                    hide[row + order[i]] = true;
                }
                continue;
            }
            int[] pos = range(d).toArray();
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(d - i);
                int t = pos[i];
                pos[i] = pos[j];
                pos[j] = t;
                hide[x.rowStart(u) + pos[i]] = true;
            }
        }
        Interactions[] parts = x.partition(hide);
        return new HeldOut(parts[0], parts[1]);
    }

    static java.util.stream.IntStream range(int n) {
        return java.util.stream.IntStream.range(0, n);
    }

    static int[] sorted(int[] a) {
        Arrays.sort(a);
        return a;
    }
}
