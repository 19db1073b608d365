package org.recoder.models.biasedmf;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Init;
import org.recoder.nn.ParamSource;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Fits biased MF by stochastic gradient descent over the training ratings, shuffled each epoch (Funk's and Koren's
 * updates: with e = r − r̂, b_u += η(e − λb_u), b_i += η(e − λb_i), p_u += η(e·q_i − λp_u), q_i += η(e·p_u − λq_i),
 * p_u and q_i from their values before the step). μ is the training mean, fixed. Validated after every epoch by the
 * RMSE of the validation ratings; the best epoch is kept.
 *
 * <p>Cost per epoch: O(nnz·f).
 */
public final class BiasedMfTrainer implements Trainer<BiasedMfModel> {
    /** Ratings per reported loss (the sum of their squared errors before each step). */
    private static final int CHUNK = 10_000;
    private final BiasedMfConfig config;
    private final long seed;
    private final TrainingOptions options;

    public BiasedMfTrainer(BiasedMfConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    /**
     * One SGD step on rating r of (u, i): the parameters move by −η times the gradient of
     * ½(r − r̂)² + ½λ(b_u² + b_i² + ‖p_u‖² + ‖q_i‖²), p_u and q_i from their values before the step; returns r − r̂.
     */
    static float step(BiasedMfParams p, int u, int i, float r, float lr, float reg) {
        float[] bu = p.userBias.value();
        float[] bi = p.itemBias.value();
        float[] pu = p.users.value();
        float[] qi = p.items.value();
        int f = p.factors;
        float e = r - p.predict(u, i);
        bu[u] += lr * (e - reg * bu[u]);
        bi[i] += lr * (e - reg * bi[i]);
        int a = u * f;
        int b = i * f;
        for (int j = 0; j < f; j++) {
            float pj = pu[a + j];
            float qj = qi[b + j];
            pu[a + j] += lr * (e * qj - reg * pj);
            qi[b + j] += lr * (e * pj - reg * qj);
        }
        return e;
    }

    @Override
    public BiasedMfModel fit(TrainingData data) {
        Interactions x = data.train();
        if (x.nnz() == 0) {
            throw new IllegalArgumentException("biased MF needs training ratings; the training matrix is empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int f = config.factors();
        ParamSource fresh = ParamSource.fresh();
        BiasedMfParams p = new BiasedMfParams(fresh, x.numUsers(), x.numItems(), f);
        double sum = 0;
        for (float v : x.valueArray()) {
            sum += v;
        }
        p.mean.value()[0] = (float) (sum / x.nnz());
        SplittableRandom init = rng.split();
        for (float[] w : new float[][] {p.users.value(), p.items.value()}) {
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (config.initStd() * Init.gaussian(init));
            }
        }
        int[] userOf = new int[x.nnz()];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int k = x.rowStart(u); k < x.rowEnd(u); k++) {
                userOf[k] = u;
            }
        }
        int[] order = java.util.stream.IntStream.range(0, x.nnz()).toArray();
        int[] cols = x.columnIndices();
        float[] vals = x.valueArray();
        float lr = config.learningRate();
        float reg = config.regularization();
        NeuralLoop<BiasedMfModel> loop = new NeuralLoop<>(p.all(), (epoch, losses) -> {
            org.recoder.nn.SparseBatch.shuffle(order, rng);
            double chunk = 0;
            for (int n = 0; n < order.length; n++) {
                int k = order[n];
                float e = step(p, userOf[k], cols[k], vals[k], lr, reg);
                chunk += (double) e * e;
                if ((n + 1) % CHUNK == 0 || n == order.length - 1) {
                    losses.add(chunk);
                    chunk = 0;
                }
            }
            return Map.of();
        }, (weights, provenance) -> new BiasedMfModel(config, x,
                new BiasedMfParams(weights, x.numUsers(), x.numItems(), f), provenance), data, seed);
        return TrainingLoop.run("train biasedmf", config.epochs(), loop, data.validation(), options).model();
    }
}
