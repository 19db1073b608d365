package org.recoder.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;

/**
 * Generates interaction data with planted structure, deterministic by seed.
 *
 * <p>Items fall into {@code clusters} latent groups and carry a Zipf-like popularity weight
 * (rank<sup>-zipfExponent</sup>, ranks shuffled across clusters). Each user belongs to one group and draws a
 * log-normal number of distinct items: with probability {@code affinity} from the own group, else from the whole
 * catalogue, in both cases in proportion to popularity. Ratings are 0.5-step values in [0.5, 5], higher for
 * in-group items, and timestamps increase per user. A model that learns co-occurrence (item-kNN, EASE, VAEs)
 * must therefore beat popularity by a clear margin, and popularity itself beats random.
 *
 * @param users        number of users
 * @param items        number of items
 * @param meanEvents   target mean events per user (log-normal)
 * @param sigma        log-normal shape of user activity
 * @param clusters     latent user/item groups
 * @param affinity     probability that an event falls in the user's group
 * @param zipfExponent popularity skew
 * @param minEvents    minimum events per user
 */
public record SyntheticData(int users, int items, double meanEvents, double sigma, int clusters, double affinity,
                            double zipfExponent, int minEvents) {

    public SyntheticData {
        if (users < 1 || items < 2 || clusters < 1 || clusters > items || meanEvents < 1 || minEvents < 1) {
            throw new IllegalArgumentException("invalid synthetic shape");
        }
        if (!(affinity >= 0 && affinity <= 1) || !(sigma >= 0) || !(zipfExponent >= 0)) {
            throw new IllegalArgumentException("affinity must be in [0, 1], sigma and zipf exponent ≥ 0");
        }
    }

    /**
     * Shape presets: {@code small} (quickstart, 3,000 × 1,500, ~90k events), {@code ml-20m} (136,677 × 20,108,
     * ~10M; Liang's filtered ML-20M), {@code ml-20m-ratings} (138,493 × 26,744, ~20M: ML-20M as released, for the
     * rating predictors), {@code netflix} (463,435 × 17,769, ~57M), {@code msd} (571,355 × 41,140, ~34M).
     */
    public static SyntheticData preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "small" -> new SyntheticData(3_000, 1_500, 30, 0.8, 12, 0.8, 0.9, 5);
            case "ml-20m" -> new SyntheticData(136_677, 20_108, 73, 1.0, 40, 0.75, 1.0, 5);
            // ML-20M as released (every rating, before any filtering): 20,000,263 ratings, at least 20 a user.
            case "ml-20m-ratings" -> new SyntheticData(138_493, 26_744, 144, 1.0, 40, 0.75, 1.0, 20);
            case "netflix" -> new SyntheticData(463_435, 17_769, 123, 1.0, 40, 0.75, 1.0, 5);
            case "msd" -> new SyntheticData(571_355, 41_140, 59, 0.9, 60, 0.75, 0.9, 20);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (small, ml-20m, ml-20m-ratings, netflix, msd)");
        };
    }

    /** Generates the events (user ids {@code u1..}, item ids {@code i1..}) with {@code seed}. */
    public EventLog generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] itemCluster = new int[items];
        for (int i = 0; i < items; i++) {
            itemCluster[i] = i % clusters;
        }
        double[] weight = zipfWeights(items, zipfExponent, rng);
        double[] globalCdf = cdf(weight, null);
        int[][] clusterItems = new int[clusters][];
        double[][] clusterCdf = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            int cc = c;
            clusterItems[c] = java.util.stream.IntStream.range(0, items).filter(i -> itemCluster[i] == cc).toArray();
            clusterCdf[c] = cdf(weight, clusterItems[c]);
        }
        // log-normal with the requested mean: mu = ln(mean) - sigma^2 / 2
        double mu = Math.log(meanEvents) - sigma * sigma / 2;
        int maxPerUser = Math.max(minEvents, items / 2);
        int[] count = new int[users];
        long total = 0;
        for (int u = 0; u < users; u++) {
            double n = Math.exp(mu + sigma * gaussian(rng));
            count[u] = (int) Math.max(minEvents, Math.min(maxPerUser, Math.round(n)));
            total += count[u];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many events for one array: " + total);
        }
        int[] eu = new int[(int) total];
        int[] ei = new int[(int) total];
        float[] ev = new float[(int) total];
        long[] et = new long[(int) total];
        boolean[] seen = new boolean[items];
        int[] picked = new int[maxPerUser];
        int p = 0;
        long base = 1_100_000_000_000L;
        for (int u = 0; u < users; u++) {
            int c = rng.nextInt(clusters);
            int n = count[u];
            long t = base + (long) (rng.nextDouble() * 3e11);
            int got = 0;
            int attempts = 0;
            while (got < n && attempts < n * 50) {
                attempts++;
                int i = rng.nextDouble() < affinity ? clusterItems[c][draw(clusterCdf[c], rng)] : draw(globalCdf, rng);
                if (seen[i]) {
                    continue;
                }
                seen[i] = true;
                picked[got++] = i;
                boolean inGroup = itemCluster[i] == c;
                double r = (inGroup ? 4.2 : 2.8) + 0.8 * gaussian(rng);
                eu[p] = u;
                ei[p] = i;
                ev[p] = (float) (Math.min(10, Math.max(1, Math.round(r * 2))) / 2.0);
                t += 1000L + (long) (rng.nextDouble() * 600_000);
                et[p] = t;
                p++;
            }
            for (int k = 0; k < got; k++) {
                seen[picked[k]] = false;
            }
        }
        String[] uid = new String[users];
        for (int u = 0; u < users; u++) {
            uid[u] = "u" + (u + 1);
        }
        String[] iid = new String[items];
        for (int i = 0; i < items; i++) {
            iid[i] = "i" + (i + 1);
        }
        return new EventLog(IdIndex.of(uid), IdIndex.of(iid), Arrays.copyOf(eu, p), Arrays.copyOf(ei, p),
                Arrays.copyOf(ev, p), Arrays.copyOf(et, p));
    }

    /** Popularity weights rank^-exponent over popularity ranks shuffled across the items (a Fisher–Yates shuffle). */
    static double[] zipfWeights(int items, double exponent, SplittableRandom rng) {
        int[] rank = new int[items];
        for (int i = 0; i < items; i++) {
            rank[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        double[] weight = new double[items];
        for (int i = 0; i < items; i++) {
            weight[i] = Math.pow(rank[i] + 1, -exponent);
        }
        return weight;
    }

    static double[] cdf(double[] weight, int[] subset) {
        int n = subset == null ? weight.length : subset.length;
        double[] c = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += weight[subset == null ? k : subset[k]];
            c[k] = s;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= s;
        }
        return c;
    }

    private static int draw(double[] cdf, SplittableRandom rng) {
        double x = rng.nextDouble();
        int i = Arrays.binarySearch(cdf, x);
        i = i < 0 ? -i - 1 : i;
        return Math.min(i, cdf.length - 1);
    }

    private static double gaussian(SplittableRandom rng) {
        return rng.nextGaussian();
    }
}
