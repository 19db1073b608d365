package org.recoder.nn;

import java.util.SplittableRandom;

/**
 * Element-wise ops whose derivative needs the input (tanh, sigmoid and ReLU live in
 * {@link org.recoder.linalg.RowOps.Activation}, whose derivatives need only the output): swish, ELU, and dropout
 * on dense activations.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** y = x·σ(x) (swish / SiLU, as RecVAE), from {@code x[0, n)} into {@code y} (may be x). */
    public static void swish(float[] x, int n, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] / (1f + (float) Math.exp(-x[i]));
        }
    }

    /** grad ← grad ⊙ swish'(x), swish'(x) = σ(x)·(1 + x·(1 − σ(x))). */
    public static void swishBackward(float[] x, float[] grad, int n) {
        for (int i = 0; i < n; i++) {
            float s = 1f / (1f + (float) Math.exp(-x[i]));
            grad[i] *= s * (1f + x[i] * (1f - s));
        }
    }

    /** y = x for x > 0, α(eˣ − 1) otherwise. */
    public static void elu(float[] x, int n, float alpha, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0 ? x[i] : alpha * (float) Math.expm1(x[i]);
        }
    }

    /** grad ← grad ⊙ elu'(x): 1 for x > 0, α·eˣ otherwise. */
    public static void eluBackward(float[] x, float[] grad, int n, float alpha) {
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0)) {
                grad[i] *= alpha * (float) Math.exp(x[i]);
            }
        }
    }

    /**
     * Inverted dropout in place: each of {@code x[0, n)} is zeroed with probability p and the rest scaled by
     * 1/(1 − p); the scale factors (0 or 1/(1 − p)) go to {@code mask} for {@link #dropoutBackward}.
     */
    public static void dropout(float[] x, int n, float p, SplittableRandom rng, float[] mask) {
        float keep = 1f / (1f - p);
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : keep;
            x[i] *= mask[i];
        }
    }

    /**
     * As {@link #dropout(float[], int, float, SplittableRandom, float[])} with p compared in double precision and,
     * for p = 0, no random numbers drawn (the mask all ones): the session models' dropout (GRU4Rec, NARM), whose
     * streams of draws stay the same when a dropout is switched off.
     */
    public static void dropout(float[] x, int count, double p, SplittableRandom rng, float[] mask) {
        if (p == 0) {
            java.util.Arrays.fill(mask, 0, count, 1f);
            return;
        }
        float keep = (float) (1 / (1 - p));
        for (int k = 0; k < count; k++) {
            mask[k] = rng.nextDouble() < p ? 0f : keep;
            x[k] *= mask[k];
        }
    }

    public static void dropoutBackward(float[] grad, int n, float[] mask) {
        for (int i = 0; i < n; i++) {
            grad[i] *= mask[i];
        }
    }
}
