package org.recoder.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.protocol.Split;

/** Explicit-rating test data for the rating predictors, and the item-mean baseline they must beat. */
public final class ExplicitRatings {
    private ExplicitRatings() {
    }

    /** Ratings 1–5 from a rank-2 taste model plus noise, 35% of the user × item pairs observed. */
    public static Interactions ratings(int users, int items, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] uf = new double[users][2];
        double[][] vf = new double[items][2];
        for (double[] f : uf) {
            f[0] = rng.nextGaussian();
            f[1] = rng.nextGaussian();
        }
        for (double[] f : vf) {
            f[0] = rng.nextGaussian();
            f[1] = rng.nextGaussian();
        }
        List<Integer> us = new ArrayList<>();
        List<Integer> is = new ArrayList<>();
        List<Float> vs = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.35) {
                    double r = 3 + 0.9 * (uf[u][0] * vf[i][0] + uf[u][1] * vf[i][1]) + 0.3 * rng.nextGaussian();
                    us.add(u);
                    is.add(i);
                    vs.add((float) Math.max(1, Math.min(5, Math.round(r))));
                }
            }
        }
        List<String> uid = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            uid.add("u" + u);
        }
        List<String> iid = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            iid.add("i" + i);
        }
        int[] u = us.stream().mapToInt(Integer::intValue).toArray();
        int[] it = is.stream().mapToInt(Integer::intValue).toArray();
        float[] v = new float[vs.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = vs.get(k);
        }
        return Interactions.fromTriples(IdIndex.of(uid), IdIndex.of(iid), u, it, v, null, DuplicatePolicy.LAST);
    }

    /** RMSE of predicting each held-out rating by its item's training mean (the user mean where the item has none). */
    public static double itemMeanRmse(Split s) {
        Interactions t = s.train();
        double[] sum = new double[t.numItems()];
        int[] n = new int[t.numItems()];
        for (int u = 0; u < t.numUsers(); u++) {
            for (int p = t.rowStart(u); p < t.rowEnd(u); p++) {
                sum[t.columnIndices()[p]] += t.valueArray()[p];
                n[t.columnIndices()[p]]++;
            }
        }
        Interactions held = s.test().holdout();
        double se = 0;
        int count = 0;
        for (int u = 0; u < held.numUsers(); u++) {
            for (int p = held.rowStart(u); p < held.rowEnd(u); p++) {
                int i = held.columnIndices()[p];
                double predicted = n[i] > 0 ? sum[i] / n[i] : 3;
                double d = predicted - held.valueArray()[p];
                se += d * d;
                count++;
            }
        }
        return Math.sqrt(se / count);
    }

}
