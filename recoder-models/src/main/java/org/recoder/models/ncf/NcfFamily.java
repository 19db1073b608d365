package org.recoder.models.ncf;

import java.nio.file.Path;
import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.models.family.ModelFamily;
import org.recoder.nn.ParamSource;
import org.recoder.train.TrainingOptions;

/**
 * The registrations of GMF, MLP and NeuMF. They learn an embedding per training user, so they serve known users
 * only and, on a strong-generalization split, train on the held-out users' fold-in rows too (as CDAE does); their
 * protocol is leave-one-out.
 */
public final class NcfFamily {
    public static final String GMF_TYPE = "gmf";
    public static final String MLP_TYPE = "mlp";
    public static final String NEUMF_TYPE = "neumf";

    public static final ModelFamily<GmfConfig> GMF = ModelFamily.byEpochs(GMF_TYPE,
                    "GMF: generalized matrix factorization p_u * q_i -> logit, BCE with sampled negatives (He et al., NCF, WWW 2017)",
                    GmfConfig.class, GmfConfig.defaults(),
                    (c, seed, o) -> new NcfTrainer(GMF_TYPE, c, NcfSettings.of(c), seed, o), s -> load(s, GMF_TYPE))
            .withCapabilities(Capability.KNOWN_USERS)
            .withPreparation(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);

    public static final ModelFamily<MlpConfig> MLP = ModelFamily.byEpochs(MLP_TYPE,
                    "NCF MLP: concatenated user and item embeddings through a ReLU tower (He et al., NCF, WWW 2017)",
                    MlpConfig.class, MlpConfig.defaults(),
                    (c, seed, o) -> new NcfTrainer(MLP_TYPE, c, NcfSettings.of(c), seed, o), s -> load(s, MLP_TYPE))
            .withCapabilities(Capability.KNOWN_USERS)
            .withPreparation(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);

    public static final ModelFamily<NeuMfConfig> NEUMF = ModelFamily.byEpochs(NEUMF_TYPE,
                    "NeuMF: GMF and MLP fused, pre-trained from both (He et al., NCF, WWW 2017)",
                    NeuMfConfig.class, NeuMfConfig.defaults(), NcfFamily::neuMfTrainer, s -> load(s, NEUMF_TYPE))
            .withCapabilities(Capability.KNOWN_USERS)
            .withPreparation(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);

    private NcfFamily() {
    }

    /**
     * NeuMF's trainer: without pre-training, NeuMF from random weights; with it, the paper's pipeline: a GMF (or the
     * one in {@code gmfModel}), an MLP (or {@code mlpModel}), each trained with the same seed, negatives, step size,
     * batch and epochs and Adam, then NeuMF from their weights, fine-tuned with the chosen optimizer.
     */
    static Trainer<NcfModel> neuMfTrainer(NeuMfConfig c, long seed, TrainingOptions o) {
        NcfSettings neumf = NcfSettings.of(c);
        if (!c.pretrain()) {
            return new NcfTrainer(NEUMF_TYPE, c, neumf, seed, o);
        }
        return data -> {
            NcfModel gmf = c.gmfModel().isEmpty()
                    ? new NcfTrainer(GMF_TYPE, c, NcfSettings.of(new GmfConfig(c.factors(), c.negatives(), c.learningRate(),
                            c.batchSize(), c.epochs(), c.threads())), seed, o).fit(data)
                    : pretrained(c.gmfModel(), GMF_TYPE, data.train());
            NcfModel mlp = c.mlpModel().isEmpty()
                    ? new NcfTrainer(MLP_TYPE, c, NcfSettings.of(new MlpConfig(c.layers(), c.negatives(), c.learningRate(),
                            c.batchSize(), c.epochs(), c.threads())), seed, o).fit(data)
                    : pretrained(c.mlpModel(), MLP_TYPE, data.train());
            return new NcfTrainer(NEUMF_TYPE, c, neumf, seed, o, gmf.network(), mlp.network(), c.alpha()).fit(data);
        };
    }

    /** A saved GMF or MLP to start NeuMF from: of that type, over the same users and items as the training data. */
    private static NcfModel pretrained(String file, String type, Interactions train) {
        ModelIO.Saved s = ModelIO.read(Path.of(file));
        if (!s.type().equals(type)) {
            throw new IllegalArgumentException("pre-trained model " + file + " is a " + s.type() + " model, not " + type);
        }
        NcfModel m = load(s, type);
        if (!sameIds(m.knownUsers().users(), train.users()) || !sameIds(m.items(), train.items())) {
            throw new IllegalArgumentException("pre-trained model " + file + " was trained on other users or items than "
                    + "this training data (" + m.knownUsers().numUsers() + " users, " + m.items().size() + " items against "
                    + train.numUsers() + " and " + train.numItems() + "); pre-train on the same split");
        }
        return m;
    }

    private static boolean sameIds(IdIndex a, IdIndex b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int k = 0; k < a.size(); k++) {
            if (!a.id(k).equals(b.id(k))) {
                return false;
            }
        }
        return true;
    }

    private static NcfModel load(ModelIO.Saved s, String type) {
        int users = s.knownUsers().numUsers();
        int items = s.items().size();
        Record config;
        NcfSettings settings;
        switch (type) {
            case GMF_TYPE -> {
                GmfConfig c = s.config(GmfConfig.class);
                config = c;
                settings = NcfSettings.of(c);
            }
            case MLP_TYPE -> {
                MlpConfig c = s.config(MlpConfig.class);
                config = c;
                settings = NcfSettings.of(c);
            }
            default -> {
                NeuMfConfig c = s.config(NeuMfConfig.class);
                config = c;
                settings = NcfSettings.of(c);
            }
        }
        NcfNetwork net = ParamSource.fromSaved(s, w -> new NcfNetwork(settings.variant(), settings.factors(),
                settings.layers(), users, items, w));
        return new NcfModel(type, config, s.knownUsers(), net, s.provenance());
    }
}
