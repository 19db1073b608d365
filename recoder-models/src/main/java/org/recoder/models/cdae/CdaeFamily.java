package org.recoder.models.cdae;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.neural.NeuralModel;
import org.recoder.train.TrainingOptions;

/**
 * CDAE's registration. CDAE learns a vector per training user and cannot fold in, so it trains on the held-out
 * users' fold-in rows too ({@link TrainingData.Preparation#WITH_HELD_OUT_FOLD_IN}): that is this family's
 * declaration, not a special case in the command line.
 */
public final class CdaeFamily implements ModelFamily<CdaeConfig> {
    public static final CdaeFamily INSTANCE = new CdaeFamily();

    private CdaeFamily() {
    }

    @Override
    public String type() {
        return CdaeModel.TYPE;
    }

    @Override
    public String description() {
        return "CDAE: denoising autoencoder with a learned vector per training user, no fold-in (Wu et al., WSDM 2016)";
    }

    @Override
    public Class<CdaeConfig> configType() {
        return CdaeConfig.class;
    }

    @Override
    public CdaeConfig defaults() {
        return CdaeConfig.defaults();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.KNOWN_USERS);
    }

    @Override
    public Set<String> protocols() {
        return RANKING_PROTOCOLS;
    }

    @Override
    public TrainingData.Preparation preparation() {
        return TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN;
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
    public Trainer<CdaeModel> trainer(CdaeConfig config, long seed, TrainingOptions options) {
        return new CdaeTrainer(config, seed, options);
    }

    @Override
    public CdaeModel load(ModelIO.Saved s) {
        CdaeConfig c = s.config(CdaeConfig.class);
        int items = s.items().size();
        int users = s.knownUsers().numUsers();
        return new CdaeModel(c, s.knownUsers(), NeuralModel.network(s, w -> new CdaeNetwork(c, items, users, w)), s.provenance());
    }
}
