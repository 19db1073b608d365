package org.recoder.models.biasedmf;

import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.models.family.ModelFamily;
import org.recoder.nn.ParamSource;

/** Biased MF's registration: rating prediction on {@code ratings} splits, known users and fold-in of new ones. */
public final class BiasedMfFamily {
    public static final ModelFamily<BiasedMfConfig> INSTANCE = ModelFamily.byEpochs(BiasedMfModel.TYPE,
                    "biased MF: mu + b_u + b_i + p_u.q_i by SGD, AutoRec's baseline (Koren, Bell & Volinsky, IEEE Computer 2009)",
                    BiasedMfConfig.class, BiasedMfConfig.defaults(), BiasedMfTrainer::new, BiasedMfFamily::load)
            .withCapabilities(Capability.FOLD_IN, Capability.KNOWN_USERS, Capability.RATINGS)
            .withProtocols("ratings");

    private BiasedMfFamily() {
    }

    private static BiasedMfModel load(ModelIO.Saved s) {
        BiasedMfConfig c = s.config(BiasedMfConfig.class);
        BiasedMfParams p = ParamSource.fromSaved(s,
                w -> new BiasedMfParams(w, s.knownUsers().numUsers(), s.items().size(), c.factors()));
        return new BiasedMfModel(c, s.knownUsers(), p, s.provenance());
    }
}
