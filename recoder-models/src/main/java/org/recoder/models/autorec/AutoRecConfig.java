package org.recoder.models.autorec;

import java.util.Arrays;
import org.recoder.api.Doc;
import org.recoder.linalg.RowOps.Activation;

/**
 * AutoRec's hyperparameters. The defaults are the paper's best single-layer network (k = 500 hidden units, sigmoid
 * encoder g, identity decoder f) trained full batch with RProp as the paper does, λ = 100 from the paper's grid
 * {0.001, 0.01, 0.1, 1, 100, 1000}. {@code optimizer=LBFGS} is the paper's other full-batch method (one L-BFGS
 * iteration an epoch, {@link org.recoder.nn.Lbfgs}). {@code optimizer=ADAM} trains as the popular port gtshs2/Autorec does (Adam
 * 1e-3, 100 samples a step, λ = 1; the port also clips gradients, which is not done here). Why RProp by default:
 * on ml-100k (`recoder split ratings --seed 1`, I-AutoRec, λ = 100, best epoch on the validation ratings) RProp gave
 * test RMSE 0.8879 against Adam's 0.8992 (and Adam with the port's λ = 1: 0.9093) and L-BFGS's 0.9000 (200 epochs,
 * best validation epoch 58 against RProp's 31, and 40.2 s against 29.1 s); see docs/results.md.
 *
 * @param hidden       hidden layer sizes, {@code -}-separated: {@code 500}, or {@code 500-250-500} for a deeper AutoRec
 * @param encoder      g, the activation of every hidden layer
 * @param decoder      f, the activation of the output
 * @param lambda       λ of λ/2·(‖W‖² + ‖V‖²) (every weight matrix, not the biases); a minibatch carries its share
 *                     (samples in it / all samples), so one epoch's objective is the paper's
 * @param optimizer    ADAM (minibatches), RPROP (full batch, iRprop−) or LBFGS (full batch)
 * @param learningRate Adam's step size, RProp's initial step, or the root-mean-square move per weight of L-BFGS's
 *                     first trial step (later ones try the quasi-Newton unit step)
 * @param batchSize    samples (items for I-AutoRec, users for U-AutoRec) per Adam step; RProp and L-BFGS step once
 *                     per epoch over all of them, in chunks of this size
 * @param epochs       passes over the samples (the best epoch on the validation ratings is kept)
 * @param unknown      the prediction for a user or item without training ratings
 * @param lbfgsMemory  L-BFGS's correction pairs; it holds 2·lbfgsMemory + 3 copies of the weights (only read with
 *                     {@code optimizer=LBFGS})
 */
public record AutoRecConfig(
        @Doc("hidden layer sizes, '-'-separated: 500, or 500-250-500 for a deeper AutoRec") String hidden,
        @Doc("g, activation of the hidden layers: IDENTITY, SIGMOID, RELU or TANH") Activation encoder,
        @Doc("f, activation of the output: IDENTITY, SIGMOID, RELU or TANH") Activation decoder,
        @Doc("L2 weight of lambda/2 times the squared weight norms") float lambda,
        @Doc("ADAM (minibatches), RPROP or LBFGS (full batch, as in the paper)") Optimizer optimizer,
        @Doc("Adam's step size, RProp's initial step, or L-BFGS's first step (RMS move per weight)") float learningRate,
        @Doc("samples per Adam step (items for iautorec, users for uautorec)") int batchSize,
        @Doc("epochs; the best on the validation ratings is kept") int epochs,
        @Doc("prediction without training ratings: THREE (the paper's 3) or GLOBAL_MEAN") Unknown unknown,
        @Doc("L-BFGS correction pairs (optimizer=LBFGS); memory: 2 x this + 3 copies of the weights") int lbfgsMemory) {

    /** How the weights are fitted. */
    public enum Optimizer { ADAM, RPROP, LBFGS }

    /** What a user or item without training ratings is predicted. */
    public enum Unknown { THREE, GLOBAL_MEAN }

    public AutoRecConfig {
        if (encoder == null || decoder == null || optimizer == null || unknown == null) {
            throw new IllegalArgumentException("encoder, decoder, optimizer and unknown must be set");
        }
        sizes(hidden);
        if (!(lambda >= 0) || Float.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be ≥ 0, got " + lambda);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (lbfgsMemory < 1) {
            throw new IllegalArgumentException("lbfgsMemory must be ≥ 1, got " + lbfgsMemory);
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batchSize and epochs must be ≥ 1, got " + batchSize + " and " + epochs);
        }
    }

    public static AutoRecConfig defaults() {
        return new AutoRecConfig("500", Activation.SIGMOID, Activation.IDENTITY, 100f, Optimizer.RPROP, 0.01f, 100, 200,
                Unknown.THREE, 10);
    }

    /** The hidden sizes as numbers. */
    public int[] hiddenSizes() {
        return sizes(hidden);
    }

    private static int[] sizes(String hidden) {
        if (hidden == null || hidden.isBlank()) {
            throw new IllegalArgumentException("hidden must list at least one layer size, e.g. 500 or 500-250-500");
        }
        try {
            int[] s = Arrays.stream(hidden.trim().split("-")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
            for (int v : s) {
                if (v < 1) {
                    throw new IllegalArgumentException("hidden sizes must be ≥ 1, got '" + hidden + "'");
                }
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hidden must be sizes separated by '-', e.g. 500 or 500-250-500, not '" + hidden + "'");
        }
    }
}
