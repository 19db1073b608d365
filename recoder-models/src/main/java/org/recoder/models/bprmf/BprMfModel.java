package org.recoder.models.bprmf;

import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;

/**
 * BPR-MF: matrix factorization x̂_ui = b_i + p_uᵀq_i trained by the pairwise BPR criterion (Rendle, Freudenthaler,
 * Gantner &amp; Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009;
 * {@link BprMfTrainer}), the pairwise baseline of the NCF paper. The item bias is the usual addition of the
 * libraries (implicit, Cornac, LibRec); the paper's model has none.
 *
 * <p>Known users only: p_u exists for training users, so users are scored by id ({@link #scoreRows}); a new
 * history cannot be scored. Scoring a user costs O(|I|·f); the model holds (users + items)·f + items numbers.
 */
public final class BprMfModel implements Model {
    public static final String TYPE = "bprmf";
    private final BprMfConfig config;
    private final Interactions known;
    private final BprMfParams params;
    private final Provenance provenance;

    BprMfModel(BprMfConfig config, Interactions known, BprMfParams params, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.params = params;
        this.provenance = provenance;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    @Override
    public boolean canFoldIn() {
        return false;
    }

    /** Always throws: BPR-MF has factors for training users only. */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        throw new UnsupportedOperationException("bprmf cannot fold in a new history: it learns factors per training "
                + "user, so only users seen in training can be scored (by id); retrain with the new user's events");
    }

    @Override
    public void scoreRows(Interactions histories, int[] users, int from, int to, float[][] out) {
        for (int r = from; r < to; r++) {
            String id = histories.users().id(users[r]);
            int u = known.users().tryIndex(id);
            if (u < 0) {
                throw new IllegalArgumentException("bprmf cannot score user '" + id + "': it was not a training user, "
                        + "and BPR-MF learns factors per training user (retrain with this user's events)");
            }
            float[] o = out[r - from];
            for (int i = 0; i < o.length; i++) {
                o[i] = params.score(u, i);
            }
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public BprMfConfig config() {
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
        return Param.tensors(params.all());
    }
}
