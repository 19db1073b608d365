package org.recoder.models.sknn;

import java.util.EnumSet;
import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;

/** The registrations of SKNN and V-SKNN: closed form, session splits only. */
public final class SessionKnnFamily {
    public static final ModelFamily<SknnConfig> SKNN = new ModelFamily<>(SessionKnnModel.SKNN,
            "Session-kNN: the most similar recent training sessions vote for their items (Jannach & Ludewig, RecSys 2017)",
            SknnConfig.class, SknnConfig.defaults(), EnumSet.of(Capability.FOLD_IN, Capability.KNOWN_USERS, Capability.SESSIONS),
            Set.of(ModelFamily.SESSION_PROTOCOL), TrainingData.Preparation.TRAINING_USERS, false, false,
            (config, seed, options) -> new SessionKnnTrainer(SessionKnnModel.SKNN, config),
            s -> SessionKnnModel.load(s, s.config(SknnConfig.class)));

    public static final ModelFamily<VsknnConfig> VSKNN = new ModelFamily<>(SessionKnnModel.VSKNN,
            "V-SKNN: session-kNN with recent events weighted more (Ludewig & Jannach, UMUAI 2018)",
            VsknnConfig.class, VsknnConfig.defaults(), EnumSet.of(Capability.FOLD_IN, Capability.KNOWN_USERS, Capability.SESSIONS),
            Set.of(ModelFamily.SESSION_PROTOCOL), TrainingData.Preparation.TRAINING_USERS, false, false,
            (config, seed, options) -> new SessionKnnTrainer(SessionKnnModel.VSKNN, config),
            s -> SessionKnnModel.load(s, s.config(VsknnConfig.class)));

    private SessionKnnFamily() {
    }
}
