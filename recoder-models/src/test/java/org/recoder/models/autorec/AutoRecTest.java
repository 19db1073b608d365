package org.recoder.models.autorec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoder.data.Interactions;
import org.recoder.eval.RatingEvaluation;
import org.recoder.linalg.RowOps.Activation;
import org.recoder.models.ExplicitRatings;
import org.recoder.models.Models;
import org.recoder.nn.Param;
import org.recoder.nn.SparseBatch;
import org.recoder.protocol.RatingSplit;
import org.recoder.protocol.Split;
import org.recoder.train.TrainingOptions;

class AutoRecTest {
    @ParameterizedTest(name = "hidden {0}, g {1}, f {2}")
    @CsvSource({"5, SIGMOID, IDENTITY", "5, IDENTITY, IDENTITY", "5, SIGMOID, SIGMOID", "5, IDENTITY, SIGMOID",
            "4-3-4, SIGMOID, IDENTITY", "4-3, TANH, IDENTITY"})
    void maskedLossGradientMatchesFiniteDifferences(String hidden, Activation g, Activation f) {
        Interactions x = ExplicitRatings.ratings(12, 9, 5);
        AutoRecConfig c = new AutoRecConfig(hidden, g, f, 0.3f, AutoRecConfig.Optimizer.ADAM, 1e-3f, 4, 1,
                AutoRecConfig.Unknown.THREE, 10);
        AutoRecNetwork net = new AutoRecNetwork(c, x.numItems(), 1f, 5f, new SplittableRandom(3));
        for (Param p : net.params()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.1f * (float) Math.sin(3 * i + 1);
            }
        }
        int[] rows = {0, 3, 7, 11};
        SparseBatch b = new SparseBatch();
        b.load(x, rows, 0, rows.length, false, 0f, null);
        double share = 0.4;
        net.trainStep(b, share);
        List<float[]> analytic = new ArrayList<>();
        for (Param p : net.params()) {
            analytic.add(p.grad().clone());
            p.zeroGrad();
        }
        double h = 1e-2;
        int checked = 0;
        for (int k = 0; k < net.params().size(); k++) {
            Param p = net.params().get(k);
            float[] w = p.value();
            for (int i = 0; i < w.length; i += Math.max(1, w.length / 11)) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = net.trainStep(b, share);
                w[i] = (float) (keep - h);
                double down = net.trainStep(b, share);
                w[i] = keep;
                net.params().forEach(Param::zeroGrad);
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic.get(k)[i]).as(p.name() + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(5e-3 * Math.max(1, Math.abs(numeric))));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @ParameterizedTest(name = "{0}, {1}, f {2}")
    @CsvSource({"true, RPROP, IDENTITY", "false, RPROP, IDENTITY", "true, ADAM, IDENTITY", "false, ADAM, IDENTITY",
            "true, RPROP, SIGMOID", "false, RPROP, TANH", "true, LBFGS, IDENTITY", "false, LBFGS, IDENTITY"})
    void beatsTheItemMeanOnHeldOutRatingsAndValidatesByRmse(boolean itemBased, AutoRecConfig.Optimizer optimizer,
                                                            Activation decoder) {
        // A bounded decoder (sigmoid, tanh) learns the ratings mapped onto its range and predicts them mapped back; its
        // loss is in those units (1/16 of the squared rating error for 1–5 onto 0–1), hence the smaller lambda.
        Split s = new RatingSplit(0.1, 0.1, 0, 7).split(ExplicitRatings.ratings(150, 60, 11));
        AutoRecConfig c = new AutoRecConfig("20", Activation.SIGMOID, decoder, decoder == Activation.IDENTITY ? 5f : 0.05f, optimizer,
                0.01f, 16, 60, AutoRecConfig.Unknown.THREE, 10);
        AutoRecModel m = new AutoRecTrainer(itemBased, c, 1, TrainingOptions.defaults().withListeners(List.of()))
                .fit(s.trainingData());
        double rmse = RatingEvaluation.of(m, s.test()).rmse();
        double baseline = ExplicitRatings.itemMeanRmse(s);
        assertThat(rmse).as("test RMSE against the item means' %.4f", baseline).isLessThan(baseline - 0.05);
        assertThat(m.provenance().validationMetrics()).containsKey("validation_rmse");
        assertThat(m.type()).isEqualTo(itemBased ? "iautorec" : "uautorec");
    }

    @Test
    void savesAndLoadsTheSamePredictionsAndFoldsInOnlyUserBased(@TempDir Path dir) {
        Split s = new RatingSplit(0.1, 0.1, 0, 7).split(ExplicitRatings.ratings(60, 30, 13));
        AutoRecConfig c = new AutoRecConfig("6-4-6", Activation.SIGMOID, Activation.IDENTITY, 1f,
                AutoRecConfig.Optimizer.RPROP, 0.01f, 100, 5, AutoRecConfig.Unknown.GLOBAL_MEAN, 10);
        int[] items = {0, 3, 9, 29};
        for (boolean itemBased : new boolean[] {true, false}) {
            AutoRecModel m = new AutoRecTrainer(itemBased, c, 2, TrainingOptions.defaults().withListeners(List.of()))
                    .fit(s.trainingData());
            Path file = dir.resolve(m.type() + ".recoder");
            Models.save(m, file);
            AutoRecModel loaded = (AutoRecModel) Models.load(file);
            for (int u = 0; u < 60; u += 7) {
                float[] a = new float[items.length];
                float[] b = new float[items.length];
                m.predictKnown(u, items, a);
                loaded.predictKnown(u, items, b);
                assertThat(b).isEqualTo(a);
                for (float r : a) {
                    assertThat(r).isBetween(1f, 5f);
                }
            }
            Interactions train = s.train();
            float[] known = new float[items.length];
            m.predictKnown(5, items, known);
            if (itemBased) {
                assertThat(m.canFoldIn()).isFalse();
                assertThatThrownBy(() -> m.predict(train.rowItems(5), train.rowValues(5), items, new float[items.length]))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("users seen in training only");
            } else {
                float[] folded = new float[items.length];
                m.predict(train.rowItems(5), train.rowValues(5), items, folded);
                assertThat(folded).isEqualTo(known);
            }
        }
    }

    @Test
    void rejectsBadHiddenSizes() {
        assertThatThrownBy(() -> new AutoRecConfig("500-x", Activation.SIGMOID, Activation.IDENTITY, 1f,
                AutoRecConfig.Optimizer.ADAM, 1e-3f, 100, 1, AutoRecConfig.Unknown.THREE, 10))
                .hasMessageContaining("hidden must be sizes separated by '-'");
        assertThatThrownBy(() -> new AutoRecConfig("0", Activation.SIGMOID, Activation.IDENTITY, 1f,
                AutoRecConfig.Optimizer.ADAM, 1e-3f, 100, 1, AutoRecConfig.Unknown.THREE, 10))
                .hasMessageContaining("≥ 1");
    }
}
