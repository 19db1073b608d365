package org.recoder.models.popularity;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.models.family.ModelFamily;
import org.recoder.train.TrainingOptions;

/** The most-popular baseline's registration (closed form: no epochs, no seed). */
public final class PopularityFamily implements ModelFamily<PopularityConfig> {
    public static final PopularityFamily INSTANCE = new PopularityFamily();

    private PopularityFamily() {
    }

    @Override
    public String type() {
        return PopularityModel.TYPE;
    }

    @Override
    public String description() {
        return "Most popular items: the baseline every personalised model must clear";
    }

    @Override
    public Class<PopularityConfig> configType() {
        return PopularityConfig.class;
    }

    @Override
    public PopularityConfig defaults() {
        return new PopularityConfig();
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
    public Trainer<? extends Model> trainer(PopularityConfig config, long seed, TrainingOptions options) {
        return new PopularityTrainer(config);
    }

    @Override
    public Model load(ModelIO.Saved saved) {
        return PopularityModel.load(saved);
    }
}
