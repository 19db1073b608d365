package org.recoder.models.gru4rec;

import java.util.EnumSet;
import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;

/**
 * GRU4Rec's registration: seeded, trained by epochs with per-epoch validation on the validation sessions when the
 * split has them (the best epoch kept, {@code --patience} to stop early), session splits only. The defaults are the
 * official code's Yoochoose parameters; preset {@code diginetica} its Diginetica ones.
 */
public final class Gru4RecFamily {
    public static final ModelFamily<Gru4RecConfig> INSTANCE = new ModelFamily<>(Gru4RecModel.TYPE,
            "GRU4Rec: a GRU over the session's events, session-parallel mini-batches, sampled negatives (Hidasi et al., ICLR 2016)",
            Gru4RecConfig.class, Gru4RecConfig.defaults(), EnumSet.of(Capability.FOLD_IN, Capability.SESSIONS),
            Set.of(ModelFamily.SESSION_PROTOCOL), TrainingData.Preparation.TRAINING_USERS, true, true,
            Gru4RecTrainer::new, Gru4RecModel::load).withPresets(java.util.Map.of("diginetica", Gru4RecConfig.diginetica()));

    private Gru4RecFamily() {
    }
}
