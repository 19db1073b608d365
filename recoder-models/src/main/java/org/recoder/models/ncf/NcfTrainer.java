package org.recoder.models.ncf;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.data.NegativeSampler;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.RowSparseOptimizer;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;
import org.recoder.util.Parallel;

/**
 * Trains GMF, MLP or NeuMF as the NCF reference code does: every epoch, each training interaction (u, i) is a
 * positive pair and {@code negatives} items drawn uniformly from those u has not interacted with are negative pairs
 * (drawn afresh each epoch), all pairs shuffled with the trainer's seed; minibatches of {@code batchSize} pairs
 * minimize the mean binary cross-entropy of σ(logit) with Adam (or SGD).
 *
 * <p><b>Threads:</b> a minibatch is cut into one contiguous slice per thread; each thread runs forward and backward
 * of its slice on a replica of the network that shares the weights and has gradients of its own. After the slice
 * the dense gradients are summed in thread order and the embedding rows' gradients are added pair by pair in batch
 * order, then one optimizer step is taken. So a step is the single-threaded batch's step except for the rounding of
 * the dense-gradient sums (a different association order per thread count). Tested: one step agrees to 1e-6 (SGD;
 * Adam: all but one weight in 1,000, since Adam gives a gradient that is zero up to rounding a full step of either
 * sign), 3 epochs of SGD to 1e-4 in the weights and 0.01 in HR@10. Over many Adam epochs the runs drift apart as
 * two seeds would; the same thread count and seed give the same model bit for bit. Nothing is allocated per batch.
 *
 * <p><b>Deviation:</b> Adam updates only the embedding rows a batch touched ({@link RowSparseOptimizer}, as
 * TensorFlow's LazyAdam and PyTorch's SparseAdam); Keras's dense Adam in the reference code also moves untouched rows
 * by their decaying momentum. The dense update costs O(users + items) per batch, which at ML-20M scale is ~1,000×
 * the batch's own work.
 *
 * <p>Cost per epoch: O(nnz·(1 + negatives)·(f + Σ layer_l·layer_{l+1})).
 */
final class NcfTrainer implements Trainer<NcfModel> {
    private final NcfSettings s;
    private final Record config;
    private final String type;
    private final long seed;
    private final TrainingOptions options;
    /** For NeuMF with pre-training: the GMF and MLP networks to start from, and α. */
    private final NcfNetwork gmfInit;
    private final NcfNetwork mlpInit;
    private final float alpha;

    NcfTrainer(String type, Record config, NcfSettings s, long seed, TrainingOptions options,
               NcfNetwork gmfInit, NcfNetwork mlpInit, float alpha) {
        this.type = type;
        this.config = config;
        this.s = s;
        this.seed = seed;
        this.options = options;
        this.gmfInit = gmfInit;
        this.mlpInit = mlpInit;
        this.alpha = alpha;
    }

    NcfTrainer(String type, Record config, NcfSettings s, long seed, TrainingOptions options) {
        this(type, config, s, seed, options, null, null, 0f);
    }

