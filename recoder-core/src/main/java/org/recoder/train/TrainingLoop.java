package org.recoder.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.api.ItemScorer;
import org.recoder.api.Model;
import org.recoder.api.RatingPredictor;
import org.recoder.eval.RatingEvaluation;
import org.recoder.eval.Evaluator;
import org.recoder.eval.SessionEvaluator;
import org.recoder.data.EventLog;
import org.recoder.data.HeldOut;
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

    /**
     * What a model family plugs into the loop.
     *
     * @param <M> the model type
     */
    public interface Network<M extends Model> {
        /** Runs one epoch of updates, passing every minibatch loss to {@code losses}; returns extra figures. */
        Map<String, Double> epoch(int epoch, BatchLosses losses);

        /** Copies of the current weights by name. */
        Map<String, float[]> snapshot();

        /** A scorer over the given weights, for validation (no provenance needed, so cheaper than a model). */
        ItemScorer scorer(Map<String, float[]> weights);

        /**
         * A complete model over the given weights, provenance included (training time so far, the given
         * validation metrics, and {@code epoch}, the epoch the weights are from): the result of training, and
         * checkpoints written during it.
         */
        M model(Map<String, float[]> weights, Map<String, Double> validationMetrics, int epoch);
    }

    /**
     * How training ended.
     *
     * @param model          the trained model, over the kept weights
     * @param best           the kept weights
     * @param bestEpoch      their epoch
     * @param bestValidation their validation metric (NaN without validation)
     * @param metric         the validation metric's name ({@code ndcg@100}, or {@code rmse} for a rating predictor)
     * @param epochs         epochs run
     * @param stopReason     why training stopped early, or empty when it ran all epochs
     * @param <M>            the model type
     */
    public record Outcome<M extends Model>(M model, Map<String, float[]> best, int bestEpoch, double bestValidation,
                                           String metric, int epochs, String stopReason) {
        /** Provenance metrics: {@code validation_<metric>} of the kept epoch, or none. */
        public Map<String, Double> validationMetrics() {
            return metrics(metric, bestValidation);
        }
    }

    /** The best epoch so far, and the listeners' handle on the loop. */
    private static final class State<M extends Model> implements EpochListener.Control {
        private final Network<M> net;
        private String metric;
        /** RMSE-like: the best epoch has the lowest value. */
        private boolean lowerIsBetter;
        private Map<String, float[]> best;
        private double bestValue = Double.NEGATIVE_INFINITY;
        private int bestEpoch;
        private String stopReason = "";

        State(Network<M> net, String metric) {
            this.net = net;
            this.metric = metric;
        }

        @Override
        public void stop(String reason) {
            if (stopReason.isEmpty()) {
                stopReason = reason;
            }
        }

        @Override
        public Model bestModel() {
            return net.model(best, metrics(metric, bestValue), bestEpoch);
        }
    }

    /** The validation metric of rating predictors ({@link RatingPredictor}): RMSE on the held-out ratings. */
    public static final String RMSE = "rmse";

    private TrainingLoop() {
    }

    private static Map<String, Double> metrics(String metric, double value) {
        return Double.isFinite(value) ? Map.of("validation_" + metric, value) : Map.of();
    }

    /** Runs up to {@code epochs} epochs of {@code net}; {@code name} labels the reports and log lines. */
    public static <M extends Model> Outcome<M> run(String name, int epochs, Network<M> net, HeldOut validation,
                                                   TrainingOptions options) {
        boolean validate = validation != null && validation.evaluableUsers() > 0;
        Evaluator evaluator = new Evaluator(List.of(options.validationMetric()), Parallel.threads());
        String metric = options.validationMetric().toString();
        return run(name, epochs, net, options, metric, !validate ? null : (scorer, state) -> {
            if (scorer instanceof RatingPredictor predictor) {
                // A rating predictor is validated on what it is for: the error of its predicted ratings.
                state.metric = RMSE;
                state.lowerIsBetter = true;
                return RatingEvaluation.of(predictor, validation).rmse();
            }
            return evaluator.evaluate(scorer, validation).summaries().get(metric).mean();
        });
    }

    /**
     * As {@link #run} for a session model, validated after every epoch by next-item prediction over the sessions of
     * {@code validation} ({@link SessionEvaluator}: every event of a session the target of its prefix, conservative
     * ties) with the options' metric, which must be one of that protocol's (recall, hit, mrr, ndcg). Without
     * validation sessions every epoch counts as best.
     */
    public static <M extends Model> Outcome<M> runOnSessions(String name, int epochs, Network<M> net, EventLog validation,
                                                             TrainingOptions options) {
        String metric = options.validationMetric().toString();
        SessionEvaluator evaluator = new SessionEvaluator(List.of(options.validationMetric()), SessionEvaluator.Ties.CONSERVATIVE,
                Parallel.threads());
        boolean validate = validation != null && validation.size() > 0;
        return run(name, epochs, net, options, metric, !validate ? null
                : (scorer, state) -> evaluator.evaluate(scorer, validation).summaries().get(metric).mean());
    }

    /** The validation metric of a scorer after an epoch; may switch the state's metric (rating predictors). */
    private interface Validation {
        double value(ItemScorer scorer, State<?> state);
    }

    private static <M extends Model> Outcome<M> run(String name, int epochs, Network<M> net, TrainingOptions options,
                                                    String metric, Validation validation) {
        boolean validate = validation != null;
        State<M> state = new State<>(net, metric);
        int epoch = 0;
        while (epoch < epochs && state.stopReason.isEmpty()) {
            epoch++;
            long t0 = System.nanoTime();
            BatchLosses losses = new BatchLosses(epoch);
            Map<String, Double> extras = net.epoch(epoch, losses);
            Map<String, float[]> snap = net.snapshot();
            double value = Double.NaN;
            boolean improved = true;
            if (validate) {
                value = validation.value(net.scorer(snap), state);
                improved = state.bestEpoch == 0 || (state.lowerIsBetter ? value < state.bestValue : value > state.bestValue);
            }
            if (improved) {
                state.best = snap;
                state.bestValue = value;
                state.bestEpoch = epoch;
            }
            EpochReport report = new EpochReport(name, epoch, losses.mean(), extras, state.metric, value, improved, (System.nanoTime() - t0) / 1e9);
            for (EpochListener l : options.listeners()) {
                l.onEpoch(report, state);
            }
        }
        if (!state.stopReason.isEmpty()) {
            LOG.info("{}: stopped after epoch {}: {}; keeping epoch {}", name, epoch, state.stopReason, state.bestEpoch);
        }
        double bestValue = validate ? state.bestValue : Double.NaN;
        return new Outcome<>(net.model(state.best, metrics(state.metric, bestValue), state.bestEpoch), state.best, state.bestEpoch,
                bestValue, state.metric, epoch, state.stopReason);
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
