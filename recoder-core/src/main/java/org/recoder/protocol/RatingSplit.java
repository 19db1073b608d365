package org.recoder.protocol;

import java.util.SplittableRandom;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SplitInfo;

/**
 * Random split of ratings for rating prediction (AutoRec, Sedhain et al. WWW 2015: 90/10, 5 repeats, RMSE).
 * A {@code testFraction} of all ratings, drawn uniformly, is held out; held-out ratings of users or items absent
 * from training are dropped (recorded in split.json). Repeat r uses the r-th stream split from {@code seed}.
 *
 * @param testFraction share of ratings held out (0.1)
 * @param repeat       which repeat (0-based) of the k-fold-like repetition this split is
 * @param seed         base seed
 */
public record RatingSplit(double testFraction, int repeat, long seed) {
    public RatingSplit {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be ≥ 0");
        }
    }

    public Split split(Interactions data) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < repeat; r++) {
            rng = rng.split();
        }
        int[] order = StrongGeneralization.range(data.nnz()).toArray();
        Protocols.shuffle(order, rng);
        int nTest = (int) Math.round(testFraction * data.nnz());
        boolean[] held = new boolean[data.nnz()];
        for (int k = 0; k < nTest; k++) {
            held[order[k]] = true;
        }
        Protocols.HeldOutPair p = Protocols.trainAndHoldout(data, held);
        var params = Protocols.params("test_fraction", testFraction, "repeat", repeat, "dropped_test_ratings", p.dropped());
        return Protocols.withCounts(new Split(new SplitInfo("ratings", params, seed, null, null), p.train(), null,
                new HeldOut(p.train(), p.holdout()), null));
    }
}
