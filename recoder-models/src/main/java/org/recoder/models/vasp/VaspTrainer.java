package org.recoder.models.vasp;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.linalg.Cholesky;
import org.recoder.linalg.SparseDense;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Optimizer;
import org.recoder.nn.Optimizers;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains VASP as the notebook: per epoch the training users are shuffled, each gives its split-brain samples
 * ({@link SplitBrainSamples}), {@code batchSize} users per step; Nadam at the schedule's rate, a fresh optimizer at
 * every stage (the notebook compiled the model anew per stage); Neural EASE's diagonal set to zero after every
 * update. The {@link TrainingLoop} validates after every epoch (NDCG@100 by default), keeps the best epoch and
 * calls the listeners. Before allocating, the memory is estimated and training refused with the {@code -Xmx} it
 * needs when the heap cannot hold it.
 */
public final class VaspTrainer implements Trainer<VaspModel> {
    private final VaspConfig config;
    private final long seed;
    private final TrainingOptions options;

    public VaspTrainer(VaspConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    public VaspTrainer(VaspConfig config, long seed) {
        this(config, seed, TrainingOptions.defaults());
    }

    @Override
    public VaspModel fit(TrainingData data) {
        Interactions x = data.train();
        int[] sampled = VaspNetwork.sampledItems(x, config.itemsSampling());
        checkMemory(config, sampled.length, x.numItems(), config.batchSize() * config.samplesPerUser());
        SplittableRandom rng = new SplittableRandom(seed);
        VaspNetwork net = new VaspNetwork(config, x.numItems(), sampled, rng.split());
        if (config.easeInitLambda() > 0) {
            Cholesky.checkHeap(String.format(Locale.ROOT, "vasp's EASE initialization over %,d items", sampled.length),
                    sampled.length, Cholesky.Precision.FLOAT32, 0);
            initFromEase(net, x);
        }
        SplitBrainSamples batch = new SplitBrainSamples(config, net.column);
        int[] users = x.nonEmptyUsers();
        Optimizer[] optimizer = new Optimizer[1];
        NeuralLoop<VaspModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            if (optimizer[0] == null || config.stageStarts(epoch)) {
                optimizer[0] = Optimizers.nadam(net.params(), config.learningRate(epoch));
            }
            SparseBatch.shuffle(users, rng);
            double kl = 0;
            double recon = 0;
            int steps = 0;
            for (int from = 0; from < users.length; from += config.batchSize()) {
                int to = Math.min(users.length, from + config.batchSize());
                batch.build(x, users, from, to, rng);
                double[] l = net.step(batch.input, batch.target, batch.dropped, rng);
                losses.add(l[0]);
                recon += l[1];
                kl += l[2];
                steps++;
                optimizer[0].step();
                net.projectDiagonal();
            }
            return Map.of("reconstruction", recon / steps, "kl", kl / steps);
        }, (weights, provenance) -> new VaspModel(config, x, new VaspNetwork(config, x.numItems(), sampled, weights), provenance),
                data, seed);
        return TrainingLoop.run("train vasp", config.epochs(), loop, data.validation(), options).model();
    }

    /**
     * W from the closed-form EASE (Steck 2019) of the training data restricted to the sampled columns:
     * P = (XᵀX + λI)⁻¹, W = −P·diag(P)⁻¹ with a zero diagonal. W is then used as Neural EASE's pre-activation
     * weights, so the path starts as EASE's ranking (its sigmoid squashes EASE's scores around ½).
     */
    private void initFromEase(VaspNetwork net, Interactions x) {
        int s = net.s;
        int[] ptr = new int[x.numUsers() + 1];
        int[] cols = new int[x.nnz()];
        float[] ones = new float[x.nnz()];
        int at = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            for (int i : x.rowItems(u)) {
                int c = net.column[i];
                if (c >= 0) {
                    cols[at] = c;
                    ones[at++] = 1f;
                }
            }
            ptr[u + 1] = at;
        }
        float[] w = net.ease.value();
        java.util.Arrays.fill(w, 0f);
        SparseDense.gramLower(ptr, cols, ones, x.numUsers(), s, w, 0);
        for (int i = 0; i < s; i++) {
            w[i * s + i] += config.easeInitLambda();
        }
        Cholesky.invert(w, s);
        float[] inverseDiagonal = new float[s];
        for (int j = 0; j < s; j++) {
            inverseDiagonal[j] = -1f / w[j * s + j];
        }
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                w[i * s + j] *= inverseDiagonal[j];
            }
        }
        net.projectDiagonal();
    }

    /**
     * Refuses to start when the heap cannot hold the weights with their gradients, the two Nadam moments and the
     * training loop's two copies (the epoch's snapshot and the best one), plus one step's activations.
     */
    static void checkMemory(VaspConfig config, int s, int items, int rowsPerStep) {
        long params = VaspNetwork.parameterCount(config, s);
        long bytes = 4L * (6 * params + VaspNetwork.activationFloats(config, s, rowsPerStep));
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            long easeBytes = config.paths() != VaspConfig.Paths.FLVAE ? 4L * 4 * s * s : 0;
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "vasp: training needs about %.1f GB (%,d weights × 6 for gradients, 2 Nadam moments and 2 copies, plus %,d "
                            + "rows of activations per step; Neural EASE alone is %,d² floats × 4 = %.1f GB) but the heap has "
                            + "%.1f GB free of %.1f GB: run with JAVA_OPTS=-Xmx%dg, or lower itemsSampling (%,d of %,d items "
                            + "now), hidden or batchSize",
                    bytes / 1e9, params, rowsPerStep, s, easeBytes / 1e9, free / 1e9, rt.maxMemory() / 1e9,
                    (long) Math.ceil((bytes + (rt.totalMemory() - rt.freeMemory())) / 1e9 * 1.25), s, items));
        }
    }
}
