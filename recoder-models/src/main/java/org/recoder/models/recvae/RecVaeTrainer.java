package org.recoder.models.recvae;

import java.util.Map;
import java.util.SplittableRandom;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.models.neural.NeuralLoop;
import org.recoder.nn.Adam;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.train.TrainingLoop;
import org.recoder.train.TrainingOptions;

/**
 * Trains RecVAE as the reference run.py: per epoch, {@code encoderPasses} passes over the shuffled users updating
 * only the encoder (input dropout 0.5), then the prior's encoder copy is refreshed, then {@code decoderPasses}
 * passes updating only the decoder (no dropout); two Adam optimizers (lr 5e-4). The {@link TrainingLoop}
 * validates after every epoch (NDCG@100 by default), keeps the best epoch and calls the listeners.
 */
public final class RecVaeTrainer implements Trainer<RecVaeModel> {
    private final RecVaeConfig config;
    private final long seed;
    private final TrainingOptions options;

    public RecVaeTrainer(RecVaeConfig config, long seed, TrainingOptions options) {
        this.config = config;
        this.seed = seed;
        this.options = options;
    }

    public RecVaeTrainer(RecVaeConfig config, long seed) {
        this(config, seed, TrainingOptions.defaults());
    }

    @Override
    public RecVaeModel fit(TrainingData data) {
        Interactions x = data.train();
        SplittableRandom rng = new SplittableRandom(seed);
        RecVaeNetwork net = new RecVaeNetwork(config, x.numItems(), rng.split());
        Adam encoderOpt = new Adam(net.encoder.params(), config.learningRate(), 0f);
        Adam decoderOpt = new Adam(net.decoderParams(), config.learningRate(), 0f);
        int[] users = x.nonEmptyUsers();
        SparseBatch input = new SparseBatch();
        SparseBatch clean = new SparseBatch();
        NeuralLoop<RecVaeModel> loop = new NeuralLoop<>(net.params(), (epoch, losses) -> {
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
                    losses.add(net.step(in, clean, encoderPhase, rng));
                    if (encoderPhase) {
                        encoderOpt.step();
                        for (Param p : net.decoderParams()) {
                            p.zeroGrad();
                        }
                    } else {
                        decoderOpt.step();
                    }
                }
            }
            return Map.of();
        }, (weights, provenance) -> new RecVaeModel(config, x, new RecVaeNetwork(config, x.numItems(), weights), provenance),
                data, seed);
        return TrainingLoop.run("train recvae", config.epochs(), loop, data.validation(), options).model();
    }
}
