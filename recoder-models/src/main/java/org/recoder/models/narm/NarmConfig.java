package org.recoder.models.narm;

import static org.recoder.util.Require.atLeast;

import org.recoder.api.Doc;
import org.recoder.nn.AdditiveAttention;

/**
 * NARM's hyperparameters; the defaults are the paper's and its reference code's ({@code lijingsdu/sessionRec_NARM},
 * {@code NARM.py}: embedding 50, GRU 100, dropout 0.25 on the embedded items and 0.5 on the context, Adam 1e-3,
 * batch 512, at most 30 epochs, the best epoch by validation Recall@20, prefixes cut to 19 items).
 *
 * @param embedding      item embedding size E (input, and the decoder's side of the bilinear map)
 * @param hidden         GRU size H
 * @param dropoutEmbed   dropout on the embedded items
 * @param dropoutContext dropout on the context [c_local; c_global] before the decoder
 * @param attention      SOFTMAX (the reference code: α normalised over the session) or SIGMOID (the paper's
 *                       equations as printed: α_j = vᵀσ(…) unnormalised)
 * @param learningRate   Adam's step
 * @param batchSize      prefixes per mini-batch
 * @param epochs         at most this many passes over the training prefixes
 * @param maxLength      a prefix longer than this keeps its last {@code maxLength} items, in training and scoring
 *                       (the reference keeps the first 19 of a longer prefix, which drops the items nearest the
 *                       target; the most recent are kept here)
 */
public record NarmConfig(
        @Doc("item embedding size") int embedding,
        @Doc("GRU hidden size") int hidden,
        @Doc("dropout on the embedded items") double dropoutEmbed,
        @Doc("dropout on the context before the decoder") double dropoutContext,
        @Doc("SOFTMAX (reference code) or SIGMOID (paper as printed) attention weights") AdditiveAttention.Weighting attention,
        @Doc("Adam step") double learningRate,
        @Doc("prefixes per mini-batch") int batchSize,
        @Doc("at most this many epochs; the best by validation is kept") int epochs,
        @Doc("prefixes keep their last maxLength items") int maxLength) {
    public NarmConfig {
        atLeast("embedding", embedding, 1);
        atLeast("hidden", hidden, 1);
        for (double p : new double[] {dropoutEmbed, dropoutContext}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropoutEmbed and dropoutContext must be in [0, 1), got " + p);
            }
        }
        if (attention == null) {
            throw new IllegalArgumentException("attention must be SOFTMAX or SIGMOID");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
        atLeast("maxLength", maxLength, 1);
    }

    /** The paper's and the reference code's settings. */
    public static NarmConfig defaults() {
        return new NarmConfig(50, 100, 0.25, 0.5, AdditiveAttention.Weighting.SOFTMAX, 1e-3, 512, 30, 19);
    }
}
