package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.recoder.nn.Param;

/** A training step's accumulated gradients against central differences of its loss, for the networks' tests. */
public final class StepGradients {
    private StepGradients() {
    }

    /**
     * Runs {@code step} once for the analytic gradients of {@code params}, then checks about {@code perParam}
     * entries of each against (loss(w + h) − loss(w − h)) / 2h with h = 2e-3 (gradients here reach ~40, and at
     * h = 1e-2 the curvature alone shifts them by ~0.7%), within 5e-3 relative. {@code step} must draw its random
     * numbers from a fresh generator with a fixed seed, so that every call computes the same function.
     */
    public static void assertMatchFiniteDifferences(List<Param> params, DoubleSupplier step, int perParam) {
        step.getAsDouble();
        List<float[]> analytic = new ArrayList<>();
        for (Param p : params) {
            analytic.add(p.grad().clone());
            p.zeroGrad();
        }
        double h = 2e-3;
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] w = p.value();
            for (int i = 0; i < w.length; i += Math.max(1, w.length / perParam)) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                double up = step.getAsDouble();
                w[i] = (float) (keep - h);
                double down = step.getAsDouble();
                w[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat((double) analytic.get(k)[i]).as(p.name() + "[" + i + "]")
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(5e-3 * Math.max(1, Math.abs(numeric))));
            }
        }
    }
}