    @Override
    public NcfModel fit(TrainingData data) {
        Interactions x = data.train();
        if (x.nnz() == 0) {
            throw new IllegalArgumentException(type + " needs training interactions; the training matrix is empty");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        NcfNetwork net = new NcfNetwork(s.variant(), s.factors(), s.layers(), x.numUsers(), x.numItems(), ParamSource.fresh());
        SplittableRandom init = rng.split();
        if (gmfInit != null) {
            net.initFromPretrained(gmfInit, mlpInit, alpha);
        } else {
            net.initialize(init);
        }
        BiFunction<ParamSource, Provenance, NcfModel> model = (w, p) -> new NcfModel(type, config, x,
                new NcfNetwork(s.variant(), s.factors(), s.layers(), x.numUsers(), x.numItems(), w), p);
        int threads = s.threads() == 0 ? Parallel.threads() : s.threads();
        try (Epochs epochs = new Epochs(net, x, threads, rng)) {
            NeuralLoop<NcfModel> loop = new NeuralLoop<>(net.params(), epochs::run, model, data, seed);
            return TrainingLoop.run("train " + type, s.epochs(), loop, data.validation(), options).model();
        }
    }

    /** The examples, the replicas and the per-batch state of one training run. */
    private final class Epochs implements AutoCloseable {
        private final NcfNetwork net;
        private final Interactions x;
        private final SplittableRandom rng;
        private final NegativeSampler sampler;
        private final RowSparseOptimizer optimizer;
        private final Lockstep workers;
        private final NcfNetwork[] replicas;
        private final NcfNetwork.Pass[] passes;
        private final double[] partLoss;
        private final int[] users;
        private final int[] items;
        private final float[] labels;
        private final int[] order;
        private final int[] batchUsers;
        private final int[] batchItems;
        private final float[] batchLabels;
        private final java.util.function.IntConsumer work = this::part;
        private final List<Param> dense;
        private final List<List<Param>> replicaDense;
        private int batchSize;
        private int slice;

        Epochs(NcfNetwork net, Interactions x, int threads, SplittableRandom rng) {
            this.net = net;
            this.x = x;
            this.rng = rng;
            sampler = new NegativeSampler(x);
            optimizer = new RowSparseOptimizer(s.rule(), s.learningRate(), net.denseParams(), net.tables());
            int parts = Math.max(1, Math.min(threads, s.batchSize() / 32));
            workers = new Lockstep(parts, "train-" + type);
            replicas = new NcfNetwork[parts];
            passes = new NcfNetwork.Pass[parts];
            slice = (s.batchSize() + parts - 1) / parts;
            for (int t = 0; t < parts; t++) {
                replicas[t] = net.replica();
                passes[t] = replicas[t].new Pass(slice);
            }
            partLoss = new double[parts];
            dense = net.denseParams();
            replicaDense = java.util.Arrays.stream(replicas).map(NcfNetwork::denseParams).toList();
            long pairs = (long) x.nnz() * (1 + s.negatives());
            if (pairs > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(type + ": " + pairs + " training pairs an epoch is more than one array holds; "
                        + "use fewer negatives");
            }
            users = new int[(int) pairs];
            items = new int[(int) pairs];
            labels = new float[(int) pairs];
            order = java.util.stream.IntStream.range(0, (int) pairs).toArray();
            batchUsers = new int[s.batchSize()];
            batchItems = new int[s.batchSize()];
            batchLabels = new float[s.batchSize()];
        }

        Map<String, Double> run(int epoch, org.recoder.train.BatchLosses losses) {
            sample();
            SparseBatch.shuffle(order, rng);
            int parts = workers.parts();
            for (int from = 0; from < order.length; from += s.batchSize()) {
                int n = Math.min(s.batchSize(), order.length - from);
                for (int r = 0; r < n; r++) {
                    int e = order[from + r];
                    batchUsers[r] = users[e];
                    batchItems[r] = items[e];
                    batchLabels[r] = labels[e];
                }
                batchSize = n;
                slice = (n + parts - 1) / parts;
                workers.run(work);
                double loss = 0;
                for (int t = 0; t < parts; t++) {
                    loss += partLoss[t];
                    gather(t);
                }
                losses.add(loss / n);
                optimizer.step();
            }
            return Map.of();
        }

        /** Forward and backward of slice {@code t} of the current batch on replica {@code t}. */
        private void part(int t) {
            int from = t * slice;
            int n = Math.min(batchSize, from + slice) - from;
            partLoss[t] = 0;
            if (n <= 0) {
                return;
            }
            replicas[t].forward(passes[t], batchUsers, batchItems, from, n);
            partLoss[t] = replicas[t].backward(passes[t], batchLabels, from, n, 1f / batchSize);
        }

        /** Adds replica t's gradients into the trained network's, in a fixed order, and marks the rows it touched. */
        private void gather(int t) {
            List<Param> mine = replicaDense.get(t);
            List<Param> into = dense;
            for (int k = 0; k < mine.size(); k++) {
                float[] g = mine.get(k).grad();
                float[] to = into.get(k).grad();
                for (int i = 0; i < g.length; i++) {
                    to[i] += g[i];
                    g[i] = 0f;
                }
            }
            int from = t * slice;
            int n = Math.min(batchSize, from + slice) - from;
            NcfNetwork.Pass p = passes[t];
            int table = 0;
            if (net.gmfUser != null) {
                addRows(table++, net.gmfUser.table(), batchUsers, from, n, p.dgu);
                addRows(table++, net.gmfItem.table(), batchItems, from, n, p.dgi);
            }
            if (net.mlpUser != null) {
                addRows(table++, net.mlpUser.table(), batchUsers, from, n, p.dmu);
                addRows(table, net.mlpItem.table(), batchItems, from, n, p.dmi);
            }
        }

        private void addRows(int table, Param t, int[] ids, int from, int n, float[] d) {
            int w = t.cols();
            float[] g = t.grad();
            for (int r = 0; r < n; r++) {
                int row = ids[from + r];
                optimizer.markRow(table, row);
                int at = row * w;
                for (int j = 0; j < w; j++) {
                    g[at + j] += d[r * w + j];
                }
            }
        }

        /** This epoch's pairs: every positive, each followed by its negatives (uniform over the user's non-items). */
        private void sample() {
            int[] rowPtr = x.rowPointers();
            int[] cols = x.columnIndices();
            int e = 0;
            for (int u = 0; u < x.numUsers(); u++) {
                for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                    users[e] = u;
                    items[e] = cols[k];
                    labels[e++] = 1f;
                    for (int n = 0; n < s.negatives(); n++) {
                        users[e] = u;
                        items[e] = sampler.draw(u, rng);
                        labels[e++] = 0f;
                    }
                }
            }
        }

        @Override
        public void close() {
            workers.close();
        }
    }
}
