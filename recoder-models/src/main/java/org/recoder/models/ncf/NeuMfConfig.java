package org.recoder.models.ncf;

import org.recoder.api.Doc;

/**
 * NeuMF's hyperparameters. With {@code pretrain} (the default, the paper's best), a GMF and an MLP are trained first
 * with the same factors, layers, negatives, step size, batch and epochs ({@code gmfModel} and {@code mlpModel} name
 * saved ones to use instead), NeuMF starts from their weights with the output layer mixed by α, and is fine-tuned with
 * {@code optimizer}: SGD as the paper says (Adam needs momentum that the pre-trained weights do not have), or Adam
 * as the reference code's README runs it. Without pre-training the paper trains NeuMF with Adam: set
 * {@code pretrain=false optimizer=ADAM}.
 *
 * @param factors      GMF's vector length
 * @param layers       the MLP tower (see {@link MlpConfig#layers})
 * @param negatives    negatives per positive, resampled every epoch
 * @param learningRate step size of the optimizer (and of the pre-training runs, which use Adam)
 * @param batchSize    (user, item) pairs per step
 * @param epochs       passes for NeuMF, and for each pre-training run
 * @param threads      worker threads (0 = all cores)
 * @param pretrain     start from a trained GMF and MLP
 * @param gmfModel     a saved {@code gmf} model file to start from, or empty to train one (pretrain only)
 * @param mlpModel     a saved {@code mlp} model file to start from, or empty to train one (pretrain only)
 * @param alpha        weight of GMF's output layer in NeuMF's, 1 − α for MLP's (pretrain only)
 * @param optimizer    SGD (the paper, with pre-training) or ADAM (the reference code)
 */
public record NeuMfConfig(
        @Doc("GMF's vector length") int factors,
        @Doc("MLP tower widths, e.g. 64-32-16-8") String layers,
        @Doc("negatives per positive, resampled every epoch") int negatives,
        @Doc("step size of the optimizer (and of the pre-training runs, Adam)") float learningRate,
        @Doc("(user, item) pairs per step") int batchSize,
        @Doc("passes for NeuMF and for each pre-training run") int epochs,
        @Doc("worker threads, 0 = all cores") int threads,
        @Doc("start from a trained GMF and MLP (the paper's best)") boolean pretrain,
        @Doc("saved gmf model to start from; empty: train one (pretrain only)") String gmfModel,
        @Doc("saved mlp model to start from; empty: train one (pretrain only)") String mlpModel,
        @Doc("weight of GMF's output layer, 1 - alpha for MLP's (pretrain only)") float alpha,
        @Doc("SGD (the paper, with pre-training) or ADAM (the reference code)") Optimizer optimizer) {
    public enum Optimizer { SGD, ADAM }

    public NeuMfConfig {
        NcfSettings.check(factors, layers, negatives, learningRate, batchSize, epochs, threads);
        gmfModel = gmfModel == null ? "" : gmfModel;
        mlpModel = mlpModel == null ? "" : mlpModel;
        if (!pretrain && (!gmfModel.isEmpty() || !mlpModel.isEmpty())) {
            throw new IllegalArgumentException("gmfModel and mlpModel are pre-trained models: they need pretrain=true");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be SGD or ADAM");
        }
    }

    public static NeuMfConfig defaults() {
        return new NeuMfConfig(8, "64-32-16-8", 4, 0.001f, 256, 20, 0, true, "", "", 0.5f, Optimizer.SGD);
    }
}
