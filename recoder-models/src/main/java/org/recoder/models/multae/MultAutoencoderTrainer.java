package org.recoder.models.multae;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Adam;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains Mult-VAE / Mult-DAE as the reference notebook does: epochs over the training users shuffled with the
 * trainer's seed, minibatches of {@code batchSize} users, L2-normalized and dropped-out sparse input, Adam, and
 * the KL weight β = min(cap, updates / annealSteps) advanced per minibatch. The {@link TrainingLoop} validates
 * after every epoch (NDCG@100 by default), keeps the best epoch and calls the listeners; the curve's extra column
 * is β at the end of the epoch.
 *
 * <p>Cost per epoch: O(nnz·h) for the sparse first layer and O(U·h·|I|) for the output layer and its two
 * gradient products, which dominate.
 */
public final class MultAutoencoderTrainer implements Trainer<MultAutoencoderModel> {
    private final MultAutoencoderConfig config;
    private final long seed;
    private final TrainingOptions options;

    public MultAutoencoderTrainer(MultAutoencoderConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    public MultAutoencoderTrainer(MultAutoencoderConfig config, long seed) {
        this(config, seed, TrainingOptions.defaults());
    }

    @Override
    public MultAutoencoderModel fit(TrainingData data) {
        Interactions x = data.train();
        SplittableRandom rng = new SplittableRandom(seed);
        MultAutoencoderNetwork net = new MultAutoencoderNetwork(config, x.numItems(), rng.split());
        Adam adam = new Adam(net.params(), config.learningRate(), 0f);
        int[] users = x.nonEmptyUsers();
        SparseBatch batch = new SparseBatch();
        long[] updates = {0};
        NeuralLoop<MultAutoencoderModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            SparseBatch.shuffle(users, rng);
            double beta = 0;
            for (int from = 0; from < users.length; from += config.batchSize()) {
                int to = Math.min(users.length, from + config.batchSize());
                beta = config.variational() ? Math.min(config.betaCap(), (double) updates[0] / config.annealSteps()) : 0;
                batch.load(x, users, from, to, true, config.dropout(), rng);
                losses.add(net.trainStep(batch, (float) beta, rng)[0]);
                adam.step();
                updates[0]++;
            }
            return config.variational() ? TrainingLoop.extras("beta", beta) : Map.of();
        }, (weights, provenance) -> new MultAutoencoderModel(config, x, new MultAutoencoderNetwork(config, x.numItems(), weights),
                provenance), data, seed);
        return TrainingLoop.run("train " + (config.variational() ? "multvae" : "multdae"), config.epochs(), loop,
                data.validation(), options).model();
    }
}
