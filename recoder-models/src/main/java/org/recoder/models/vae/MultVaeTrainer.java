package org.recoder.models.vae;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.ItemScorer;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.nn.Adam;
import org.recoder.nn.SparseBatch;
import org.recoder.train.BatchLosses;
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
public final class MultVaeTrainer implements Trainer<MultVaeModel> {
    private final MultVaeConfig config;
    private final long seed;
    private final TrainingOptions options;

    public MultVaeTrainer(MultVaeConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    public MultVaeTrainer(MultVaeConfig config, long seed) {
        this(config, seed, TrainingOptions.defaults());
    }

    @Override
    public MultVaeModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions x = data.train();
        SplittableRandom rng = new SplittableRandom(seed);
        MultNetwork net = new MultNetwork(config, x.numItems(), rng.split());
        Adam adam = new Adam(net.params(), config.learningRate(), 0f);
        int[] users = x.nonEmptyUsers();
        SparseBatch batch = new SparseBatch();
        long[] updates = {0};
        return TrainingLoop.run("train " + (config.variational() ? "multvae" : "multdae"), config.epochs(),
                new TrainingLoop.Network<MultVaeModel>() {
                    @Override
                    public Map<String, Double> epoch(int epoch, BatchLosses losses) {
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
                    }

                    @Override
                    public Map<String, float[]> snapshot() {
                        return net.snapshot();
                    }

                    @Override
                    public ItemScorer scorer(Map<String, float[]> weights) {
                        return new MultVaeModel(config, x, weights, null);
                    }

                    @Override
                    public MultVaeModel model(Map<String, float[]> weights, Map<String, Double> metrics) {
                        return new MultVaeModel(config, x, weights, Provenance.of(x, data.splitSummary(), seed, (System.nanoTime() - t0) / 1e9, metrics));
                    }
                }, data.validation(), options).model();
    }
}
