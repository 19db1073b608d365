package org.recoder.protocol;

import java.util.SplittableRandom;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SplitInfo;

/**
 * Random split of ratings for rating prediction (AutoRec, Sedhain et al. WWW 2015: 90/10, 5 repeats, RMSE).
 * A {@code testFraction} of all ratings, drawn uniformly, is held out as the test part; then a
 * {@code validationFraction} of the remaining training ratings is held out as the validation part (early stopping
 * and the choice of hyperparameters; the paper holds out 10% of each training part). Held-out ratings of users or
 * items absent from the final training part are dropped (counted in split.json). Both held-out parts are ratings of
 * training users: their fold-in is the training matrix itself, so they share its user and item indices. Repeat r
 * uses the r-th stream split from {@code seed}.
 *
 * <p>With {@link StrongGeneralization.Assignment#HASH} each rating is drawn by a hash of the seed, the repeat and
 * its (user, item) ids instead ({@link HashAssignment}): test when below {@code testFraction}, then, among the
 * rest, validation when a second hash is below {@code validationFraction}; the parts are then those fractions in
 * expectation, and a cluster job makes the same split row by row (Recoder on Spark).
 *
 * @param testFraction       share of all ratings held out for testing (0.1)
 * @param validationFraction share of the rest held out for validation (0.1; 0 for none)
 * @param repeat             which repeat (0-based) of the k-fold-like repetition this split is
 * @param seed               base seed
 * @param assignment         a seeded shuffle (the default) or hashes of the ids
 */
public record RatingSplit(double testFraction, double validationFraction, int repeat, long seed,
                          StrongGeneralization.Assignment assignment) {
    /** With the shuffle. */
    public RatingSplit(double testFraction, double validationFraction, int repeat, long seed) {
        this(testFraction, validationFraction, repeat, seed, StrongGeneralization.Assignment.SHUFFLE);
    }

    /** A rating's test draw under hash assignment. */
    public static double testDraw(long seed, int repeat, String user, String item) {
        return HashAssignment.unit(seed, "rating-test", Integer.toString(repeat), user, item);
    }

    /** A training rating's validation draw under hash assignment. */
    public static double validationDraw(long seed, int repeat, String user, String item) {
        return HashAssignment.unit(seed, "rating-validation", Integer.toString(repeat), user, item);
    }

    public RatingSplit {
        if (assignment == null) {
            throw new IllegalArgumentException("assignment must be SHUFFLE or HASH");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
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
        boolean hash = assignment == StrongGeneralization.Assignment.HASH;
        Protocols.HeldOutPair p = Protocols.trainAndHoldout(data, hash ? hashed(data, true) : draw(data.nnz(), testFraction, rng));
        Interactions train = p.train();
        Interactions test = p.holdout();
        int droppedTest = p.dropped();
        HeldOut validation = null;
        int droppedValidation = 0;
        if (validationFraction > 0) {
            Protocols.HeldOutPair v = Protocols.trainAndHoldout(train, hash ? hashed(train, false) : draw(train.nnz(), validationFraction, rng));
            Interactions remapped = Protocols.mapInto(test, v.train());
            droppedTest += test.nnz() - remapped.nnz();
            train = v.train();
            test = remapped;
            validation = new HeldOut(train, v.holdout());
            droppedValidation = v.dropped();
        }
        var params = Protocols.params("test_fraction", testFraction, "validation_fraction", validationFraction,
                "repeat", repeat, "dropped_test_ratings", droppedTest, "dropped_validation_ratings", droppedValidation);
        if (hash) {
            params = new java.util.LinkedHashMap<>(params);
            params.put("assignment", "hash");
        }
        return Protocols.withCounts(new Split(new SplitInfo("ratings", params, seed, null, null), train, validation,
                new HeldOut(train, test), null));
    }

    /** Each entry's hash draw against the fraction: the test draw, or the validation draw. */
    private boolean[] hashed(Interactions x, boolean test) {
        boolean[] held = new boolean[x.nnz()];
        for (int u = 0; u < x.numUsers(); u++) {
            String user = x.users().id(u);
            for (int k = x.rowStart(u); k < x.rowEnd(u); k++) {
                String item = x.items().id(x.columnIndices()[k]);
                held[k] = test ? testDraw(seed, repeat, user, item) < testFraction : validationDraw(seed, repeat, user, item) < validationFraction;
            }
        }
        return held;
    }

    /** A uniformly drawn {@code fraction} of {@code n} entries. */
    private static boolean[] draw(int n, double fraction, SplittableRandom rng) {
        int[] order = StrongGeneralization.range(n).toArray();
        Protocols.shuffle(order, rng);
        int chosen = (int) Math.round(fraction * n);
        boolean[] held = new boolean[n];
        for (int k = 0; k < chosen; k++) {
            held[order[k]] = true;
        }
        return held;
    }
}
