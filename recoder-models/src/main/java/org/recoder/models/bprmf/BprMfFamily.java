package org.recoder.models.bprmf;

import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;
import org.recoder.nn.ParamSource;

/** BPR-MF's registration: known users only (trained on held-out users' fold-in rows on strong-generalization splits). */
public final class BprMfFamily {
    public static final ModelFamily<BprMfConfig> INSTANCE = ModelFamily.byEpochs(BprMfModel.TYPE,
                    "BPR-MF: matrix factorization trained by the pairwise BPR criterion (Rendle et al., UAI 2009)",
                    BprMfConfig.class, BprMfConfig.defaults(), BprMfTrainer::new, BprMfFamily::load)
            .withCapabilities(Capability.KNOWN_USERS)
            .withPreparation(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);

    private BprMfFamily() {
    }

    private static BprMfModel load(ModelIO.Saved s) {
        BprMfConfig c = s.config(BprMfConfig.class);
        BprMfParams p = ParamSource.fromSaved(s,
                w -> new BprMfParams(w, s.knownUsers().numUsers(), s.items().size(), c.factors()));
        return new BprMfModel(c, s.knownUsers(), p, s.provenance());
    }
}
