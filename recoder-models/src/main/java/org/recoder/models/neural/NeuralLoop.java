package org.recoder.models.neural;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.recoder.api.ItemScorer;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.api.TrainingData;
import org.recoder.linalg.KernelTuning;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.train.BatchLosses;
import org.recoder.train.TrainingLoop;

/**
 * The one {@link TrainingLoop.Network} of the neural trainers: the family gives its epoch of updates, the trained
 * parameters and how to make a model from a {@link ParamSource} of weights; snapshots, the validation scorer and
 * the final model (with provenance) are done here, the same way for every family.
 *
 * @param <M> the model type
 */
public final class NeuralLoop<M extends Model> implements TrainingLoop.Network<M> {
    /** One epoch of minibatch updates, each loss passed to {@code losses}; returns the curve's extra columns. */
    @FunctionalInterface
    public interface Epoch {
        Map<String, Double> run(int epoch, BatchLosses losses);
    }

    private final List<Param> params;
    private final Epoch epoch;
    private final BiFunction<ParamSource, Provenance, M> model;
    private final TrainingData data;
    private final long seed;
    private final long startNanos = System.nanoTime();

    /**
     * @param params the parameters being trained (what a model is built from)
     * @param epoch  one epoch of updates
     * @param model  a model over a weight source, with the given provenance (null for the validation scorer)
     * @param data   the training data, for provenance
     * @param seed   the trainer's seed, for provenance
     */
    public NeuralLoop(List<Param> params, Epoch epoch, BiFunction<ParamSource, Provenance, M> model, TrainingData data,
                      long seed) {
        this.params = List.copyOf(params);
        this.epoch = epoch;
        this.model = model;
        this.data = data;
        this.seed = seed;
    }

    @Override
    public Map<String, Double> epoch(int e, BatchLosses losses) {
        return epoch.run(e, losses);
    }

    @Override
    public Map<String, float[]> snapshot() {
        Map<String, float[]> s = new LinkedHashMap<>();
        for (Param p : params) {
            s.put(p.name(), p.value().clone());
        }
        return s;
    }

    @Override
    public ItemScorer scorer(Map<String, float[]> weights) {
        return model.apply(ParamSource.of(weights), null);
    }

    @Override
    public M model(Map<String, float[]> weights, Map<String, Double> validationMetrics, int epoch) {
        // The epoch the weights are from: a checkpoint says which one it holds.
        Provenance p = Provenance.of(data.train(), data.splitSummary(), seed, (System.nanoTime() - startNanos) / 1e9,
                validationMetrics).withCompute(Map.of("epoch", epoch, "kernels", KernelTuning.describe()));
        return model.apply(ParamSource.of(weights), p);
    }
}
