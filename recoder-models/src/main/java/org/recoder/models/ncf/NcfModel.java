package org.recoder.models.ncf;

import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;

/**
 * A trained NCF model (GMF, MLP or NeuMF; He, Liao, Zhang, Nie, Hu &amp; Chua, "Neural Collaborative Filtering",
 * WWW 2017): the score of item i for user u is σ(logit(u, i)) of its {@link NcfNetwork}.
 *
 * <p><b>Known users only.</b> Each training user has learned embeddings, so a user is scored by id
 * ({@link #scoreRows} over histories whose user ids were training users); a new history cannot be scored
 * ({@link #score} throws, {@link #canFoldIn()} is false): retrain with the new user's events.
 *
 * <p>Scoring a user runs the network over every item in batches of up to 4,096 (the training layers' batched
 * products): O(|I|·(f + Σ layer_l·layer_{l+1})). The model holds (users + items)·(f + layers[0]/2) embedding
 * numbers plus the tower.
 */
public final class NcfModel implements Model {
    private static final int SCORE_BATCH = 4096;
    private final String type;
    private final Record config;
    private final Interactions known;
    private final NcfNetwork network;
    private final Provenance provenance;

    NcfModel(String type, Record config, Interactions known, NcfNetwork network, Provenance provenance) {
        this.type = type;
        this.config = config;
        this.known = known;
        this.network = network;
        this.provenance = provenance;
    }

    NcfNetwork network() {
        return network;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public boolean canFoldIn() {
        return false;
    }

    /** Always throws: NCF learns an embedding per training user and cannot score a new history. */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        throw new UnsupportedOperationException(type + " cannot fold in a new history: it learns an embedding per "
                + "training user, so only users seen in training can be scored (by id); retrain with the new user's events");
    }

    /** σ(logit) of every item for the known user {@code user} (an index of {@link #knownUsers()}). */
    public void scoreKnown(int user, float[] out) {
        int n = network.numItems;
        int cap = Math.min(n, SCORE_BATCH);
        NcfNetwork.Pass p = network.new Pass(cap);
        int[] users = new int[cap];
        java.util.Arrays.fill(users, user);
        int[] items = new int[cap];
        for (int from = 0; from < n; from += cap) {
            int m = Math.min(cap, n - from);
            for (int r = 0; r < m; r++) {
                items[r] = from + r;
            }
            network.forward(p, users, items, 0, m);
            for (int r = 0; r < m; r++) {
                out[from + r] = NcfNetwork.sigmoid(p.logits[r]);
            }
        }
    }

    /** Rows of {@code histories} are matched to training users by id; any other user fails, naming them. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        for (int r = from; r < to; r++) {
            String id = histories.users().id(users[r]);
            int u = known.users().tryIndex(id);
            if (u < 0) {
                throw new IllegalArgumentException(type + " cannot score user '" + id + "': it was not a training user, "
                        + "and " + type + " learns an embedding per training user (retrain with this user's events)");
            }
            scoreKnown(u, out[r - from]);
        }
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Record config() {
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
    public Map<String, Tensor> tensors() {
        return Param.tensors(network.params());
    }
}
