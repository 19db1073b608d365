package org.recoder.synth;

import java.util.Locale;
import java.util.SplittableRandom;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;

/**
 * Generates click sessions with planted sequential structure, deterministic by seed: the shape of a session dataset
 * without its data, for benchmarks at sizes that cannot be downloaded here.
 *
 * <p>Items carry a Zipf-like popularity (rank<sup>-zipfExponent</sup>, ranks shuffled) and fall into groups of
 * {@code groupSize} consecutive indices. A session has 2 + a geometric number of events, with the requested mean
 * length. Its first item is drawn by popularity; each next event returns to an item already in the session with
 * probability {@code repeat}, else stays in the group of the current item with probability {@code follow} (by
 * popularity within the group), else jumps to any item by popularity. So the next item depends on the current one,
 * which a sequence model can learn and popularity cannot. Sessions start in time order across {@code days}, their
 * events 5 s to 5 min apart, so a split by days (the last day as test) cuts where the session protocols cut.
 *
 * @param sessions      number of sessions
 * @param items         number of items
 * @param meanLength    mean events per session (≥ 2)
 * @param groupSize     items per group of likely successors
 * @param follow        probability that a next event stays in the current item's group
 * @param repeat        probability that a next event returns to an item of the session
 * @param zipfExponent  popularity skew
 * @param days          the time the session starts span
 */
public record SyntheticSessions(int sessions, int items, double meanLength, int groupSize, double follow, double repeat,
                                double zipfExponent, double days) {
    public SyntheticSessions {
        if (sessions < 1 || items < 2 || groupSize < 1 || groupSize > items || !(meanLength >= 2) || !(days > 0)) {
            throw new IllegalArgumentException("invalid synthetic session shape");
        }
        if (!(follow >= 0 && follow <= 1) || !(repeat >= 0 && repeat <= 1) || !(zipfExponent >= 0)) {
            throw new IllegalArgumentException("follow and repeat must be in [0, 1], the zipf exponent ≥ 0");
        }
    }

    /** Whether {@code name} is a session preset ({@link #preset}). */
    public static boolean isPreset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sessions-small", "rsc15" -> true;
            default -> false;
        };
    }

    /**
     * Presets: {@code sessions-small} (tests: 20,000 sessions, 1,000 items, 30 days) and {@code rsc15}, the size of
     * GRU4Rec's RSC15 training set (Hidasi et al. 2016: 7,966,257 sessions, 31,637,239 clicks, 37,483 items; its
     * clicks span about six months).
     */
    public static SyntheticSessions preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sessions-small" -> new SyntheticSessions(20_000, 1_000, 4.0, 20, 0.6, 0.15, 1.0, 30);
            case "rsc15" -> new SyntheticSessions(7_966_257, 37_483, 31_637_239 / 7_966_257.0, 50, 0.6, 0.15, 1.0, 182);
            default -> throw new IllegalArgumentException("unknown session preset '" + name + "' (sessions-small, rsc15)");
        };
    }

    /** Generates the events (session ids {@code s1..}, item ids {@code i1..}, times in ms) with {@code seed}. */
    public EventLog generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] cdf = SyntheticData.cdf(SyntheticData.zipfWeights(items, zipfExponent, rng), null);
        // Events beyond the first two: geometric on {0, 1, ...} with mean meanLength - 2.
        double extraMean = meanLength - 2;
        double stop = 1 / (1 + extraMean);
        int[] length = new int[sessions];
        long total = 0;
        for (int s = 0; s < sessions; s++) {
            int n = 2;
            while (extraMean > 0 && rng.nextDouble() >= stop && n < 200) {
                n++;
            }
            length[s] = n;
            total += n;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many events for one array: " + total);
        }
        int[] eu = new int[(int) total];
        int[] ei = new int[(int) total];
        float[] ev = new float[(int) total];
        long[] et = new long[(int) total];
        long start = 1_396_310_400_000L; // 2014-04-01, RSC15's first day
        double gap = days * 86_400_000.0 / sessions;
        double clock = start;
        int p = 0;
        for (int s = 0; s < sessions; s++) {
            clock += gap * -Math.log(1 - rng.nextDouble());
            long t = (long) clock;
            int first = p;
            int item = draw(cdf, 0, items, rng);
            for (int k = 0; k < length[s]; k++) {
                if (k > 0) {
                    double u = rng.nextDouble();
                    if (u < repeat) {
                        item = ei[first + rng.nextInt(k)];
                    } else if (u < repeat + (1 - repeat) * follow) {
                        int g0 = item / groupSize * groupSize;
                        item = draw(cdf, g0, Math.min(items, g0 + groupSize), rng);
                    } else {
                        item = draw(cdf, 0, items, rng);
                    }
                    t += 5_000 + (long) (rng.nextDouble() * 295_000);
                }
                eu[p] = s;
                ei[p] = item;
                ev[p] = 1f;
                et[p] = t;
                p++;
            }
        }
        String[] sid = new String[sessions];
        for (int s = 0; s < sessions; s++) {
            sid[s] = "s" + (s + 1);
        }
        String[] iid = new String[items];
        for (int i = 0; i < items; i++) {
            iid[i] = "i" + (i + 1);
        }
        return new EventLog(IdIndex.of(sid), IdIndex.of(iid), eu, ei, ev, et);
    }

    /** An item of [from, to) by the popularity that {@code cdf} (over all items) gives. */
    private static int draw(double[] cdf, int from, int to, SplittableRandom rng) {
        double lo = from == 0 ? 0 : cdf[from - 1];
        double x = lo + rng.nextDouble() * (cdf[to - 1] - lo);
        int i = java.util.Arrays.binarySearch(cdf, from, to, x);
        i = i < 0 ? -i - 1 : i;
        return Math.min(i, to - 1);
    }
}
