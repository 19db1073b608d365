package org.recoder.models.narm;

import java.util.EnumSet;
import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;

/**
 * NARM's registration: seeded, trained by epochs with the best epoch by validation Recall@20 on the validation
 * sessions kept ({@code --patience} stops early), session splits only.
 */
public final class NarmFamily {
    public static final ModelFamily<NarmConfig> INSTANCE = new ModelFamily<>(NarmModel.TYPE,
            "NARM: a GRU with attention over the session's states, bilinear decoder (Li et al., CIKM 2017)",
            NarmConfig.class, NarmConfig.defaults(), EnumSet.of(Capability.FOLD_IN, Capability.SESSIONS),
            Set.of(ModelFamily.SESSION_PROTOCOL), TrainingData.Preparation.TRAINING_USERS, true, true,
            NarmTrainer::new, NarmModel::load);

    private NarmFamily() {
    }
}
