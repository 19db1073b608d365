package org.recoder.models.multae;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;
import org.recoder.train.TrainingOptions;

/** Mult-VAE and Mult-DAE: two model types over one config record and network. */
public final class MultAutoencoderFamily implements ModelFamily<MultAutoencoderConfig> {
    public static final MultAutoencoderFamily VAE = new MultAutoencoderFamily(true);
    public static final MultAutoencoderFamily DAE = new MultAutoencoderFamily(false);
    private final boolean variational;

    private MultAutoencoderFamily(boolean variational) {
        this.variational = variational;
    }

    @Override
    public String type() {
        return variational ? MultAutoencoderModel.TYPE_VAE : MultAutoencoderModel.TYPE_DAE;
    }

    @Override
    public String description() {
        return variational
                ? "Mult-VAE: variational autoencoder with a multinomial likelihood and annealed KL (Liang et al., WWW 2018)"
                : "Mult-DAE: denoising autoencoder with a multinomial likelihood (Liang et al., WWW 2018)";
    }

    @Override
    public Class<MultAutoencoderConfig> configType() {
        return MultAutoencoderConfig.class;
    }

    @Override
    public MultAutoencoderConfig defaults() {
        return variational ? MultAutoencoderConfig.multVae() : MultAutoencoderConfig.multDae();
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
    public Trainer<MultAutoencoderModel> trainer(MultAutoencoderConfig config, long seed, TrainingOptions options) {
        if (config.variational() != variational) {
            throw new IllegalArgumentException("variational=" + config.variational() + " does not fit model type " + type()
                    + " (use " + (config.variational() ? "multvae" : "multdae") + ")");
        }
        return new MultAutoencoderTrainer(config, seed, options);
    }

    @Override
    public MultAutoencoderModel load(ModelIO.Saved s) {
        MultAutoencoderConfig c = s.config(MultAutoencoderConfig.class);
        if (c.variational() != variational) {
            throw new org.recoder.io.ModelFormatException(s.file(), "config says variational=" + c.variational()
                    + " but the model type is " + s.type());
        }
        int items = s.items().size();
        MultAutoencoderNetwork net = NeuralModel.network(s, w -> new MultAutoencoderNetwork(c, items, w));
        return new MultAutoencoderModel(c, s.knownUsers(), net, s.provenance());
    }
}
