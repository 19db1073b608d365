package org.recoder.models.cdae;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Adam;
import org.recoder.nn.SparseBatch;
import org.recoder.data.HeldOut;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains CDAE as RecBole does: epochs over the training users shuffled with the trainer's seed, minibatches of
 * {@code batchSize} users, the raw rows corrupted by dropout, Adam on every parameter (all user vectors included,
 * since the regularizer touches them all). Validation users must be training users (their fold-in rows trained
 * on), or there is nothing to score them with; {@link TrainingData#withFoldIn} arranges that.
 *
 * <p>Cost per epoch: O(nnz·h) for the sparse input layer and O(U·h·|I|) for the output layer and its gradients.
 */
public final class CdaeTrainer implements Trainer<CdaeModel> {
    private final CdaeConfig config;
    private final long seed;
    private final TrainingOptions options;

    public CdaeTrainer(CdaeConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    public CdaeTrainer(CdaeConfig config, long seed) {
        this(config, seed, TrainingOptions.defaults());
    }

    @Override
    public CdaeModel fit(TrainingData data) {
        Interactions x = data.train();
        requireKnown(data.validation(), x);
        SplittableRandom rng = new SplittableRandom(seed);
        CdaeNetwork net = new CdaeNetwork(config, x.numItems(), x.numUsers(), rng.split());
        Adam adam = new Adam(net.params(), config.learningRate(), 0f);
        int[] users = x.nonEmptyUsers();
        SparseBatch batch = new SparseBatch();
        NeuralLoop<CdaeModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            SparseBatch.shuffle(users, rng);
            for (int from = 0; from < users.length; from += config.batchSize()) {
                int to = Math.min(users.length, from + config.batchSize());
                batch.load(x, users, from, to, false, config.corruption(), rng);
                losses.add(net.trainStep(batch, users, from));
                adam.step();
            }
            return Map.of();
        }, (weights, provenance) -> new CdaeModel(config, x, new CdaeNetwork(config, x.numItems(), x.numUsers(), weights), provenance),
                data, seed);
        return TrainingLoop.run("train cdae", config.epochs(), loop, data.validation(), options).model();
    }

    private static void requireKnown(HeldOut validation, Interactions train) {
        if (validation == null) {
            return;
        }
        Interactions hold = validation.holdout();
        for (int u = 0; u < hold.numUsers(); u++) {
            if (hold.degree(u) > 0 && train.users().tryIndex(hold.users().id(u)) < 0) {
                throw new IllegalArgumentException("CDAE can only validate users it trains on, and validation user '"
                        + hold.users().id(u) + "' is not a training user; train on split.trainingData(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN)");
            }
        }
    }
}
