package org.recoder.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.api.ItemScorer;
import org.recoder.api.Model;
import org.recoder.eval.Evaluator;
import org.recoder.protocol.HeldOut;
import org.recoder.util.Parallel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop of every iterative trainer. Per epoch: the model's minibatch updates (each loss checked by
 * {@link BatchLosses}), then the validation metric on the validation users (fold-in → held-out, full ranking),
 * then a snapshot of the weights when they are the best so far, and the listeners (log lines are one,
 * {@link EpochLog}); {@code name} labels the reports. Without
 * validation users every epoch counts as best, so the last epoch's weights are kept.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    /** What a model family plugs into the loop. */
    public interface Network {
        /** Runs one epoch of updates, passing every minibatch loss to {@code losses}; returns extra figures. */
        Map<String, Double> epoch(int epoch, BatchLosses losses);

        /** Copies of the current weights by name. */
        Map<String, float[]> snapshot();

        /** A scorer over the given weights, for validation. */
        ItemScorer scorer(Map<String, float[]> weights);

        /**
         * A complete model over the given weights, provenance included (training time so far, the given
         * validation metrics), for checkpoints written during training.
         */
        Model model(Map<String, float[]> weights, Map<String, Double> validationMetrics);
    }

    /**
     * How training ended.
     *
     * @param best           the kept weights
     * @param bestEpoch      their epoch
     * @param bestValidation their validation metric (NaN without validation)
     * @param epochs         epochs run
     * @param stopReason     why training stopped early, or empty when it ran all epochs
     */
    public record Outcome(Map<String, float[]> best, int bestEpoch, double bestValidation, int epochs, String stopReason) {
        /** Provenance metrics: {@code validation_<metric>} of the kept epoch, or none. */
        public Map<String, Double> validationMetrics(TrainingOptions options) {
            return Double.isFinite(bestValidation) ? Map.of("validation_" + options.validationMetric(), bestValidation) : Map.of();
        }
    }

    private TrainingLoop() {
    }

    /** Runs up to {@code epochs} epochs of {@code net}; {@code name} labels log lines. */
    public static Outcome run(String name, int epochs, Network net, HeldOut validation, TrainingOptions options) {
        boolean validate = validation != null && validation.evaluableUsers() > 0;
        Evaluator evaluator = new Evaluator(List.of(options.validationMetric()), Parallel.threads());
        String metric = options.validationMetric().toString();
        Map<String, float[]> best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        String[] stop = {""};
        Object[] kept = new Object[3];
        EpochListener.Control control = new EpochListener.Control() {
            @Override
            public void stop(String reason) {
                if (stop[0].isEmpty()) {
                    stop[0] = reason;
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public Model bestModel() {
                Map<String, float[]> w = (Map<String, float[]>) kept[0];
                double v = (Double) kept[1];
                return net.model(w, Double.isFinite(v) ? Map.of("validation_" + metric, v) : Map.of());
            }
        };
        int epoch = 0;
        while (epoch < epochs && stop[0].isEmpty()) {
            epoch++;
            long t0 = System.nanoTime();
            BatchLosses losses = new BatchLosses(epoch);
            Map<String, Double> extras = net.epoch(epoch, losses);
            Map<String, float[]> snap = net.snapshot();
            double value = Double.NaN;
            boolean improved = true;
            if (validate) {
                value = evaluator.evaluate(net.scorer(snap), validation).summaries().get(metric).mean();
                improved = value > bestValue;
            }
            if (improved) {
                best = snap;
                bestValue = value;
                bestEpoch = epoch;
                kept[0] = snap;
                kept[1] = value;
            }
            EpochReport report = new EpochReport(name, epoch, losses.mean(), extras, metric, value, improved, (System.nanoTime() - t0) / 1e9);
            for (EpochListener l : options.listeners()) {
                l.onEpoch(report, control);
            }
        }
        if (!stop[0].isEmpty()) {
            LOG.info("{}: stopped after epoch {}: {}; keeping epoch {}", name, epoch, stop[0], bestEpoch);
        }
        return new Outcome(best, bestEpoch, validate ? bestValue : Double.NaN, epoch, stop[0]);
    }

    /** An ordered map of extras from name-value pairs. */
    public static Map<String, Double> extras(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < nameValue.length; k += 2) {
            m.put((String) nameValue[k], ((Number) nameValue[k + 1]).doubleValue());
        }
        return m;
    }
}
