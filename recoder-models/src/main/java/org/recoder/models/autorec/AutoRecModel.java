package org.recoder.models.autorec;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.models.family.RatingModel;
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
public final class AutoRecModel extends RatingModel {
    public static final String ITEM_TYPE = "iautorec";
    public static final String USER_TYPE = "uautorec";
    private final boolean itemBased;
    private final AutoRecConfig config;
    /** The training vectors the network reads: items × users for I-AutoRec, users × items for U-AutoRec. */
    private final Interactions samples;
    private final AutoRecNetwork network;
    private final float fallback;
    private final int[] itemDegrees;
    /** I-AutoRec: every item's code, computed on first use. */
    private volatile float[] itemCodes;

    AutoRecModel(boolean itemBased, AutoRecConfig config, Interactions known, AutoRecNetwork network, Provenance provenance) {
        super(config, known, provenance);
        this.itemBased = itemBased;
        this.config = config;
        this.samples = itemBased ? known.transpose() : known;
        this.network = network;
        if (config.unknown() == AutoRecConfig.Unknown.THREE) {
            fallback = clip(3f);
        } else {
            double sum = 0;
            for (float r : known.valueArray()) {
                sum += r;
            }
            fallback = clip((float) (sum / known.nnz()));
        }
        itemDegrees = known.itemDegrees();
    }

    @Override
    public void predictKnown(int user, int[] items, float[] out) {
        requireKnown(user);
        if (knownUsers().degree(user) == 0) {
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
            predict(knownUsers().rowItems(user), knownUsers().rowValues(user), items, out);
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
                    int[] all = allItems();
                    SparseBatch x = new SparseBatch();
                    x.load(samples, all, 0, all.length, false, 0f, null);
                    c = network.encode(x, 0)[codeLayer()];
                    itemCodes = c;
                }
            }
        }
        return c;
    }

    @Override
    public boolean canFoldIn() {
        return !itemBased;
    }

    @Override
    public String whyNoFoldIn() {
        return "I-AutoRec has no row of its decoder for a user it was not trained on; uautorec folds in new users";
    }

    /** I-AutoRec scores known users, found by id; U-AutoRec folds in each row's history. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        if (!itemBased) {
            super.scoreRows(histories, users, from, to, out);
            return;
        }
        int[] items = allItems();
        for (int r = from; r < to; r++) {
            String id = histories.users().id(users[r]);
            int u = knownUsers().users().tryIndex(id);
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
    public Map<String, Tensor> tensors() {
        return Param.tensors(network.params());
    }
}
