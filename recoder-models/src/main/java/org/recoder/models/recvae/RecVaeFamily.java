package org.recoder.models.recvae;

import org.recoder.api.ModelIO;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;

/** RecVAE's registration: trained by epochs, folds in. */
public final class RecVaeFamily {
    public static final ModelFamily<RecVaeConfig> INSTANCE = ModelFamily.byEpochs(RecVaeModel.TYPE,
            "RecVAE: Mult-VAE with a dense-residual encoder, composite prior and alternating updates (Shenbin et al., WSDM 2020)",
            RecVaeConfig.class, RecVaeConfig.defaults(), RecVaeTrainer::new, RecVaeFamily::load);

    private RecVaeFamily() {
    }

    private static RecVaeModel load(ModelIO.Saved s) {
        RecVaeConfig c = s.config(RecVaeConfig.class);
        int items = s.items().size();
        return new RecVaeModel(c, s.knownUsers(), NeuralModel.network(s, w -> new RecVaeNetwork(c, items, w)), s.provenance());
    }
}
