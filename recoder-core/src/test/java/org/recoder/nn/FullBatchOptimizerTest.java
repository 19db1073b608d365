package org.recoder.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class FullBatchOptimizerTest {

    /** f(x) = ½ Σ c_i (x_i − t_i)² with curvatures 1 … 1000 spread over two parameters (SciPy's L-BFGS-B with 5 pairs needs 281 iterations to 1e-15 here). */
    private static final class Quadratic implements DoubleSupplier {
        final Param a = new Param("a", 3, 4);
        final Param b = new Param("b", 1, 8);
        final float[] curvature = new float[20];
        final float[] target = new float[20];

        Quadratic() {
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < 20; i++) {
                curvature[i] = (float) Math.pow(1000, i / 19.0);
                target[i] = (float) (r.nextDouble() * 4 - 2);
            }
        }

        List<Param> params() {
            return List.of(a, b);
        }

        float x(int i) {
            return i < 12 ? a.value()[i] : b.value()[i - 12];
        }

        @Override
        public double getAsDouble() {
            double f = 0;
            for (int i = 0; i < 20; i++) {
                double d = x(i) - target[i];
                f += 0.5 * curvature[i] * d * d;
                float g = (float) (curvature[i] * d);
                if (i < 12) {
                    a.grad()[i] += g;
                } else {
                    b.grad()[i - 12] += g;
                }
            }
            return f;
        }
    }

    @Test
    void lbfgsSolvesAnIllConditionedQuadraticWithAMonotoneObjective() {
        Quadratic q = new Quadratic();
        Lbfgs opt = new Lbfgs(q.params(), 5, 0.01f);
        double previous = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 300; it++) {
            double f = opt.step(q);
            assertThat(f).isLessThanOrEqualTo(previous);
            previous = f;
        }
        for (int i = 0; i < 20; i++) {
            assertThat(q.x(i)).as("x" + i).isCloseTo(q.target[i], org.assertj.core.data.Offset.offset(1e-3f));
        }
        assertThat(previous).isLessThan(1e-6);
        assertThat(q.a.grad()).containsOnly(0f);
    }

    @Test
    void lbfgsFindsTheRosenbrockMinimum() {
        Param p = new Param("p", 1, 2, new float[] {-1.2f, 1f});
        DoubleSupplier rosenbrock = () -> {
            double x = p.value()[0];
            double y = p.value()[1];
            p.grad()[0] += (float) (-2 * (1 - x) - 400 * x * (y - x * x));
            p.grad()[1] += (float) (200 * (y - x * x));
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        };
        Lbfgs opt = new Lbfgs(List.of(p), 10, 0.01f);
        double f = Double.NaN;
        for (int it = 0; it < 300; it++) {
            f = opt.step(rosenbrock);
        }
        assertThat(f).isLessThan(1e-6);
        assertThat(p.value()[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(2e-3f));
        assertThat(p.value()[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(4e-3f));
        // The unit step is accepted most of the time: far fewer evaluations than 20 per iteration.
        assertThat(opt.evaluations()).isLessThan(900);
    }

    @Test
    void lbfgsTakesTheFirstStepAlongTheSteepestDescentAtTheGivenRmsLength() {
        // f = Σ x_i at slope 1 everywhere: the first trial moves each weight by −firstStep and is accepted.
        Param p = new Param("p", 1, 4);
        DoubleSupplier linear = () -> {
            double f = 0;
            for (int i = 0; i < 4; i++) {
                p.grad()[i] += 1f;
                f += p.value()[i];
            }
            return f;
        };
        new Lbfgs(List.of(p), 3, 0.25f).step(linear);
        assertThat(p.value()).containsExactly(-0.25f, -0.25f, -0.25f, -0.25f);
    }

    @Test
    void lbfgsStaysAtAStationaryPoint() {
        Param p = new Param("p", 1, 3, new float[] {1f, 2f, 3f});
        DoubleSupplier flat = () -> 5.0;
        assertThat(new Lbfgs(List.of(p), 3, 0.1f).step(flat)).isEqualTo(5.0);
        assertThat(p.value()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void lbfgsRejectsBadSettings() {
        Param p = new Param("p", 1, 1);
        assertThatThrownBy(() -> new Lbfgs(List.of(p), 0, 0.1f)).hasMessageContaining("memory must be ≥ 1");
        assertThatThrownBy(() -> new Lbfgs(List.of(p), 3, 0f)).hasMessageContaining("first step must be > 0");
    }

    @Test
    void rpropGrowsStepsWhileTheSignHoldsAndHalvesThemOnAFlip() {
        // f = (x − 1)², x from 0 with step 0.3: +0.3, then ×1.2 = 0.36 (x = 0.66), 0.432 (x = 1.092, past the
        // minimum), then the sign flips: the step halves to 0.216 and that update is skipped.
        Param p = new Param("p", 1, 1);
        Rprop opt = new Rprop(List.of(p), 0.3f);
        float[] expected = {0.3f, 0.66f, 1.092f, 1.092f};
        for (float e : expected) {
            p.grad()[0] = 2 * (p.value()[0] - 1);
            opt.step();
            assertThat(p.value()[0]).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(p.grad()[0]).isZero();
        }
        // After the skipped update the next step goes down by the halved step, 0.216.
        p.grad()[0] = 2 * (p.value()[0] - 1);
        opt.step();
        assertThat(p.value()[0]).isCloseTo(1.092f - 0.216f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void rpropSolvesTheQuadratic() {
        Quadratic q = new Quadratic();
        Rprop opt = new Rprop(q.params(), 0.01f);
        for (int it = 0; it < 300; it++) {
            q.getAsDouble();
            opt.step();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(q.x(i)).as("x" + i).isCloseTo(q.target[i], org.assertj.core.data.Offset.offset(1e-3f));
        }
    }
}
