package org.recoder.models.cdae;

import org.recoder.api.Provenance;
import org.recoder.data.Interactions;
import org.recoder.models.family.KnownUserModel;
import org.recoder.models.neural.NeuralModel;

/**
 * CDAE, "Collaborative Denoising Auto-Encoders for Top-N Recommender Systems" (Wu, DuBois, Zheng, Ester, WSDM
 * 2016): a one-hidden-layer denoising autoencoder over a user's item vector whose hidden layer also adds a learned
 * vector V_u for that user, h = act(x̃·W_in + b + V_u), with sigmoid outputs trained by binary cross-entropy
 * against the uncorrupted 0/1 row ({@link CdaeTrainer}). Follows RecBole's {@code cdae.py} (hidden 64, ReLU,
 * corruption 0.5, all items in the loss, L2 0.01 on the un-squared norms of V and W_in). The paper instead samples
 * negative items per user and regularizes with squared norms; neither is done here.
 *
 * <p><b>No fold-in.</b> V_u exists only for users present in training, so this model scores known users only;
 * {@link #score} (an anonymous history) throws, and {@link #canFoldIn()} is false. A new user needs retraining
 * with their events. To evaluate on held-out users, train with their fold-in rows as extra training users
 * ({@link org.recoder.api.TrainingData.Preparation#WITH_HELD_OUT_FOLD_IN}, which {@link CdaeFamily} asks for): weak generalization for those users, unlike Mult-VAE, RecVAE
 * and EASE, which encode a history at request time.
 *
 * <p>Scoring a known user costs O(nnz·h + h·|I|); the model holds 2·|I|·h + U·h weights.
 */
public final class CdaeModel extends NeuralModel {
    public static final String TYPE = "cdae";
    private static final String PER_USER = "a vector per training user";
    private final CdaeConfig config;

    CdaeModel(CdaeConfig config, Interactions known, CdaeNetwork network, Provenance provenance) {
        super(config, known, network, provenance);
        this.config = config;
    }

    @Override
    public boolean canFoldIn() {
        return false;
    }

    @Override
    public String whyNoFoldIn() {
        return "it learns " + PER_USER;
    }

    /** Always throws: CDAE cannot score a history without a learned user vector. */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        throw new UnsupportedOperationException(KnownUserModel.foldInRefusal("CDAE", PER_USER));
    }

    /** CDAE's input is the raw row (RecBole), not the L2-normalized one. */
    @Override
    protected boolean normalizeInput() {
        return false;
    }

    /** The user-table rows of {@code users[from, to)} of {@code histories}: each must be a known user, matched by id. */
    @Override
    protected int[] knownRows(Interactions histories, int[] users, int from, int to) {
        return KnownUserModel.knownRows(knownUsers(), histories, users, from, to, "CDAE", PER_USER,
                "train with the held-out users' fold-in rows, `recoder train cdae` does, or retrain with this user's events");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CdaeConfig config() {
        return config;
    }
}
