package org.recoder.models.itemknn;

import org.recoder.models.family.ModelFamily;

/** Item-kNN's registration: closed form. */
public final class ItemKnnFamily {
    public static final ModelFamily<ItemKnnConfig> INSTANCE = ModelFamily.closedForm(ItemKnnModel.TYPE,
            "Item-kNN: cosine item-item similarity with top-k neighbourhoods (Sarwar et al., WWW 2001)", ItemKnnConfig.class,
            ItemKnnConfig.defaults(), ItemKnnTrainer::new, ItemKnnModel::load)
            .alsoForSessions();

    private ItemKnnFamily() {
    }
}
