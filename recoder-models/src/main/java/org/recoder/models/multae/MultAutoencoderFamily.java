package org.recoder.models.multae;

import org.recoder.api.ModelIO;
import org.recoder.io.ModelFormatException;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;

/** Mult-VAE and Mult-DAE: two model types over one config record and network, told apart by {@code variational}. */
public final class MultAutoencoderFamily {
    public static final ModelFamily<MultAutoencoderConfig> VAE = family(true,
            "Mult-VAE: variational autoencoder with a multinomial likelihood and annealed KL (Liang et al., WWW 2018)");
    public static final ModelFamily<MultAutoencoderConfig> DAE = family(false,
            "Mult-DAE: denoising autoencoder with a multinomial likelihood (Liang et al., WWW 2018)");

    private MultAutoencoderFamily() {
    }

    private static String type(boolean variational) {
        return variational ? MultAutoencoderModel.TYPE_VAE : MultAutoencoderModel.TYPE_DAE;
    }

    private static ModelFamily<MultAutoencoderConfig> family(boolean variational, String description) {
        return ModelFamily.byEpochs(type(variational), description, MultAutoencoderConfig.class,
                variational ? MultAutoencoderConfig.multVae() : MultAutoencoderConfig.multDae(),
                (config, seed, options) -> {
                    if (config.variational() != variational) {
                        throw new IllegalArgumentException("variational=" + config.variational() + " does not fit model type "
                                + type(variational) + " (use " + type(config.variational()) + ")");
                    }
                    return new MultAutoencoderTrainer(config, seed, options);
                },
                s -> load(s, variational));
    }

    private static MultAutoencoderModel load(ModelIO.Saved s, boolean variational) {
        MultAutoencoderConfig c = s.config(MultAutoencoderConfig.class);
        if (c.variational() != variational) {
            throw new ModelFormatException(s.file(), "config says variational=" + c.variational() + " but the model type is " + s.type());
        }
        int items = s.items().size();
        MultAutoencoderNetwork net = NeuralModel.network(s, w -> new MultAutoencoderNetwork(c, items, w));
        return new MultAutoencoderModel(c, s.knownUsers(), net, s.provenance());
    }
}
