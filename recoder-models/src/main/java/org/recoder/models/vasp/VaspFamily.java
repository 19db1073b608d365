package org.recoder.models.vasp;

import org.recoder.api.ModelIO;
import org.recoder.data.Interactions;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;

/** VASP's registration: trained by epochs, folds in; its ablations are {@code paths=FLVAE} and {@code paths=EASE}. */
public final class VaspFamily {
    public static final ModelFamily<VaspConfig> INSTANCE = ModelFamily.byEpochs(VaspModel.TYPE,
            "VASP: FLVAE ⊙ Neural EASE, focal loss, split-brain augmentation (Vančura & Kordík, ICANN 2021)",
            VaspConfig.class, VaspConfig.defaults(), VaspTrainer::new, VaspFamily::load);

    private VaspFamily() {
    }

    private static VaspModel load(ModelIO.Saved s) {
        VaspConfig c = s.config(VaspConfig.class);
        Interactions known = s.knownUsers();
        int items = s.items().size();
        // The sampled columns are a function of the training data the file carries, so they are not stored.
        int[] sampled = VaspNetwork.sampledItems(known, c.itemsSampling());
        return new VaspModel(c, known, NeuralModel.network(s, w -> new VaspNetwork(c, items, sampled, w)), s.provenance());
    }
}
