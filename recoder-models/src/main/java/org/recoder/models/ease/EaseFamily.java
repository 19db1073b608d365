package org.recoder.models.ease;

import org.recoder.models.family.ModelFamily;

/** EASE's registration: closed form. */
public final class EaseFamily {
    public static final ModelFamily<EaseConfig> INSTANCE = ModelFamily.closedForm(EaseModel.TYPE,
            "EASE: closed-form linear item-item autoencoder with a zero diagonal (Steck, WWW 2019)", EaseConfig.class,
            EaseConfig.defaults(), EaseTrainer::new, EaseModel::load);

    private EaseFamily() {
    }
}
