package org.recoder.models.ncf;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.models.family.KnownUserModel;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;

/**
 * A trained NCF model (GMF, MLP or NeuMF; He, Liao, Zhang, Nie, Hu &amp; Chua, "Neural Collaborative Filtering",
 * WWW 2017): the score of item i for user u is σ(logit(u, i)) of its {@link NcfNetwork}.
 *
 * <p><b>Known users only.</b> Each training user has learned embeddings, so a user is scored by id
 * ({@link #scoreRows} over histories whose user ids were training users); a new history cannot be scored
 * ({@link KnownUserModel}: {@link #score} throws, {@link #canFoldIn()} is false): retrain with the new user's events.
 *
 * <p>Scoring a user runs the network over every item in batches of up to 4,096 (the training layers' batched
 * products): O(|I|·(f + Σ layer_l·layer_{l+1})). The model holds (users + items)·(f + layers[0]/2) embedding
 * numbers plus the tower.
 */
public final class NcfModel extends KnownUserModel {
    private static final int SCORE_BATCH = 4096;
    private static final String PER_USER = "an embedding per training user";
    private final NcfNetwork network;

    NcfModel(String type, Record config, Interactions known, NcfNetwork network, Provenance provenance) {
        super(type, config, known, provenance, PER_USER);
        this.network = network;
    }

    NcfNetwork network() {
        return network;
    }

    /** σ(logit) of every item for the known user {@code user} (an index of {@link #knownUsers()}). */
    @Override
    public void scoreKnown(int user, float[] out) {
        scoreKnown(user, out, new Scratch());
    }

    /** As the base, with one scratch pass for all the rows rather than one per user. */
    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        int[] rows = knownRows(knownUsers(), histories, users, from, to, type(), PER_USER, "retrain with this user's events");
        Scratch scratch = new Scratch();
        for (int r = 0; r < rows.length; r++) {
            scoreKnown(rows[r], out[r], scratch);
        }
    }

    /** A forward pass over up to {@link #SCORE_BATCH} (user, item) pairs and its index arrays. */
    private final class Scratch {
        final int cap = Math.min(network.numItems, SCORE_BATCH);
        final NcfNetwork.Pass pass = network.new Pass(cap);
        final int[] users = new int[cap];
        final int[] items = new int[cap];
    }

    private void scoreKnown(int user, float[] out, Scratch s) {
        int n = network.numItems;
        java.util.Arrays.fill(s.users, user);
        for (int from = 0; from < n; from += s.cap) {
            int m = Math.min(s.cap, n - from);
            for (int r = 0; r < m; r++) {
                s.items[r] = from + r;
            }
            network.forward(s.pass, s.users, s.items, 0, m);
            for (int r = 0; r < m; r++) {
                out[from + r] = NcfNetwork.sigmoid(s.pass.logits[r]);
            }
        }
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Param.tensors(network.params());
    }
}
