package org.recoder.models.vae;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.nn.Adam;
import org.recoder.nn.SparseBatch;
import org.recoder.util.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains Mult-VAE / Mult-DAE as the reference notebook does: epochs over the training users shuffled with the
 * trainer's seed, minibatches of {@code batchSize} users, L2-normalized and dropped-out sparse input, Adam, the
 * KL weight β = min(cap, updates / annealSteps) advanced per minibatch, and after every epoch NDCG@100 on the
 * validation users (fold-in → held-out); the best epoch's weights are kept. Listeners receive each epoch's
 * figures. A NaN or infinite loss stops training with an error naming the epoch and batch.
 *
 * <p>Cost per epoch: O(nnz·h) for the sparse first layer and O(U·h·|I|) for the output layer and its two
 * gradient products, which dominate.
 */
public final class MultVaeTrainer implements Trainer<MultVaeModel> {
    private static final Logger LOG = LoggerFactory.getLogger(MultVaeTrainer.class);

    /** What one epoch did. */
    public record Epoch(int epoch, double loss, double beta, double validationNdcg, boolean best, double seconds) {
    }

    private final MultVaeConfig config;
    private final long seed;
    private final List<Consumer<Epoch>> listeners;

    public MultVaeTrainer(MultVaeConfig config, long seed, List<Consumer<Epoch>> listeners) {
        this.config = config;
        this.seed = seed;
        this.listeners = List.copyOf(listeners);
    }

    public MultVaeTrainer(MultVaeConfig config, long seed) {
        this(config, seed, List.of());
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
        Evaluator evaluator = new Evaluator(List.of(new MetricSpec("ndcg", 100)), Parallel.threads());
        Map<String, float[]> best = null;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        int stale = 0;
        long updates = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long e0 = System.nanoTime();
            SparseBatch.shuffle(users, rng);
            double lossSum = 0;
            int batches = 0;
            double beta = 0;
            for (int from = 0; from < users.length; from += config.batchSize()) {
                int to = Math.min(users.length, from + config.batchSize());
                beta = config.variational() ? Math.min(config.betaCap(), (double) updates / config.annealSteps()) : 0;
                batch.load(x, users, from, to, true, config.dropout(), rng);
                double loss = net.trainStep(batch, (float) beta, rng)[0];
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(String.format(
                            "training diverged: loss %s at epoch %d, batch %d; lower the learning rate", loss, epoch, batches + 1));
                }
                adam.step();
                updates++;
                lossSum += loss;
                batches++;
            }
            double ndcg = Double.NaN;
            boolean improved = false;
            Map<String, float[]> snap = net.snapshot();
            if (data.validation() != null && data.validation().evaluableUsers() > 0) {
                MultVaeModel candidate = new MultVaeModel(config, x, snap, null);
                ndcg = evaluator.evaluate(candidate, data.validation()).summaries().get("ndcg@100").mean();
                improved = ndcg > bestNdcg;
            } else {
                improved = true;
            }
            if (improved) {
                best = snap;
                bestNdcg = ndcg;
                stale = 0;
            } else {
                stale++;
            }
            Epoch report = new Epoch(epoch, lossSum / batches, beta, ndcg, improved, (System.nanoTime() - e0) / 1e9);
            LOG.info("epoch {}: loss {} beta {} validation ndcg@100 {}{} ({} s)", epoch, String.format("%.4f", report.loss()),
                    String.format("%.4f", beta), String.format("%.4f", ndcg), improved ? " (best)" : "",
                    String.format("%.2f", report.seconds()));
            for (Consumer<Epoch> l : listeners) {
                l.accept(report);
            }
            if (config.patience() > 0 && stale >= config.patience()) {
                break;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> metrics = Double.isFinite(bestNdcg) ? Map.of("validation_ndcg@100", bestNdcg) : Map.of();
        return new MultVaeModel(config, x, best, Provenance.of(x, data.splitSummary(), seed, secs, metrics));
    }
}
