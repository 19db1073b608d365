package org.recoder.models.recvae;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;
import org.recoder.train.TrainingOptions;

/** RecVAE's registration. */
public final class RecVaeFamily implements ModelFamily<RecVaeConfig> {
    public static final RecVaeFamily INSTANCE = new RecVaeFamily();

    private RecVaeFamily() {
    }

    @Override
    public String type() {
        return RecVaeModel.TYPE;
    }

    @Override
    public String description() {
        return "RecVAE: Mult-VAE with a dense-residual encoder, composite prior and alternating updates (Shenbin et al., WSDM 2020)";
    }

    @Override
    public Class<RecVaeConfig> configType() {
        return RecVaeConfig.class;
    }

    @Override
    public RecVaeConfig defaults() {
        return RecVaeConfig.defaults();
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
        return true;
    }

    @Override
    public boolean seeded() {
        return true;
    }

    @Override
    public Trainer<RecVaeModel> trainer(RecVaeConfig config, long seed, TrainingOptions options) {
        return new RecVaeTrainer(config, seed, options);
    }

    @Override
    public RecVaeModel load(ModelIO.Saved s) {
        RecVaeConfig c = s.config(RecVaeConfig.class);
        int items = s.items().size();
        return new RecVaeModel(c, s.knownUsers(), NeuralModel.network(s, w -> new RecVaeNetwork(c, items, w)), s.provenance());
    }
}
