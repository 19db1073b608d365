package org.recoder.models.cdae;

import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;

/**
 * CDAE's registration. CDAE learns a vector per training user and cannot fold in, so it serves known users only and
 * trains on the held-out users' fold-in rows too ({@link TrainingData.Preparation#WITH_HELD_OUT_FOLD_IN}): that is
 * this declaration, not a special case in the command line.
 */
public final class CdaeFamily {
    public static final ModelFamily<CdaeConfig> INSTANCE = ModelFamily.byEpochs(CdaeModel.TYPE,
                    "CDAE: denoising autoencoder with a learned vector per training user, no fold-in (Wu et al., WSDM 2016)",
                    CdaeConfig.class, CdaeConfig.defaults(), CdaeTrainer::new, CdaeFamily::load)
            .withCapabilities(Capability.KNOWN_USERS)
            .withPreparation(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);

    private CdaeFamily() {
    }

    private static CdaeModel load(ModelIO.Saved s) {
        CdaeConfig c = s.config(CdaeConfig.class);
        int items = s.items().size();
        int users = s.knownUsers().numUsers();
        return new CdaeModel(c, s.knownUsers(), NeuralModel.network(s, w -> new CdaeNetwork(c, items, users, w)), s.provenance());
    }
}
