package org.recoder.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Resilient propagation, iRprop− (Igel & Hüsken, 2000; Riedmiller & Braun, 1993): a full-batch method that moves
 * each weight by its own step against the sign of its gradient, growing the step by 1.2 while the sign holds and
 * halving it (and skipping that update) when the sign flips. AutoRec's paper trains with RProp. Steps start at
 * {@code initialStep} and stay within [1e-6, 50].
 */
public final class Rprop implements Optimizer {
    private static final float GROW = 1.2f;
    private static final float SHRINK = 0.5f;
    private static final float MAX_STEP = 50f;
    private static final float MIN_STEP = 1e-6f;
    private final List<Param> params;
    private final float[][] steps;
    private final float[][] previous;

    public Rprop(List<Param> params, float initialStep) {
        if (!(initialStep > 0)) {
            throw new IllegalArgumentException("RProp's initial step must be > 0, got " + initialStep);
        }
        this.params = List.copyOf(params);
        steps = new float[params.size()][];
        previous = new float[params.size()][];
        for (int k = 0; k < params.size(); k++) {
            steps[k] = new float[params.get(k).value().length];
            Arrays.fill(steps[k], initialStep);
            previous[k] = new float[steps[k].length];
        }
    }

    /** One update from the accumulated (full-batch) gradients, which are then cleared. */
    @Override
    public void step() {
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] w = p.value();
            float[] g = p.grad();
            float[] step = steps[k];
            float[] prev = previous[k];
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                float sign = gi * prev[i];
                if (sign > 0) {
                    step[i] = Math.min(step[i] * GROW, MAX_STEP);
                } else if (sign < 0) {
                    step[i] = Math.max(step[i] * SHRINK, MIN_STEP);
                    gi = 0f;
                }
                if (gi > 0) {
                    w[i] -= step[i];
                } else if (gi < 0) {
                    w[i] += step[i];
                }
                prev[i] = gi;
                g[i] = 0f;
            }
        }
    }
}
