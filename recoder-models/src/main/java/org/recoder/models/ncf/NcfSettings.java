package org.recoder.models.ncf;

import java.util.Arrays;
import org.recoder.nn.RowSparseOptimizer;

/**
 * What {@link NcfTrainer} needs of any of the three configurations, and their shared checks.
 *
 * @param variant GMF, MLP or NeuMF
 * @param rule    Adam or SGD
 */
record NcfSettings(NcfNetwork.Variant variant, int factors, int[] layers, int negatives, float learningRate,
                   int batchSize, int epochs, int threads, RowSparseOptimizer.Rule rule) {

    static NcfSettings of(GmfConfig c) {
        return new NcfSettings(NcfNetwork.Variant.GMF, c.factors(), new int[] {2}, c.negatives(), c.learningRate(),
                c.batchSize(), c.epochs(), c.threads(), RowSparseOptimizer.Rule.ADAM);
    }

    static NcfSettings of(MlpConfig c) {
        return new NcfSettings(NcfNetwork.Variant.MLP, 1, layers(c.layers()), c.negatives(), c.learningRate(),
                c.batchSize(), c.epochs(), c.threads(), RowSparseOptimizer.Rule.ADAM);
    }

    static NcfSettings of(NeuMfConfig c) {
        return new NcfSettings(NcfNetwork.Variant.NEUMF, c.factors(), layers(c.layers()), c.negatives(),
                c.learningRate(), c.batchSize(), c.epochs(), c.threads(),
                c.optimizer() == NeuMfConfig.Optimizer.SGD ? RowSparseOptimizer.Rule.SGD : RowSparseOptimizer.Rule.ADAM);
    }

    /** The tower widths of {@code 64-32-16-8}: at least two, all ≥ 1, the first even (two equal embeddings). */
    static int[] layers(String spec) {
        int[] l;
        try {
            l = Arrays.stream(spec.split("-")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layers must be widths separated by '-', e.g. 64-32-16-8, not '" + spec + "'");
        }
        if (l.length < 2 || Arrays.stream(l).anyMatch(w -> w < 1) || l[0] % 2 != 0) {
            throw new IllegalArgumentException("layers needs at least two widths ≥ 1, the first even (user and item "
                    + "embeddings of half of it each), e.g. 64-32-16-8; got '" + spec + "'");
        }
        return l;
    }

    static void check(int factors, String layers, int negatives, float learningRate, int batchSize, int epochs,
                      int threads) {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be ≥ 1, got " + factors);
        }
        layers(layers);
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be ≥ 1, got " + negatives);
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (batchSize < 1 || epochs < 1 || threads < 0) {
            throw new IllegalArgumentException("batchSize and epochs must be ≥ 1 and threads ≥ 0; got " + batchSize
                    + ", " + epochs + ", " + threads);
        }
    }
}
