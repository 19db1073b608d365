package org.recoder.models.bprmf;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.data.NegativeSampler;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.ParamSource;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * LearnBPR (Rendle, Freudenthaler, Gantner &amp; Schmidt-Thieme, UAI 2009): stochastic gradient ascent on
 * ln σ(x̂_ui − x̂_uj) − λ/2·(‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²) over triples drawn with replacement: a
 * training interaction (u, i) uniformly, then j uniformly from the items u has not interacted with. An epoch is nnz
 * triples. Single-threaded, so deterministic with the seed: an epoch at the ML-20M shape is about 10M triples × 100
 * factors, seconds on one core, where Hogwild threads would make runs irreproducible.
 *
 * <p>Cost per epoch: O(nnz·f).
 */
public final class BprMfTrainer implements Trainer<BprMfModel> {
    /** Triples per reported loss. */
    private static final int CHUNK = 10_000;
    private final BprMfConfig config;
    private final long seed;
    private final TrainingOptions options;

    public BprMfTrainer(BprMfConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    /**
     * One ascent step on the triple (u, i, j), every parameter from its value before the step; returns
     * −ln σ(x̂_ui − x̂_uj), the loss before the step.
     */
    static double step(BprMfParams p, int u, int i, int j, float lr, float reg) {
        float x = p.score(u, i) - p.score(u, j);
        // σ(−x) = 1 − σ(x): the weight of this triple's gradient.
        float g = 1f / (1f + (float) Math.exp(x));
        float[] b = p.itemBias.value();
        float[] pu = p.users.value();
        float[] q = p.items.value();
        int f = p.factors;
        b[i] += lr * (g - reg * b[i]);
        b[j] += lr * (-g - reg * b[j]);
        int a = u * f;
        int qi = i * f;
        int qj = j * f;
        for (int k = 0; k < f; k++) {
            float wu = pu[a + k];
            float wi = q[qi + k];
            float wj = q[qj + k];
            pu[a + k] += lr * (g * (wi - wj) - reg * wu);
            q[qi + k] += lr * (g * wu - reg * wi);
            q[qj + k] += lr * (-g * wu - reg * wj);
        }
        // −ln σ(x) = log(1 + e^−x), stable.
        return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
    }

    @Override
    public BprMfModel fit(TrainingData data) {
        Interactions x = data.train();
        if (x.nnz() == 0) {
            throw new IllegalArgumentException("BPR-MF needs training interactions; the training matrix is empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int f = config.factors();
        BprMfParams p = new BprMfParams(ParamSource.fresh(), x.numUsers(), x.numItems(), f);
        SplittableRandom init = rng.split();
        for (float[] w : new float[][] {p.users.value(), p.items.value()}) {
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((init.nextDouble() - 0.5) / f);
            }
        }
        NegativeSampler sampler = new NegativeSampler(x);
        int[] rowPtr = x.rowPointers();
        int[] cols = x.columnIndices();
        int[] userOf = new int[x.nnz()];
        for (int u = 0; u < x.numUsers(); u++) {
            Arrays.fill(userOf, rowPtr[u], rowPtr[u + 1], u);
        }
        int nnz = x.nnz();
        int numItems = x.numItems();
        float lr = config.learningRate();
        float reg = config.regularization();
        NeuralLoop<BprMfModel> loop = new NeuralLoop<>(p.all(), (epoch, losses) -> {
            double chunk = 0;
            for (int n = 0; n < nnz; n++) {
                int k = rng.nextInt(nnz);
                int u = userOf[k];
                chunk += step(p, u, cols[k], sampler.draw(u, rng), lr, reg);
                if ((n + 1) % CHUNK == 0 || n == nnz - 1) {
                    losses.add(chunk / ((n % CHUNK) + 1));
                    chunk = 0;
                }
            }
            return Map.of();
        }, (weights, provenance) -> new BprMfModel(config, x, new BprMfParams(weights, x.numUsers(), numItems, f),
                provenance), data, seed);
        return TrainingLoop.run("train bprmf", config.epochs(), loop, data.validation(), options).model();
    }
}
