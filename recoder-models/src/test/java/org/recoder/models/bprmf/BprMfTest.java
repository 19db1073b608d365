package org.recoder.models.bprmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.Recommender;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.protocol.LeaveOneOut;
import org.recoder.protocol.Split;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;

class BprMfTest {
    @TempDir
    Path dir;

    /**
     * The regularized BPR loss of one triple, L = −ln σ(x̂_ui − x̂_uj) + λ/2·(‖p_u‖² + ‖q_i‖² + ‖q_j‖² + b_i² + b_j²),
     * in double precision from the current parameters.
     */
    private static double loss(BprMfParams p, int u, int i, int j, double reg) {
        double x = p.itemBias.value()[i] - p.itemBias.value()[j];
        double norms = sq(p.itemBias.value()[i]) + sq(p.itemBias.value()[j]);
        for (int k = 0; k < p.factors; k++) {
            double pu = p.users.value()[u * p.factors + k];
            double qi = p.items.value()[i * p.factors + k];
            double qj = p.items.value()[j * p.factors + k];
            x += pu * (qi - qj);
            norms += pu * pu + qi * qi + qj * qj;
        }
        return Math.log1p(Math.exp(-x)) + reg / 2 * norms;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** One LearnBPR step moves every parameter by −lr times the finite-difference gradient of the regularized loss. */
    @Test
    void stepIsGradientDescentOnTheRegularizedLoss() {
        int users = 4;
        int items = 6;
        int f = 5;
        BprMfParams p = new BprMfParams(ParamSource.fresh(), users, items, f);
        SplittableRandom r = new SplittableRandom(3);
        for (Param q : p.all()) {
            float[] w = q.value();
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) (r.nextDouble() - 0.5);
            }
        }
        int u = 2;
        int i = 1;
        int j = 4;
        float reg = 0.1f;
        float lr = 1e-3f;
        List<float[]> before = p.all().stream().map(q -> q.value().clone()).toList();
        double l0 = loss(p, u, i, j, reg);
        double reported = BprMfTrainer.step(p, u, i, j, lr, reg);
        assertThat(reported).as("the reported loss is −ln σ(x) before the step, without the penalty")
                .isCloseTo(l0 - reg / 2 * penalty(before, u, i, j, f), offset(1e-5));
        List<float[]> after = p.all().stream().map(q -> q.value().clone()).toList();
        // Back to the values before the step, for the finite differences.
        for (int k = 0; k < 3; k++) {
            System.arraycopy(before.get(k), 0, p.all().get(k).value(), 0, before.get(k).length);
        }
        double h = 1e-3;
        int moved = 0;
        for (int k = 0; k < 3; k++) {
            float[] w = p.all().get(k).value();
            for (int e = 0; e < w.length; e++) {
                float keep = w[e];
                w[e] = (float) (keep + h);
                double up = loss(p, u, i, j, reg);
                w[e] = (float) (keep - h);
                double down = loss(p, u, i, j, reg);
                w[e] = keep;
                double grad = (up - down) / (2 * h);
                double step = (after.get(k)[e] - before.get(k)[e]) / -lr;
                assertThat(step).as(p.all().get(k).name() + "[" + e + "]").isCloseTo(grad, offset(2e-3 * Math.max(1, Math.abs(grad))));
                if (grad != 0) {
                    moved++;
                }
            }
        }
        // b_i, b_j and the rows p_u, q_i, q_j: the only parameters the triple touches.
        assertThat(moved).isEqualTo(2 + 3 * f);
    }

    private static double penalty(List<float[]> w, int u, int i, int j, int f) {
        double s = sq(w.get(0)[i]) + sq(w.get(0)[j]);
        for (int k = 0; k < f; k++) {
            s += sq(w.get(1)[u * f + k]) + sq(w.get(2)[i * f + k]) + sq(w.get(2)[j * f + k]);
        }
        return s;
    }

    @Test
    void trainsAbovePopularityDeterministicallySavesLoadsAndServesKnownUsersOnly() {
        Split s = new LeaveOneOut(false, true, 99, 5).split(TestData.small(42));
        BprMfConfig c = new BprMfConfig(32, 0.05f, 0.01f, 20);
        BprMfModel m = new BprMfTrainer(c, 7, TrainingOptions.defaults()).fit(s.trainingData());
        Evaluator ev = new Evaluator(List.of(new MetricSpec("hit", 10)), 2);
        double bpr = ev.evaluate(m, s.test()).summaries().get("hit@10").mean();
        Model pop = new PopularityTrainer(new PopularityConfig()).fit(s.trainingData());
        assertThat(bpr).isGreaterThan(1.2 * ev.evaluate(pop, s.test()).summaries().get("hit@10").mean());
        assertThat(m.provenance().validationMetrics()).containsKey("validation_ndcg@100");

        BprMfModel back = (BprMfModel) RoundTrip.assertIdentical(m, dir.resolve("bpr.recoder"), s.train());
        assertThat(ev.evaluate(back, s.test()).summaries().get("hit@10").mean()).isEqualTo(bpr);
        assertThat(back.canFoldIn()).isFalse();
        assertThatThrownBy(() -> Recommender.of(back).forHistory(List.of(m.items().id(0)), 5, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fold in")
                .hasMessageContaining("factors per training user");
        assertThatThrownBy(() -> back.score(new int[] {0}, new float[] {1f}, new float[m.items().size()]))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("bprmf cannot fold in");
        BprMfModel again = new BprMfTrainer(c, 7, TrainingOptions.defaults()).fit(s.trainingData());
        assertThat(again.tensors().keySet()).isEqualTo(m.tensors().keySet());
        m.tensors().forEach((name, t) -> assertThat((float[]) again.tensors().get(name).data()).as(name)
                .containsExactly((float[]) t.data()));
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> new BprMfConfig(0, 0.01f, 0.01f, 10)).hasMessageContaining("factors");
        assertThatThrownBy(() -> new BprMfConfig(8, 0f, 0.01f, 10)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new BprMfConfig(8, 0.01f, -1f, 10)).hasMessageContaining("regularization");
        assertThatThrownBy(() -> new BprMfConfig(8, 0.01f, 0.01f, 0)).hasMessageContaining("epochs");
    }
}
