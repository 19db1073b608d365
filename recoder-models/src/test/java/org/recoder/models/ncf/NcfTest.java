package org.recoder.models.ncf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.data.Interactions;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.models.Models;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.Embedding;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.protocol.LeaveOneOut;
import org.recoder.protocol.Split;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;

class NcfTest {
    @TempDir
    Path dir;

    private static final int USERS = 7;
    private static final int ITEMS = 9;
    private static final int[] PAIR_USERS = {0, 3, 3, 6, 1, 0};
    private static final int[] PAIR_ITEMS = {2, 8, 1, 5, 0, 7};
    private static final float[] LABELS = {1, 0, 1, 0, 0, 1};

    private static NcfNetwork network(NcfNetwork.Variant v, long seed) {
        NcfNetwork net = new NcfNetwork(v, 3, new int[] {6, 4, 3}, USERS, ITEMS, ParamSource.fresh());
        net.initialize(new SplittableRandom(seed));
        // Embeddings of N(0, 0.01²) would leave every ReLU near its kink and the gradients tiny: spread them.
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Param p : net.params()) {
            float[] w = p.value();
            for (int i = 0; i < w.length; i++) {
                w[i] += (float) (0.6 * (r.nextDouble() - 0.5));
            }
        }
        // Positive tower biases keep most ReLUs active on these few pairs, so that every layer's gradient is tested.
        for (org.recoder.nn.Dense d : net.tower) {
            float[] b = d.bias().value();
            for (int j = 0; j < b.length; j++) {
                b[j] += 0.4f;
            }
        }
        return net;
    }

    /** The smallest |ReLU input| over the tower's units and the fixed pairs (infinite without a tower). */
    private static double kinkDistance(NcfNetwork net) {
        int n = PAIR_USERS.length;
        NcfNetwork.Pass p = net.new Pass(n);
        net.forward(p, PAIR_USERS, PAIR_ITEMS, 0, n);
        double d = Double.POSITIVE_INFINITY;
        for (int l = 0; l < net.tower.length; l++) {
            float[] pre = new float[n * net.layers[l + 1]];
            net.tower[l].forward(p.x[l], n, pre, 1);
            for (float v : pre) {
                d = Math.min(d, Math.abs(v));
            }
        }
        return d;
    }

    /** Summed BCE of the fixed pairs, and (when {@code grads}) every parameter's gradient into its grad array. */
    private static double loss(NcfNetwork net, boolean grads) {
        NcfNetwork.Pass p = net.new Pass(PAIR_USERS.length);
        int n = PAIR_USERS.length;
        net.forward(p, PAIR_USERS, PAIR_ITEMS, 0, n);
        double l = net.backward(p, LABELS, 0, n, 1f);
        if (grads) {
            if (net.gmfUser != null) {
                net.gmfUser.backward(PAIR_USERS, 0, n, p.dgu);
                net.gmfItem.backward(PAIR_ITEMS, 0, n, p.dgi);
            }
            if (net.mlpUser != null) {
                net.mlpUser.backward(PAIR_USERS, 0, n, p.dmu);
                net.mlpItem.backward(PAIR_ITEMS, 0, n, p.dmi);
            }
        }
        return l;
    }

    /** Every parameter of GMF, MLP and NeuMF (embeddings, tower, output) against central differences of the BCE. */
    @ParameterizedTest
    @EnumSource(NcfNetwork.Variant.class)
    void gradientsMatchFiniteDifferences(NcfNetwork.Variant variant) {
        // Central differences straddling a ReLU kink are wrong by design: draw weights whose every ReLU input on
        // these pairs is at least 0.02 from zero (a step of 1e-3 moves none of them by more than ~0.005).
        long seed = 11;
        while (kinkDistance(network(variant, seed)) < 0.02) {
            seed++;
        }
        assertThat(seed).as("a draw with no ReLU input near its kink").isLessThan(200);
        NcfNetwork net = network(variant, seed);
        net.params().forEach(Param::zeroGrad);
        loss(net, true);
        List<float[]> analytic = new ArrayList<>();
        for (Param p : net.params()) {
            analytic.add(p.grad().clone());
        }
        double h = 1e-3;
        int checked = 0;
        int nonzero = 0;
        for (int k = 0; k < net.params().size(); k++) {
            Param p = net.params().get(k);
            float[] w = p.value();
            for (int i = 0; i < w.length; i++) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = loss(net, false);
                w[i] = (float) (keep - h);
                double down = loss(net, false);
                w[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic.get(k)[i]).as(variant + " " + p.name() + "[" + i + "]")
                        .isCloseTo(numeric, offset(2e-3 * Math.max(1, Math.abs(numeric))));
                checked++;
                if (Math.abs(numeric) > 1e-3) {
                    nonzero++;
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(nonzero).as("gradients that are not trivially zero").isGreaterThan(checked / 4);
    }

    /** The paper's pre-training: NeuMF's first logit is exactly α·GMF's + (1 − α)·MLP's. */
    @Test
    void neuMfFromPretrainedMixesTheTwoLogits() {
        NcfNetwork gmf = network(NcfNetwork.Variant.GMF, 1);
        NcfNetwork mlp = network(NcfNetwork.Variant.MLP, 2);
        NcfNetwork neumf = new NcfNetwork(NcfNetwork.Variant.NEUMF, 3, new int[] {6, 4, 3}, USERS, ITEMS, ParamSource.fresh());
        float alpha = 0.3f;
        neumf.initFromPretrained(gmf, mlp, alpha);
        int n = PAIR_USERS.length;
        float[][] logits = new float[3][];
        NcfNetwork[] nets = {gmf, mlp, neumf};
        for (int k = 0; k < 3; k++) {
            NcfNetwork.Pass p = nets[k].new Pass(n);
            nets[k].forward(p, PAIR_USERS, PAIR_ITEMS, 0, n);
            logits[k] = p.logits.clone();
        }
        for (int r = 0; r < n; r++) {
            assertThat(logits[2][r]).isCloseTo(alpha * logits[0][r] + (1 - alpha) * logits[1][r], offset(1e-5f));
        }
        assertThatThrownBy(() -> neumf.initFromPretrained(mlp, gmf, alpha)).isInstanceOf(IllegalArgumentException.class);
        NcfNetwork otherShape = new NcfNetwork(NcfNetwork.Variant.GMF, 4, new int[] {2}, USERS, ITEMS, ParamSource.fresh());
        assertThatThrownBy(() -> neumf.initFromPretrained(otherShape, mlp, alpha))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same data, factors and layers");
    }

    private static Split loo() {
        return new LeaveOneOut(false, true, 99, 5).split(TestData.small(42));
    }

    private static double hit10(org.recoder.api.Model m, Split s) {
        return new Evaluator(List.of(new MetricSpec("hit", 10)), 2).evaluate(m, s.test()).summaries().get("hit@10").mean();
    }

    @Test
    void gmfTrainsAbovePopularitySavesLoadsAndServesKnownUsersOnly() {
        Split s = loo();
        TrainingData td = s.trainingData(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN);
        // Leave-one-out's held-out users are the training users: nothing appended, no weak generalization.
        assertThat(td.train()).isSameAs(s.train());
        assertThat(td.foldInInTraining()).isFalse();
        NcfModel m = (NcfModel) NcfFamily.GMF.trainer(new GmfConfig(8, 4, 0.01f, 256, 8, 2), 3,
                TrainingOptions.defaults()).fit(td);
        double pop = hit10(new PopularityTrainer(new PopularityConfig()).fit(s.trainingData()), s);
        double gmf = hit10(m, s);
        assertThat(gmf).isGreaterThan(1.2 * pop);
        assertThat(m.provenance().validationMetrics()).containsKey("validation_ndcg@100");

        NcfModel back = (NcfModel) RoundTrip.assertIdentical(m, dir.resolve("gmf.recoder"), s.train());
        assertThat(hit10(back, s)).isEqualTo(gmf);
        String user = s.train().users().id(0);
        assertThat(Recommender.of(back).forUser(user, 5, List.of())).hasSize(5)
                .isEqualTo(Recommender.of(m).forUser(user, 5, List.of()));
        assertThat(back.canFoldIn()).isFalse();
        assertThatThrownBy(() -> Recommender.of(back).forHistory(List.of(m.items().id(0)), 5, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fold in")
                .hasMessageContaining("an embedding per training user");
        // scoreRows reuses one scratch pass across its rows: each row equals that user scored alone
        int n = m.items().size();
        float[][] rows = new float[3][n];
        back.scoreRows(s.train(), new int[] {2, 0, 1}, 0, 3, rows);
        for (int r = 0; r < 3; r++) {
            float[] alone = new float[n];
            back.scoreKnown(new int[] {2, 0, 1}[r], alone);
            assertThat(rows[r]).containsExactly(alone);
        }
        assertThatThrownBy(() -> Recommender.of(back).forUser("no-such-user", 5, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-user");
        Interactions stranger = new Interactions(org.recoder.data.IdIndex.of("stranger"), m.items(), new int[] {0, 1},
                new int[] {0}, new float[] {1f}, null);
        assertThatThrownBy(() -> back.scoreRows(stranger, new int[] {0}, 0, 1, new float[1][m.items().size()]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'stranger'")
                .hasMessageContaining("not a training user");
    }

    /**
     * A batch is cut into one slice per thread and the slices' gradients summed in a fixed order, so 1 and 2 threads
     * take the same step up to the float rounding of those sums. Checked on one step (one batch holding every pair):
     * with SGD the weights agree to 1e-6. Adam divides by the root of the squared-gradient average, so a gradient
     * that is zero up to rounding gets a full step (the learning rate) of either sign: there the check is that at most
     * one weight in a thousand differs by more than 1e-6 and none by more than twice the step. Over many steps the
     * rounding grows (SGD, 3 epochs of 256-pair batches on this data: 5e-5 at most, measured), which
     * {@link #threadCountKeepsTheModelOverEpochs} checks at the level of the model.
     */
    @ParameterizedTest
    @EnumSource(NeuMfConfig.Optimizer.class)
    void threadCountChangesOnlyRounding(NeuMfConfig.Optimizer optimizer) {
        Split s = loo();
        TrainingData td = s.trainingData().withoutValidation();
        float lr = 0.001f;
        Map<String, float[]> wa = null;
        Map<String, float[]> wb = null;
        for (int threads = 1; threads <= 2; threads++) {
            NeuMfConfig c = new NeuMfConfig(8, "16-8-4", 4, lr, 1 << 20, 1, threads, false, "", "", 0.5f, optimizer);
            Map<String, float[]> w = weights((NcfModel) NcfFamily.NEUMF.trainer(c, 9, TrainingOptions.defaults()).fit(td));
            if (threads == 1) {
                wa = w;
            } else {
                wb = w;
            }
        }
        assertThat(wb.keySet()).isEqualTo(wa.keySet());
        int differ = 0;
        int total = 0;
        double worst = 0;
        for (String name : wa.keySet()) {
            float[] x = wa.get(name);
            float[] y = wb.get(name);
            for (int k = 0; k < x.length; k++) {
                double d = Math.abs(x[k] - y[k]);
                total++;
                if (d > 1e-6) {
                    differ++;
                }
                worst = Math.max(worst, d);
            }
        }
        if (optimizer == NeuMfConfig.Optimizer.SGD) {
            assertThat(worst).as("largest weight difference, 1 vs 2 threads").isLessThan(1e-6);
        } else {
            assertThat(differ).as("weights off by more than 1e-6 of " + total).isLessThanOrEqualTo(total / 1000);
            assertThat(worst).as("largest weight difference after one Adam step of 0.001").isLessThanOrEqualTo(2.01e-3);
        }
    }

    /** 3 epochs of SGD on 1 and 2 threads: the same hit rate within 0.01, weights within 1e-4; the same thread count twice: bit for bit. */
    @Test
    void threadCountKeepsTheModelOverEpochs() {
        Split s = loo();
        TrainingData td = s.trainingData().withoutValidation();
        NcfModel[] m = new NcfModel[3];
        for (int k = 0; k < 3; k++) {
            NeuMfConfig c = new NeuMfConfig(8, "16-8-4", 4, 0.05f, 256, 3, k == 0 ? 1 : 2, false, "", "", 0.5f,
                    NeuMfConfig.Optimizer.SGD);
            m[k] = (NcfModel) NcfFamily.NEUMF.trainer(c, 9, TrainingOptions.defaults()).fit(td);
        }
        Map<String, float[]> one = weights(m[0]);
        Map<String, float[]> two = weights(m[1]);
        double worst = 0;
        for (String name : one.keySet()) {
            for (int k = 0; k < one.get(name).length; k++) {
                worst = Math.max(worst, Math.abs(one.get(name)[k] - two.get(name)[k]));
            }
        }
        assertThat(worst).isLessThan(1e-4);
        assertThat(hit10(m[1], s)).isCloseTo(hit10(m[0], s), offset(0.01));
        weights(m[2]).forEach((name, w) -> assertThat(w).as(name).containsExactly(two.get(name)));
    }

    private static Map<String, float[]> weights(NcfModel m) {
        Map<String, float[]> w = new java.util.TreeMap<>();
        for (Param p : m.network().params()) {
            w.put(p.name(), p.value());
        }
        return w;
    }

    /** Pre-training from saved GMF and MLP files is the one-command pipeline with the same seed, bit for bit. */
    @Test
    void neuMfFromSavedModelsEqualsThePipeline() {
        Split s = loo();
        TrainingData td = s.trainingData();
        long seed = 4;
        NcfModel gmf = (NcfModel) NcfFamily.GMF.trainer(new GmfConfig(8, 4, 0.001f, 256, 2, 1), seed,
                TrainingOptions.defaults()).fit(td);
        NcfModel mlp = (NcfModel) NcfFamily.MLP.trainer(new MlpConfig("16-8-4", 4, 0.001f, 256, 2, 1), seed,
                TrainingOptions.defaults()).fit(td);
        Path g = dir.resolve("gmf.recoder");
        Path p = dir.resolve("mlp.recoder");
        Models.save(gmf, g);
        Models.save(mlp, p);
        NeuMfConfig pipeline = new NeuMfConfig(8, "16-8-4", 4, 0.001f, 256, 2, 1, true, "", "", 0.5f, NeuMfConfig.Optimizer.SGD);
        NeuMfConfig fromFiles = new NeuMfConfig(8, "16-8-4", 4, 0.001f, 256, 2, 1, true, g.toString(), p.toString(), 0.5f,
                NeuMfConfig.Optimizer.SGD);
        NcfModel a = (NcfModel) NcfFamily.NEUMF.trainer(pipeline, seed, TrainingOptions.defaults()).fit(td);
        NcfModel b = (NcfModel) NcfFamily.NEUMF.trainer(fromFiles, seed, TrainingOptions.defaults()).fit(td);
        Map<String, float[]> wb = weights(b);
        weights(a).forEach((name, w) -> assertThat(wb.get(name)).as(name).containsExactly(w));
        // A pre-trained file of the wrong type is named in the error.
        NeuMfConfig swapped = new NeuMfConfig(8, "16-8-4", 4, 0.001f, 256, 2, 1, true, p.toString(), g.toString(), 0.5f,
                NeuMfConfig.Optimizer.SGD);
        assertThatThrownBy(() -> NcfFamily.NEUMF.trainer(swapped, seed, TrainingOptions.defaults()).fit(td))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(p.toString()).hasMessageContaining("not gmf");
    }

    @Test
    void configsRejectBadValues() {
        assertThatThrownBy(() -> new GmfConfig(0, 4, 0.001f, 256, 20, 0)).hasMessageContaining("factors");
        assertThatThrownBy(() -> new GmfConfig(8, 0, 0.001f, 256, 20, 0)).hasMessageContaining("negatives");
        assertThatThrownBy(() -> new GmfConfig(8, 4, 0f, 256, 20, 0)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new MlpConfig("63-32", 4, 0.001f, 256, 20, 0)).hasMessageContaining("first even");
        assertThatThrownBy(() -> new MlpConfig("64", 4, 0.001f, 256, 20, 0)).hasMessageContaining("at least two");
        assertThatThrownBy(() -> new MlpConfig("64-x", 4, 0.001f, 256, 20, 0)).hasMessageContaining("'64-x'");
        assertThatThrownBy(() -> new NeuMfConfig(8, "64-32-16-8", 4, 0.001f, 256, 20, 0, false, "g.recoder", "", 0.5f,
                NeuMfConfig.Optimizer.SGD)).hasMessageContaining("pretrain=true");
        assertThatThrownBy(() -> new NeuMfConfig(8, "64-32-16-8", 4, 0.001f, 256, 20, 0, true, "", "", 1.5f,
                NeuMfConfig.Optimizer.SGD)).hasMessageContaining("alpha");
    }
}
