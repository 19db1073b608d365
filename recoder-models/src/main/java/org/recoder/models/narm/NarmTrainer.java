package org.recoder.models.narm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.EventLog;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Adam;
import org.recoder.nn.Losses;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains NARM as the reference code ({@code lijingsdu/sessionRec_NARM}, {@code NARM.py}) does:
 * <ul>
 *   <li><b>Prefix expansion.</b> Every training session i₁ … iₙ gives the examples (i₁ … i_t → i_{t+1}) for
 *   t = 1 … n − 1, each cut to its last {@code maxLength} items; the examples are shuffled with the seed every
 *   epoch and taken {@code batchSize} at a time (the last batch smaller).</li>
 *   <li><b>Loss:</b> cross-entropy of the softmax over all items, averaged over the batch; back-propagation
 *   through time over the whole prefix (the attention sees every state).</li>
 *   <li><b>Adam</b> on every parameter (the embedding densely, as the reference's Theano Adam).</li>
 *   <li><b>Validation</b> after every epoch: Recall@20 (or the options' metric) over every next event of the
 *   validation sessions ({@link TrainingLoop#runOnSessions}); the best epoch is kept and {@code --patience} stops
 *   early. Without validation sessions the last epoch is kept.</li>
 * </ul>
 * Deterministic with the seed; the products run on the shared pool, each output entry summed in one fixed order, so
 * the thread count does not change the result. Cost per epoch: about 6 · prefixes · items · E flops for the decoder
 * and its gradients, plus the GRU and attention over every prefix's items.
 */
public final class NarmTrainer implements Trainer<NarmModel> {
    private final NarmConfig config;
    private final long seed;
    private final TrainingOptions options;

    public NarmTrainer(NarmConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    /** Validated by Recall@20 on the validation sessions. */
    public NarmTrainer(NarmConfig config, long seed) {
        this(config, seed, TrainingOptions.sessionDefaults());
    }

    @Override
    public NarmModel fit(TrainingData data) {
        if (data.sessions() == null) {
            throw new IllegalArgumentException("narm trains on a session split's ordered events (recoder split session); "
                    + "this split is '" + data.split().protocol() + "'");
        }
        EventLog events = data.sessions().train();
        int items = data.train().numItems();
        int[][] rows = events.eventsByUser();
        List<int[]> sessions = new ArrayList<>();
        int count = 0;
        for (int[] row : rows) {
            if (row.length >= 2) {
                int[] seq = new int[row.length];
                for (int k = 0; k < row.length; k++) {
                    seq[k] = events.item()[row[k]];
                }
                sessions.add(seq);
                count += row.length - 1;
            }
        }
        int examples = count;
        if (examples == 0) {
            throw new IllegalArgumentException("no training session has two events");
        }
        // Example k is the prefix of session exSession[k] that ends before position exEnd[k] (its target).
        int[] exSession = new int[examples];
        int[] exEnd = new int[examples];
        int at = 0;
        for (int s = 0; s < sessions.size(); s++) {
            for (int t = 1; t < sessions.get(s).length; t++) {
                exSession[at] = s;
                exEnd[at++] = t;
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        NarmNetwork net = new NarmNetwork(ParamSource.fresh(), items, config);
        net.initialize(rng.split());
        Adam adam = new Adam(net.params(), (float) config.learningRate(), 0f);
        int batch = Math.min(config.batchSize(), examples);
        int steps = config.maxLength();
        NarmNetwork.Work w = net.work(batch, steps);
        float[] scores = new float[batch * items];
        float[] lse = new float[batch];
        int[] targets = new int[batch];
        int[] order = new int[examples];
        for (int k = 0; k < examples; k++) {
            order[k] = k;
        }
        int[] byLength = new int[steps + 2];
        int[] sorted = new int[batch];
        NeuralLoop<NarmModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
            SparseBatch.shuffle(order, rng);
            for (int from = 0; from < examples; from += batch) {
                int n = Math.min(batch, examples - from);
                // Rows by decreasing length (a counting sort, stable), as the network steps the running rows only.
                java.util.Arrays.fill(byLength, 0);
                for (int b = 0; b < n; b++) {
                    byLength[steps - Math.min(exEnd[order[from + b]], steps) + 1]++;
                }
                for (int l = 1; l < byLength.length; l++) {
                    byLength[l] += byLength[l - 1];
                }
                for (int b = 0; b < n; b++) {
                    int ex = order[from + b];
                    sorted[byLength[steps - Math.min(exEnd[ex], steps)]++] = ex;
                }
                for (int b = 0; b < n; b++) {
                    int ex = sorted[b];
                    int[] seq = sessions.get(exSession[ex]);
                    int end = exEnd[ex];
                    int len = Math.min(end, steps);
                    System.arraycopy(seq, end - len, w.tokens, b * steps, len);
                    w.lengths[b] = len;
                    targets[b] = seq[end];
                }
                net.encode(w, n, config, rng, 0);
                net.scores(w, n, scores, 0);
                double loss = Losses.softmaxCrossEntropy(scores, n, items, targets, scores, lse);
                losses.add(loss);
                net.backward(w, n, scores, 0);
                adam.step();
            }
            return Map.of();
        }, (weights, provenance) -> new NarmModel(config, data.train(), new NarmNetwork(weights, items, config), provenance),
                data, seed);
        return TrainingLoop.runOnSessions("train narm", config.epochs(), loop, data.sessions().validation(), options).model();
    }
}
