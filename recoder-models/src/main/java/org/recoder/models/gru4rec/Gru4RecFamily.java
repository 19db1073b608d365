package org.recoder.models.gru4rec;

import java.util.EnumSet;
import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;

/** GRU4Rec's registration: seeded, all epochs run (no per-epoch validation, as the official code), session splits only. */
public final class Gru4RecFamily {
    public static final ModelFamily<Gru4RecConfig> INSTANCE = new ModelFamily<>(Gru4RecModel.TYPE,
            "GRU4Rec: a GRU over the session's events, session-parallel mini-batches, sampled negatives (Hidasi et al., ICLR 2016)",
            Gru4RecConfig.class, Gru4RecConfig.defaults(), EnumSet.of(Capability.FOLD_IN, Capability.SESSIONS),
            Set.of(ModelFamily.SESSION_PROTOCOL), TrainingData.Preparation.TRAINING_USERS, false, true,
            (config, seed, options) -> new Gru4RecTrainer(config, seed), Gru4RecModel::load);

    private Gru4RecFamily() {
    }
}
