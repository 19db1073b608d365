package org.recoder.models.autorec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.api.RatingPredictor;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;

/**
 * AutoRec, "AutoRec: Autoencoders Meet Collaborative Filtering" (Sedhain, Menon, Sanner & Xie, WWW 2015): an
 * autoencoder h(r) = f(W·g(V·r + μ) + b) over partially observed rating vectors, trained on the observed entries
 * only (masked squared error, λ/2·(‖W‖² + ‖V‖²)) by {@link AutoRecTrainer}. Two variants:
 * <ul>
 *   <li><b>I-AutoRec</b> ({@code iautorec}, the paper's better one: ML-1M RMSE 0.831): one sample per item, its
 *       vector of ratings by the training users; R̂ᵤᵢ is entry u of the reconstruction of item i's vector. It
 *       predicts for users seen in training only: a new user has no row of W (retrain with their ratings).</li>
 *   <li><b>U-AutoRec</b> ({@code uautorec}, ML-1M 0.874): one sample per user, their vector of ratings; a new user's
 *       ratings are folded in by one forward pass, without retraining.</li>
 * </ul>
 * A user or item with no training ratings is predicted the config's default (3, as in the paper, or the global mean);
 * every prediction is clipped to the training ratings' range. Scores for ranking are the predicted ratings.
 *
 * <p>Cost: predicting n ratings of one user takes O(nnz(r)·k) to encode (U-AutoRec: the user's ratings; I-AutoRec:
 * every item's ratings once, cached) and O(n·k) to decode; the model holds 2·width·k + k weights (width = users for
 * I-AutoRec, items for U-AutoRec) and the training matrix.
 */
public final class AutoRecModel implements Model, RatingPredictor {
    public static final String ITEM_TYPE = "iautorec";
    public static final String USER_TYPE = "uautorec";
    private final boolean itemBased;
    private final AutoRecConfig config;
    private final Interactions known;
    /** The training vectors the network reads: items × users for I-AutoRec, users × items for U-AutoRec. */
    private final Interactions samples;
    private final AutoRecNetwork network;
    private final Provenance provenance;
    private final float fallback;
    private final float lowest;
    private final float highest;
    private final int[] itemDegrees;
    /** I-AutoRec: every item's code, computed on first use. */
    private volatile float[] itemCodes;

    AutoRecModel(boolean itemBased, AutoRecConfig config, Interactions known, AutoRecNetwork network, Provenance provenance) {
        this.itemBased = itemBased;
        this.config = config;
        this.known = known;
        this.samples = itemBased ? known.transpose() : known;
        this.network = network;
        this.provenance = provenance;
        float[] v = known.valueArray();
        if (v.length == 0) {
            throw new IllegalArgumentException("AutoRec needs training ratings");
        }
        double sum = 0;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float r : v) {
            sum += r;
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        lowest = lo;
        highest = hi;
        fallback = config.unknown() == AutoRecConfig.Unknown.THREE ? clip(3f) : clip((float) (sum / v.length));
        itemDegrees = known.itemDegrees();
    }

    /** The lowest and highest training rating. */
    static float[] range(Interactions known) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float r : known.valueArray()) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return new float[] {lo, hi};
    }

    private float clip(float r) {
        return Math.max(lowest, Math.min(highest, r));
    }

    @Override
    public void predictKnown(int user, int[] items, float[] out) {
        if (user < 0 || user >= known.numUsers()) {
            throw new IllegalArgumentException("user row " + user + " is not one of the " + known.numUsers() + " known users");
        }
        if (known.degree(user) == 0) {
            java.util.Arrays.fill(out, 0, items.length, fallback);
            return;
        }
        if (itemBased) {
            float[] codes = itemCodes();
            int k = network.codeWidth();
            for (int n = 0; n < items.length; n++) {
                int i = items[n];
                out[n] = itemDegrees[i] == 0 ? fallback : clip(network.outputAt(user, codes, i * k));
            }
        } else {
            predict(known.rowItems(user), known.rowValues(user), items, out);
        }
    }

    @Override
    public void predict(int[] historyItems, float[] historyRatings, int[] items, float[] out) {
        if (itemBased) {
            throw new UnsupportedOperationException("I-AutoRec predicts for users seen in training only: it has no row "
                    + "of its decoder for a new user; ask for a known user, use uautorec (which folds in a new user's "
                    + "ratings), or retrain with this user's ratings");
        }
        if (historyItems.length == 0) {
            java.util.Arrays.fill(out, 0, items.length, fallback);
            return;
        }
        SparseBatch x = new SparseBatch();
        x.loadHistory(historyItems, historyRatings, false);
        float[] code = network.encode(x, 1)[codeLayer()];
        for (int n = 0; n < items.length; n++) {
            int i = items[n];
            out[n] = itemDegrees[i] == 0 ? fallback : clip(network.outputAt(i, code, 0));
        }
    }

    private int codeLayer() {
        return config.hiddenSizes().length - 1;
    }

    private float[] itemCodes() {
        float[] c = itemCodes;
        if (c == null) {
            synchronized (this) {
                c = itemCodes;
                if (c == null) {
                    int[] all = java.util.stream.IntStream.range(0, samples.numUsers()).toArray();
                    SparseBatch x = new SparseBatch();
                    x.load(samples, all, 0, all.length, false, 0f, null);
                    c = network.encode(x, 0)[codeLayer()];
                    itemCodes = c;
                }
            }
        }
        return c;
    }

    /** U-AutoRec: predicted ratings of every item for the history. I-AutoRec cannot fold in (throws). */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        predict(historyItems, historyValues, allItems(), out);
    }

    private int[] allItems() {
        return java.util.stream.IntStream.range(0, known.numItems()).toArray();
    }

    @Override
    public boolean canFoldIn() {
        return !itemBased;
    }

    /** I-AutoRec scores known users, found by id; U-AutoRec folds in each row's history. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        if (!itemBased) {
            RatingPredictor.super.scoreRows(histories, users, from, to, out);
            return;
        }
        int[] items = allItems();
        for (int r = from; r < to; r++) {
            String id = histories.users().id(users[r]);
            int u = known.users().tryIndex(id);
            if (u < 0) {
                throw new IllegalArgumentException("I-AutoRec cannot score user '" + id + "': it predicts for users seen "
                        + "in training only (retrain with their ratings, or use uautorec)");
            }
            predictKnown(u, items, out[r - from]);
        }
    }

    @Override
    public String type() {
        return itemBased ? ITEM_TYPE : USER_TYPE;
    }

    @Override
    public AutoRecConfig config() {
        return config;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Interactions knownUsers() {
        return known;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Param p : network.params()) {
            t.put(p.name(), Tensor.of(p.value(), p.shape()));
        }
        return t;
    }
}
