package org.recoder.models.autorec;

import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.models.family.ModelFamily;
import org.recoder.nn.ParamSource;

/**
 * The registrations of I-AutoRec and U-AutoRec. Both train on {@code ratings} splits only (they are validated by
 * the RMSE of held-out ratings of training users) and predict ratings; U-AutoRec also folds in new users,
 * I-AutoRec serves known users only.
 */
public final class AutoRecFamily {
    public static final ModelFamily<AutoRecConfig> ITEM = ModelFamily.byEpochs(AutoRecModel.ITEM_TYPE,
                    "I-AutoRec: item-based autoencoder of explicit ratings, masked squared error (Sedhain et al., WWW 2015)",
                    AutoRecConfig.class, AutoRecConfig.defaults(),
                    (config, seed, options) -> new AutoRecTrainer(true, config, seed, options), s -> load(s, true))
            .withCapabilities(Capability.KNOWN_USERS, Capability.RATINGS)
            .withProtocols("ratings");

    public static final ModelFamily<AutoRecConfig> USER = ModelFamily.byEpochs(AutoRecModel.USER_TYPE,
                    "U-AutoRec: user-based autoencoder of explicit ratings, folds in new users (Sedhain et al., WWW 2015)",
                    AutoRecConfig.class, AutoRecConfig.defaults(),
                    (config, seed, options) -> new AutoRecTrainer(false, config, seed, options), s -> load(s, false))
            .withCapabilities(Capability.FOLD_IN, Capability.KNOWN_USERS, Capability.RATINGS)
            .withProtocols("ratings");

    private AutoRecFamily() {
    }

    private static AutoRecModel load(ModelIO.Saved s, boolean itemBased) {
        AutoRecConfig c = s.config(AutoRecConfig.class);
        int width = itemBased ? s.knownUsers().numUsers() : s.items().size();
        float[] range = AutoRecModel.range(s.knownUsers());
        AutoRecNetwork network = ParamSource.fromSaved(s, w -> new AutoRecNetwork(c, width, range[0], range[1], w));
        return new AutoRecModel(itemBased, c, s.knownUsers(), network, s.provenance());
    }
}
