package org.recoder.models.gru4rec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.EventLog;
import org.recoder.linalg.Sgemm;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Elementwise;
import org.recoder.nn.GruCell;
import org.recoder.nn.OneHotGruCell;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.RowSparseOptimizer;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains GRU4Rec as the official code's {@code fit} does ({@code hidasib/GRU4Rec_PyTorch_Official}):
 * <ul>
 *   <li><b>Session-parallel mini-batches.</b> Training sessions in order of their first event fill
 *   {@code batchSize} slots; every step each slot feeds its current item and is scored on its next one; a slot whose
 *   session has ended takes the next session and its hidden state is reset to zero; when no session is left the
 *   slot is dropped, so the last steps run on fewer rows. The hidden state is carried between steps without
 *   back-propagation through time (the official code detaches it).</li>
 *   <li><b>Negatives.</b> Every step scores each row against the step's targets (the other rows' next items) and
 *   {@code samples} items shared by the step, drawn ∝ support^{@code sampleAlpha} (support = training events).</li>
 *   <li><b>Losses</b> ({@link Gru4RecLosses}): cross-entropy over those columns, less {@code logq} · log of each
 *   column's sampling weight (support for targets, support^α for negatives, as the official code); or BPR-max with
 *   its ELU and score regularization; or the original pairwise BPR, TOP1 and TOP1-max. Divided by
 *   {@code batchSize}.</li>
 *   <li><b>Dropout</b> on the embedded input and on each layer's output, which is also the state carried to the
 *   next step (as the official code keeps it).</li>
 *   <li><b>Adagrad</b> (the official {@code IndexedAdagradM}, ε = 1e-6 inside the square root): the GRU weights
 *   every step; the embedding and bias only at the rows a step touched, each row's gradient summed first. Or
 *   Adam ({@code optimizer ADAM}; β 0.9 / 0.999, ε 1e-8), lazy on the tables as PyTorch's {@code SparseAdam}: only
 *   the rows a step touched move ({@link RowSparseOptimizer}).</li>
 *   <li><b>Initialization</b>: the official default ({@code compatibility_mode}): each block uniform in
 *   ±√(6 / (fan-in + fan-out)), biases zero.</li>
 * </ul>
 * Validated after every epoch on the split's validation sessions, when it has them (Recall@20 by default,
 * {@link TrainingLoop#runOnSessions}): the best epoch is kept and {@code --patience} stops early, which is how the
 * epoch count is chosen on a validation period (the official code runs a fixed count, chosen so beforehand).
 * Without validation sessions all {@code epochs} run and the last is kept. Deterministic with the seed, whatever the {@code threads}.
 * Cost per step: 2 · rows · (rows + samples) · E for the scores and twice that backward, plus the GRU steps.
 */
public final class Gru4RecTrainer implements Trainer<Gru4RecModel> {
    private static final double EPS = 1e-6;
    private final Gru4RecConfig config;
    private final long seed;
    private final TrainingOptions options;

    public Gru4RecTrainer(Gru4RecConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    /** Validated by Recall@20 on the validation sessions, when the split has them. */
    public Gru4RecTrainer(Gru4RecConfig config, long seed) {
        this(config, seed, TrainingOptions.sessionDefaults());
    }

    /** Adagrad state of one parameter: the squared-gradient sum, and the momentum when it is on. */
    private final class Adagrad {
        final Param p;
        final float[] acc;
        final float[] mom;

        Adagrad(Param p) {
            this.p = p;
            this.acc = new float[p.value().length];
            this.mom = config.momentum() > 0 ? new float[p.value().length] : null;
        }

        /** Updates entries [from, to) from the gradient and clears it there. */
        void step(int from, int to) {
            float[] w = p.value();
            float[] g = p.grad();
            double lr = config.learningRate();
            double mu = config.momentum();
            for (int k = from; k < to; k++) {
                acc[k] += g[k] * g[k];
                double step = -lr * g[k] / Math.sqrt(acc[k] + EPS);
                if (mom != null) {
                    mom[k] = (float) (mu * mom[k] + step);
                    w[k] += mom[k];
                } else {
                    w[k] += (float) step;
                }
                g[k] = 0f;
            }
        }
    }

    @Override
    public Gru4RecModel fit(TrainingData data) {
        if (data.sessions() == null) {
            throw new IllegalArgumentException("gru4rec trains on a session split's ordered events (recoder split session); "
                    + "this split is '" + data.split().protocol() + "'");
        }
        EventLog events = data.sessions().train();
        int items = data.train().numItems();
        int[] sizes = config.layerSizes();
        int layers = sizes.length;
        int e = sizes[layers - 1];
        SplittableRandom rng = new SplittableRandom(seed);
        Gru4RecNetwork net = new Gru4RecNetwork(ParamSource.fresh(), items, config);
        float[] emb = net.embedding.value();
        for (Param table : net.input == null ? List.of(net.embedding) : List.of(net.input, net.embedding)) {
            double sigma = Math.sqrt(6.0 / (items + table.cols()));
            float[] w = table.value();
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) rng.nextDouble(-sigma, sigma);
            }
        }
        // The input rows: the shared embedding, or the separate input embedding of its own size; with one-hot
        // input the first layer's items × 3H table (its rows, like an input embedding's, move only when fed).
        boolean oneHot = net.oneHot != null;
        float[] inTable = net.input == null ? emb : net.input.value();
        int inSize = net.input == null ? e : config.embedding();
        Param inputRows = oneHot ? net.oneHot.gates() : net.input;
        int inRowSize = inputRows == null ? 0 : inputRows.cols();
        int first = net.first();
        if (oneHot) {
            net.oneHot.initialize(rng);
        }
        for (int l = first; l < layers; l++) {
            net.cells[l].initialize(rng);
        }
        // Sessions as item sequences, in the order of their first event (ties: file order).
        int[][] rows = events.eventsByUser();
        List<int[]> sessions = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int[] row : rows) {
            if (row.length >= 2) {
                int[] seq = new int[row.length];
                for (int k = 0; k < row.length; k++) {
                    seq[k] = events.item()[row[k]];
                }
                sessions.add(seq);
                starts.add(events.times()[row[0]]);
            }
        }
        Integer[] order = new Integer[sessions.size()];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(starts.get(a), starts.get(b)));
        if (order.length == 0) {
            throw new IllegalArgumentException("no training session has two events");
        }
        double[] support = new double[items];
        for (int i : events.item()) {
            support[i]++;
        }
        double[] cdf = new double[items];
        double total = 0;
        for (int i = 0; i < items; i++) {
            total += Math.pow(support[i], config.sampleAlpha());
            cdf[i] = total;
        }
        for (int i = 0; i < items; i++) {
            cdf[i] /= total;
        }
        float[] logTarget = new float[items];
        for (int i = 0; i < items; i++) {
            logTarget[i] = (float) Math.log(Math.max(support[i], 1e-24));
        }

        List<Adagrad> dense = new ArrayList<>();
        for (Param p : net.denseParams()) {
            dense.add(new Adagrad(p));
        }
        Adagrad embOpt = new Adagrad(net.embedding);
        Adagrad biasOpt = new Adagrad(net.bias);
        Adagrad inOpt = inputRows == null ? null : new Adagrad(inputRows);
        // Adam: lazy on the tables (only the rows a step touched move), dense on the GRU weights.
        RowSparseOptimizer adam = null;
        if (config.optimizer() == Gru4RecConfig.Optimizer.ADAM) {
            List<Param> denseParams = new ArrayList<>();
            for (Adagrad a : dense) {
                denseParams.add(a.p);
            }
            List<Param> tables = new ArrayList<>(List.of(net.embedding, net.bias));
            if (inputRows != null) {
                tables.add(inputRows);
            }
            adam = new RowSparseOptimizer(RowSparseOptimizer.Rule.ADAM, (float) config.learningRate(), denseParams, tables);
        }
        RowSparseOptimizer adamOpt = adam;
        int batch = config.batchSize();
        int threads = config.threads();
        int samples = config.samples();
        int maxCols = batch + samples;
        // Per-step buffers, sized for the full batch: no step allocates.
        float[] x0 = new float[oneHot ? 0 : batch * inSize];
        float[] mask0 = new float[oneHot ? 0 : batch * inSize];
        int[] inItems = new int[batch];
        OneHotGruCell.Scratch oneHotWork = oneHot ? net.oneHot.scratch(batch) : null;
        float[][] in = new float[layers][];
        float[][] hPrev = new float[layers][];
        float[][] out = new float[layers][];
        float[][] masks = new float[layers][];
        float[][] caches = new float[layers][];
        float[][] state = new float[layers][];
        float[][] dIn = new float[layers][];
        GruCell.Scratch[] work = new GruCell.Scratch[layers];
        for (int l = 0; l < layers; l++) {
            boolean cell = l >= first;
            dIn[l] = new float[cell ? batch * (l == 0 ? inSize : sizes[l - 1]) : 0];
            work[l] = cell ? net.cells[l].scratch(batch) : null;
            in[l] = new float[cell ? batch * (l == 0 ? inSize : sizes[l - 1]) : 0];
            hPrev[l] = new float[batch * sizes[l]];
            out[l] = new float[batch * sizes[l]];
            masks[l] = new float[batch * sizes[l]];
            caches[l] = new float[cell ? net.cells[l].cacheSize(batch) : net.oneHot.cacheSize(batch)];
            state[l] = new float[batch * sizes[l]];
        }
        float[] outEmb = new float[maxCols * e];
        float[] scores = new float[batch * maxCols];
        float[] dScores = new float[batch * maxCols];
        float[] logCorr = new float[maxCols];
        float[] dTop = new float[batch * e];
        float[] dOutEmb = new float[maxCols * e];
        int[] cols = new int[maxCols];
        Gru4RecLosses.Work lossWork = new Gru4RecLosses.Work(maxCols);
        int[] stamp = new int[items];
        int[] touched = new int[2 * batch + samples];
        int[] stampIn = inputRows == null ? null : new int[items];
        int[] touchedIn = new int[batch];
        int[] stepCount = {0};
        NeuralLoop<Gru4RecModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            for (float[] h : state) {
                Arrays.fill(h, 0f);
            }
            int slots = Math.min(batch, order.length);
            int[] session = new int[slots];
            int[] pos = new int[slots];
            for (int b = 0; b < slots; b++) {
                session[b] = b;
            }
            int next = slots;
            while (slots > 0) {
                if (samples == 0 && slots < 2) {
                    break;
                }
                int n = slots;
                int m = n + samples;
                for (int b = 0; b < n; b++) {
                    int[] seq = sessions.get(order[session[b]]);
                    cols[b] = seq[pos[b] + 1];
                    inItems[b] = seq[pos[b]];
                    if (!oneHot) {
                        System.arraycopy(inTable, inItems[b] * inSize, x0, b * inSize, inSize);
                    }
                }
                for (int k = 0; k < samples; k++) {
                    int i = Arrays.binarySearch(cdf, rng.nextDouble());
                    cols[n + k] = Math.min(i < 0 ? -i - 1 : i, items - 1);
                }
                // Forward: embedding dropout, the layers (dropout on each output, which is the carried state). The
                // one-hot layer's output takes the embedding dropout, as in the official code (its E is that output).
                float[] x;
                if (oneHot) {
                    System.arraycopy(state[0], 0, hPrev[0], 0, n * sizes[0]);
                    net.oneHot.forward(inItems, hPrev[0], n, out[0], caches[0], threads, oneHotWork);
                    Elementwise.dropout(out[0], n * sizes[0], config.dropoutEmbed(), rng, masks[0]);
                    System.arraycopy(out[0], 0, state[0], 0, n * sizes[0]);
                    x = out[0];
                } else {
                    Elementwise.dropout(x0, n * inSize, config.dropoutEmbed(), rng, mask0);
                    x = x0;
                }
                for (int l = first; l < layers; l++) {
                    int h = sizes[l];
                    System.arraycopy(x, 0, in[l], 0, n * (l == 0 ? inSize : sizes[l - 1]));
                    System.arraycopy(state[l], 0, hPrev[l], 0, n * h);
                    net.cells[l].forward(in[l], hPrev[l], n, out[l], caches[l], threads, work[l]);
                    Elementwise.dropout(out[l], n * h, config.dropoutHidden(), rng, masks[l]);
                    System.arraycopy(out[l], 0, state[l], 0, n * h);
                    x = out[l];
                }
                float[] top = out[layers - 1];
                for (int c = 0; c < m; c++) {
                    System.arraycopy(emb, cols[c] * e, outEmb, c * e, e);
                }
                Sgemm.gemm(false, true, n, m, e, 1f, top, 0, e, outEmb, 0, e, 0f, scores, 0, m, threads);
                for (int b = 0; b < n; b++) {
                    for (int c = 0; c < m; c++) {
                        scores[b * m + c] += net.bias.value()[cols[c]];
                    }
                }
                double loss;
                if (config.loss() == Gru4RecConfig.Loss.CROSS_ENTROPY) {
                    float[] corr = null;
                    if (config.logq() > 0) {
                        for (int c = 0; c < m; c++) {
                            double w = c < n ? logTarget[cols[c]] : config.sampleAlpha() * logTarget[cols[c]];
                            logCorr[c] = (float) (config.logq() * w);
                        }
                        corr = logCorr;
                    }
                    loss = Gru4RecLosses.crossEntropy(scores, n, m, corr, batch, dScores, lossWork.x);
                } else if (config.loss() == Gru4RecConfig.Loss.BPR_MAX) {
                    loss = Gru4RecLosses.bprMax(scores, n, m, config.eluParam(), config.bpreg(), batch, dScores, lossWork);
                } else {
                    loss = Gru4RecLosses.pairwise(config.loss(), scores, n, m, batch, dScores);
                }
                losses.add(loss);
                // Backward: scores → top state and output rows; then down the layers to the input rows.
                Sgemm.gemm(false, false, n, e, m, 1f, dScores, 0, m, outEmb, 0, e, 0f, dTop, 0, e, threads);
                Sgemm.gemm(true, false, m, e, n, 1f, dScores, 0, m, top, 0, e, 0f, dOutEmb, 0, e, threads);
                float[] embGrad = net.embedding.grad();
                float[] biasGrad = net.bias.grad();
                int stepId = ++stepCount[0];
                int t = 0;
                for (int c = 0; c < m; c++) {
                    int i = cols[c];
                    double db = 0;
                    for (int b = 0; b < n; b++) {
                        db += dScores[b * m + c];
                    }
                    biasGrad[i] += (float) db;
                    for (int k = 0; k < e; k++) {
                        embGrad[i * e + k] += dOutEmb[c * e + k];
                    }
                    if (stamp[i] != stepId) {
                        stamp[i] = stepId;
                        touched[t++] = i;
                    }
                }
                int biasRows = t;
                float[] d = dTop;
                for (int l = layers - 1; l >= 0; l--) {
                    int h = sizes[l];
                    for (int k = 0; k < n * h; k++) {
                        d[k] *= masks[l][k];
                    }
                    if (l < first) {
                        // The one-hot layer adds each row's gate gradient to its item's row of the table.
                        net.oneHot.backward(inItems, hPrev[0], caches[0], d, n, null, oneHotWork);
                    } else {
                        net.cells[l].backward(in[l], hPrev[l], caches[l], d, n, dIn[l], null, work[l]);
                        d = dIn[l];
                    }
                }
                float[] inGrad = net.input == null ? embGrad : net.input.grad();
                int tIn = 0;
                for (int b = 0; b < n; b++) {
                    int i = inItems[b];
                    if (!oneHot) {
                        for (int k = 0; k < inSize; k++) {
                            inGrad[i * inSize + k] += d[b * inSize + k] * mask0[b * inSize + k];
                        }
                    }
                    if (stampIn == null) {
                        if (stamp[i] != stepId) {
                            stamp[i] = stepId;
                            touched[t++] = i;
                        }
                    } else if (stampIn[i] != stepId) {
                        stampIn[i] = stepId;
                        touchedIn[tIn++] = i;
                    }
                }
                if (adamOpt != null) {
                    for (int k = 0; k < t; k++) {
                        adamOpt.markRow(0, touched[k]);
                    }
                    for (int k = 0; k < biasRows; k++) {
                        adamOpt.markRow(1, touched[k]);
                    }
                    for (int k = 0; k < tIn; k++) {
                        adamOpt.markRow(2, touchedIn[k]);
                    }
                    adamOpt.step();
                } else {
                    for (Adagrad a : dense) {
                        a.step(0, a.acc.length);
                    }
                    // Rows in first-touched order; each row's update depends on that row alone, so the order does not matter.
                    for (int k = 0; k < t; k++) {
                        embOpt.step(touched[k] * e, touched[k] * e + e);
                    }
                    for (int k = 0; k < biasRows; k++) {
                        biasOpt.step(touched[k], touched[k] + 1);
                    }
                    for (int k = 0; k < tIn; k++) {
                        inOpt.step(touchedIn[k] * inRowSize, touchedIn[k] * inRowSize + inRowSize);
                    }
                }
                // Advance; a finished slot takes the next session (zero state) or is dropped.
                int kept = 0;
                for (int b = 0; b < n; b++) {
                    pos[b]++;
                    int s = session[b];
                    boolean finished = pos[b] + 1 >= sessions.get(order[s]).length;
                    if (finished) {
                        if (next >= order.length) {
                            continue;
                        }
                        s = next++;
                        pos[b] = 0;
                        for (int l = 0; l < layers; l++) {
                            Arrays.fill(state[l], b * sizes[l], (b + 1) * sizes[l], 0f);
                        }
                    }
                    session[kept] = s;
                    pos[kept] = pos[b];
                    for (int l = 0; l < layers; l++) {
                        System.arraycopy(state[l], b * sizes[l], state[l], kept * sizes[l], sizes[l]);
                    }
                    kept++;
                }
                slots = kept;
            }
            return Map.of();
        }, (weights, provenance) -> new Gru4RecModel(config, data.train(), new Gru4RecNetwork(weights, items, config), provenance),
                data, seed);
        return TrainingLoop.runOnSessions("train gru4rec", config.epochs(), loop, data.sessions().validation(), options).model();
    }
}
