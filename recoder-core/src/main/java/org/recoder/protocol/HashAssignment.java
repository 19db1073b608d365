package org.recoder.protocol;

/**
 * Assignment by hashing instead of by shuffling: a user's role, or whether an event is held out, follows from a
 * hash of the seed and the external ids alone, so a cluster job decides it row by row, with no global shuffle and
 * no count of the whole dataset, and gets the same answer as one machine (Recoder on Spark uses this class).
 *
 * <p>The hash: FNV-1a over the ids' UTF-16 chars (a separator after each id) started from the seed, then
 * SplitMix64's finalizer; its top 53 bits make a double in [0, 1). Not cryptographic: it only has to spread ids
 * evenly and be the same on every JVM.
 */
public final class HashAssignment {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private HashAssignment() {
    }

    /** A number in [0, 1), a function of {@code seed} and {@code ids} only. */
    public static double unit(long seed, String... ids) {
        long h = FNV_OFFSET ^ (seed * 0x9E3779B97F4A7C15L);
        for (String id : ids) {
            for (int k = 0; k < id.length(); k++) {
                h = (h ^ id.charAt(k)) * FNV_PRIME;
            }
            // A separator, so that ("ab", "c") and ("a", "bc") differ.
            h = (h ^ 0x1F) * FNV_PRIME;
        }
        return (mix(h) >>> 11) * 0x1.0p-53;
    }

    /** The user's draw of the strong-generalization split: test below f, validation below 2f, training above. */
    public static double user(long seed, String user) {
        return unit(seed, "user", user);
    }

    /** An event's draw: a held-out user's events with the smallest draws are its held-out targets. */
    public static double event(long seed, String user, String item) {
        return unit(seed, "event", user, item);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
