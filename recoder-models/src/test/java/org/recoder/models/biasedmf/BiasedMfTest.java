package org.recoder.models.biasedmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.data.Interactions;
import org.recoder.eval.RatingEvaluation;
import org.recoder.models.ExplicitRatings;
import org.recoder.models.Models;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.protocol.RatingSplit;
import org.recoder.protocol.Split;
import org.recoder.train.TrainingOptions;

class BiasedMfTest {
    private static final TrainingOptions QUIET = TrainingOptions.defaults().withListeners(List.of());

    /** ½(r − r̂)² + ½λ(b_u² + b_i² + ‖p_u‖² + ‖q_i‖²) for one rating. */
    private static double objective(BiasedMfParams p, int u, int i, float r, float reg) {
        double e = r - p.predict(u, i);
        double ss = Math.pow(p.userBias.value()[u], 2) + Math.pow(p.itemBias.value()[i], 2);
        for (int j = 0; j < p.factors; j++) {
            ss += Math.pow(p.users.value()[u * p.factors + j], 2) + Math.pow(p.items.value()[i * p.factors + j], 2);
        }
        return 0.5 * e * e + 0.5 * reg * ss;
    }

    @Test
    void sgdStepMovesAgainstTheFiniteDifferenceGradient() {
        BiasedMfParams p = new BiasedMfParams(ParamSource.fresh(), 3, 4, 5);
        SplittableRandom rng = new SplittableRandom(4);
        for (Param q : p.all()) {
            for (int k = 0; k < q.value().length; k++) {
                q.value()[k] = (float) rng.nextDouble(-0.5, 0.5);
            }
        }
        p.mean.value()[0] = 3.2f;
        int u = 1;
        int i = 2;
        float r = 4.5f;
        float reg = 0.1f;
        float lr = 1e-3f;
        int checked = 0;
        for (Param q : p.all()) {
            if (q == p.mean) {
                continue;
            }
            for (int k = 0; k < q.value().length; k++) {
                float keep = q.value()[k];
                double h = 1e-2;
                q.value()[k] = (float) (keep + h);
                double up = objective(p, u, i, r, reg);
                q.value()[k] = (float) (keep - h);
                double down = objective(p, u, i, r, reg);
                q.value()[k] = keep;
                double gradient = (up - down) / (2 * h);
                float[] before = q.value().clone();
                float[][] all = p.all().stream().map(x -> x.value().clone()).toArray(float[][]::new);
                BiasedMfTrainer.step(p, u, i, r, lr, reg);
                double moved = q.value()[k] - before[k];
                assertThat(moved).as(q.name() + "[" + k + "]").isCloseTo(-lr * gradient, org.assertj.core.data.Offset.offset(2e-6));
                for (int n = 0; n < all.length; n++) {
                    System.arraycopy(all[n], 0, p.all().get(n).value(), 0, all[n].length);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3 + 4 + 15 + 20);
    }

    @Test
    void beatsTheItemMeanSavesLoadsAndFoldsInAtTheRidgeOptimum(@TempDir Path dir) {
        Split s = new RatingSplit(0.1, 0.1, 0, 7).split(ExplicitRatings.ratings(150, 60, 11));
        BiasedMfConfig c = new BiasedMfConfig(8, 0.01f, 0.05f, 0.1f, 40);
        BiasedMfModel m = new BiasedMfTrainer(c, 3, QUIET).fit(s.trainingData());
        double rmse = RatingEvaluation.of(m, s.test()).rmse();
        assertThat(rmse).isLessThan(ExplicitRatings.itemMeanRmse(s) - 0.05);
        assertThat(m.provenance().validationMetrics()).containsKey("validation_rmse");

        Path file = dir.resolve("mf.recoder");
        Models.save(m, file);
        BiasedMfModel loaded = (BiasedMfModel) Models.load(file);
        int[] items = {0, 5, 17, 59};
        float[] a = new float[4];
        float[] b = new float[4];
        m.predictKnown(12, items, a);
        loaded.predictKnown(12, items, b);
        assertThat(b).isEqualTo(a);

        // Fold-in: the (b_u, p_u) it finds minimizes the ridge objective, so no small move lowers it.
        Interactions train = s.train();
        int[] hist = train.rowItems(12);
        float[] ratings = train.rowValues(12);
        double[] x = m.foldIn(hist, ratings);
        double best = ridge(m, hist, ratings, x, c.regularization());
        SplittableRandom rng = new SplittableRandom(9);
        for (int t = 0; t < 20; t++) {
            double[] y = x.clone();
            y[rng.nextInt(y.length)] += rng.nextBoolean() ? 1e-2 : -1e-2;
            assertThat(ridge(m, hist, ratings, y, c.regularization())).isGreaterThan(best);
        }
        float[] folded = new float[4];
        m.predict(hist, ratings, items, folded);
        for (float r : folded) {
            assertThat(r).isBetween(1f, 5f);
        }
        assertThat(m.canFoldIn()).isTrue();
    }

    private static double ridge(BiasedMfModel m, int[] hist, float[] ratings, double[] x, float reg) {
        var p = m.tensors();
        float mu = p.get("global.mean").floats()[0];
        float[] bi = p.get("item.bias").floats();
        float[] q = p.get("item.factors").floats();
        int f = x.length - 1;
        double sum = 0;
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        for (int h = 0; h < hist.length; h++) {
            double r = mu + bi[hist[h]] + x[0];
            for (int j = 0; j < f; j++) {
                r += x[1 + j] * q[hist[h] * f + j];
            }
            sum += Math.pow(ratings[h] - r, 2);
        }
        return sum + reg * hist.length * ss;
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new BiasedMfConfig(0, 0.01f, 0.02f, 0.1f, 10)).hasMessageContaining("factors must be ≥ 1");
        assertThatThrownBy(() -> new BiasedMfConfig(5, 0f, 0.02f, 0.1f, 10)).hasMessageContaining("learningRate");
    }
}
