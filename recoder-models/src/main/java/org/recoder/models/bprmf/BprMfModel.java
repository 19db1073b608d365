package org.recoder.models.bprmf;

import java.util.Map;
import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.models.family.KnownUserModel;
import org.recoder.nn.Param;

/**
 * BPR-MF: matrix factorization x̂_ui = b_i + p_uᵀq_i trained by the pairwise BPR criterion (Rendle, Freudenthaler,
 * Gantner &amp; Schmidt-Thieme, "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009;
 * {@link BprMfTrainer}), the pairwise baseline of the NCF paper. The item bias is the usual addition of the
 * libraries (implicit, Cornac, LibRec); the paper's model has none.
 *
 * <p>Known users only: p_u exists for training users, so users are scored by id ({@link #scoreRows}); a new
 * history cannot be scored ({@link KnownUserModel}). Scoring a user costs O(|I|·f); the model holds (users + items)·f + items numbers.
 */
public final class BprMfModel extends KnownUserModel {
    public static final String TYPE = "bprmf";
    private final BprMfConfig config;
    private final BprMfParams params;

    BprMfModel(BprMfConfig config, Interactions known, BprMfParams params, Provenance provenance) {
        super(TYPE, config, known, provenance, "factors per training user");
        this.config = config;
        this.params = params;
    }

    /** b_i + p_uᵀq_i of every item i for the training user {@code user}. */
    @Override
    public void scoreKnown(int user, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = params.score(user, i);
        }
    }

    @Override
    public BprMfConfig config() {
        return config;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Param.tensors(params.all());
    }
}
