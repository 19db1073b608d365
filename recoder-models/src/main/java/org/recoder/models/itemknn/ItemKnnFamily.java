package org.recoder.models.itemknn;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.models.family.ModelFamily;
import org.recoder.train.TrainingOptions;

/** Item-kNN's registration (closed form: no epochs, no seed). */
public final class ItemKnnFamily implements ModelFamily<ItemKnnConfig> {
    public static final ItemKnnFamily INSTANCE = new ItemKnnFamily();

    private ItemKnnFamily() {
    }

    @Override
    public String type() {
        return ItemKnnModel.TYPE;
    }

    @Override
    public String description() {
        return "Item-kNN: cosine item-item similarity with top-k neighbourhoods (Sarwar et al., WWW 2001)";
    }

    @Override
    public Class<ItemKnnConfig> configType() {
        return ItemKnnConfig.class;
    }

    @Override
    public ItemKnnConfig defaults() {
        return ItemKnnConfig.defaults();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FOLD_IN, Capability.KNOWN_USERS);
    }

    @Override
    public Set<String> protocols() {
        return RANKING_PROTOCOLS;
    }

    @Override
    public boolean iterative() {
        return false;
    }

    @Override
    public boolean seeded() {
        return false;
    }

    @Override
    public Trainer<? extends Model> trainer(ItemKnnConfig config, long seed, TrainingOptions options) {
        return new ItemKnnTrainer(config);
    }

    @Override
    public Model load(ModelIO.Saved saved) {
        return ItemKnnModel.load(saved);
    }
}
