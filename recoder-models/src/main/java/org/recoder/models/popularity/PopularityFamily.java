package org.recoder.models.popularity;

import org.recoder.models.family.ModelFamily;

/** The most-popular baseline's registration: closed form, no hyperparameters. */
public final class PopularityFamily {
    public static final ModelFamily<PopularityConfig> INSTANCE = ModelFamily.closedForm(PopularityModel.TYPE,
            "Most popular items: the baseline every personalised model must clear", PopularityConfig.class,
            new PopularityConfig(), PopularityTrainer::new, PopularityModel::load)
            .alsoForSessions();

    private PopularityFamily() {
    }
}
