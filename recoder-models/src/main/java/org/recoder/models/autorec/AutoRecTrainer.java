package org.recoder.models.autorec;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Adam;
import org.recoder.nn.Lbfgs;
import org.recoder.nn.Optimizer;
import org.recoder.nn.Rprop;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains I- or U-AutoRec on a ratings split: the samples (items or users with training ratings) in shuffled
 * minibatches with Adam, or all of them per step with RProp or L-BFGS (full batch, as the paper). Validated after every epoch by
 * the RMSE of the validation ratings (the best epoch is kept), so train on a {@code ratings} split with a validation
 * part ({@code recoder split ratings}, 10% of the training ratings by default).
 *
 * <p>Cost per epoch: O(nnz·k) for the sparse encoder, O(nnz·k) for the decoder at the observed entries and their
 * gradients, plus the optimizer's pass over the 2·width·k weights once per step.
 */
public final class AutoRecTrainer implements Trainer<AutoRecModel> {
    private final boolean itemBased;
    private final AutoRecConfig config;
    private final long seed;
    private final TrainingOptions options;

    public AutoRecTrainer(boolean itemBased, AutoRecConfig config, long seed, TrainingOptions options) {
        this.itemBased = itemBased;
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    @Override
    public AutoRecModel fit(TrainingData data) {
        Interactions known = data.train();
        Interactions samples = itemBased ? known.transpose() : known;
        int width = samples.numItems();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] range = AutoRecModel.range(known);
        AutoRecNetwork net = new AutoRecNetwork(config, width, range[0], range[1], rng.split());
        AutoRecConfig.Optimizer kind = config.optimizer();
        boolean fullBatch = kind != AutoRecConfig.Optimizer.ADAM;
        Optimizer optimizer = switch (kind) {
            case RPROP -> new Rprop(net.params(), config.learningRate());
            case ADAM -> new Adam(net.params(), config.learningRate(), 0f);
            case LBFGS -> null;
        };
        Lbfgs lbfgs = kind == AutoRecConfig.Optimizer.LBFGS
                ? new Lbfgs(net.params(), config.lbfgsMemory(), config.learningRate()) : null;
        int[] rows = samples.nonEmptyUsers();
        if (rows.length == 0) {
            throw new IllegalArgumentException("AutoRec needs training ratings; the training matrix is empty");
        }
        SparseBatch batch = new SparseBatch();
        String type = itemBased ? AutoRecModel.ITEM_TYPE : AutoRecModel.USER_TYPE;
        NeuralLoop<AutoRecModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            if (lbfgs != null) {
                // One iteration an epoch; its line search may evaluate the full objective more than once. The
                // epoch's loss is the objective at the accepted point, per chunk as RProp's mean is.
                int before = lbfgs.evaluations();
                double objective = lbfgs.step(() -> {
                    double sum = 0;
                    for (int from = 0; from < rows.length; from += config.batchSize()) {
                        int to = Math.min(rows.length, from + config.batchSize());
                        batch.load(samples, rows, from, to, false, 0f, null);
                        sum += net.trainStep(batch, (double) (to - from) / rows.length);
                    }
                    return sum;
                });
                losses.add(objective / Math.ceilDiv(rows.length, config.batchSize()));
                return Map.of("evaluations", (double) (lbfgs.evaluations() - before));
            }
            if (!fullBatch) {
                SparseBatch.shuffle(rows, rng);
            }
            // RProp sums the gradient over every chunk, then steps once: chunks only bound the activations' memory.
            for (int from = 0; from < rows.length; from += config.batchSize()) {
                int to = Math.min(rows.length, from + config.batchSize());
                batch.load(samples, rows, from, to, false, 0f, null);
                losses.add(net.trainStep(batch, (double) (to - from) / rows.length));
                if (!fullBatch) {
                    optimizer.step();
                }
            }
            if (fullBatch) {
                optimizer.step();
            }
            return Map.of();
        }, (weights, provenance) -> new AutoRecModel(itemBased, config, known, new AutoRecNetwork(config, width, range[0], range[1], weights),
                provenance), data, seed);
        return TrainingLoop.run("train " + type, config.epochs(), loop, data.validation(), options).model();
    }
}
