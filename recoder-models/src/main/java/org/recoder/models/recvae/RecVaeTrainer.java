package org.recoder.models.recvae;

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
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.util.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains RecVAE as the reference run.py: per epoch, {@code encoderPasses} passes over the shuffled users updating
 * only the encoder (input dropout 0.5), then the prior's encoder copy is refreshed, then {@code decoderPasses}
 * passes updating only the decoder (no dropout); two Adam optimizers (lr 5e-4). After each epoch, NDCG@100 on the
 * validation users; the best epoch is kept. A NaN or infinite loss stops training naming the epoch.
 */
public final class RecVaeTrainer implements Trainer<RecVaeModel> {
    private static final Logger LOG = LoggerFactory.getLogger(RecVaeTrainer.class);

    /** What one epoch did. */
    public record Epoch(int epoch, double loss, double validationNdcg, boolean best, double seconds) {
    }

    private final RecVaeConfig config;
    private final long seed;
    private final List<Consumer<Epoch>> listeners;

    public RecVaeTrainer(RecVaeConfig config, long seed, List<Consumer<Epoch>> listeners) {
        this.config = config;
        this.seed = seed;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public RecVaeModel fit(TrainingData data) {
        long t0 = System.nanoTime();
        Interactions x = data.train();
        SplittableRandom rng = new SplittableRandom(seed);
        RecVaeNetwork net = new RecVaeNetwork(config, x.numItems(), rng.split());
        Adam encoderOpt = new Adam(net.encoder.params(), config.learningRate(), 0f);
        Adam decoderOpt = new Adam(net.decoderParams(), config.learningRate(), 0f);
        int[] users = x.nonEmptyUsers();
        SparseBatch input = new SparseBatch();
        SparseBatch clean = new SparseBatch();
        Evaluator evaluator = new Evaluator(List.of(new MetricSpec("ndcg", 100)), Parallel.threads());
        Map<String, float[]> best = null;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long e0 = System.nanoTime();
            double loss = 0;
            int batches = 0;
            for (int pass = 0; pass < config.encoderPasses() + config.decoderPasses(); pass++) {
                boolean encoderPhase = pass < config.encoderPasses();
                if (pass == config.encoderPasses()) {
                    net.prior.copyFrom(net.encoder);
                }
                SparseBatch.shuffle(users, rng);
                for (int from = 0; from < users.length; from += config.batchSize()) {
                    int to = Math.min(users.length, from + config.batchSize());
                    clean.load(x, users, from, to, true, 0f, null);
                    SparseBatch in = clean;
                    if (encoderPhase && config.dropout() > 0) {
                        input.load(x, users, from, to, true, config.dropout(), rng);
                        in = input;
                    }
                    double l = net.step(in, clean, encoderPhase, rng);
                    if (!Double.isFinite(l)) {
                        throw new IllegalStateException(String.format(
                                "training diverged: loss %s at epoch %d; lower the learning rate", l, epoch));
                    }
                    if (encoderPhase) {
                        encoderOpt.step();
                        for (Param p : net.decoderParams()) {
                            p.zeroGrad();
                        }
                    } else {
                        decoderOpt.step();
                    }
                    loss += l;
                    batches++;
                }
            }
            Map<String, float[]> snap = net.snapshot();
            double ndcg = Double.NaN;
            boolean improved = true;
            if (data.validation() != null && data.validation().evaluableUsers() > 0) {
                ndcg = evaluator.evaluate(new RecVaeModel(config, x, snap, null), data.validation())
                        .summaries().get("ndcg@100").mean();
                improved = ndcg > bestNdcg;
            }
            if (improved) {
                best = snap;
                bestNdcg = ndcg;
            }
            Epoch report = new Epoch(epoch, loss / batches, ndcg, improved, (System.nanoTime() - e0) / 1e9);
            LOG.info("epoch {}: loss {} validation ndcg@100 {}{} ({} s)", epoch, String.format("%.4f", report.loss()),
                    String.format("%.4f", ndcg), improved ? " (best)" : "", String.format("%.2f", report.seconds()));
            listeners.forEach(l -> l.accept(report));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> metrics = Double.isFinite(bestNdcg) ? Map.of("validation_ndcg@100", bestNdcg) : Map.of();
        return new RecVaeModel(config, x, best, Provenance.of(x, data.splitSummary(), seed, secs, metrics));
    }
}
