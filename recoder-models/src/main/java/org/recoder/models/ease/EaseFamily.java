package org.recoder.models.ease;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.models.family.ModelFamily;
import org.recoder.train.TrainingOptions;

/** EASE's registration (closed form: no epochs, no seed). */
public final class EaseFamily implements ModelFamily<EaseConfig> {
    public static final EaseFamily INSTANCE = new EaseFamily();

    private EaseFamily() {
    }

    @Override
    public String type() {
        return EaseModel.TYPE;
    }

    @Override
    public String description() {
        return "EASE: closed-form linear item-item autoencoder with a zero diagonal (Steck, WWW 2019)";
    }

    @Override
    public Class<EaseConfig> configType() {
        return EaseConfig.class;
    }

    @Override
    public EaseConfig defaults() {
        return EaseConfig.defaults();
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
    public Trainer<? extends Model> trainer(EaseConfig config, long seed, TrainingOptions options) {
        return new EaseTrainer(config);
    }

    @Override
    public Model load(ModelIO.Saved saved) {
        return EaseModel.load(saved);
    }
}
