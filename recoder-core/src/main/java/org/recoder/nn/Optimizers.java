package org.recoder.nn;

import java.util.List;

/**
 * The other optimizers the models use: SGD with (heavy-ball) momentum, Adagrad (Duchi et al. 2011) and Nadam
 * (Dozat 2016, Adam with Nesterov momentum, as Keras implements it without the momentum schedule). Each updates
 * the parameters from their accumulated gradients and clears the gradients; {@link Adam} is separate.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /** v ← μ·v + g; w ← w − lr·v. */
    public static Optimizer sgd(List<Param> params, float learningRate, float momentum) {
        float[][] velocity = state(params);
        return () -> {
            for (int k = 0; k < params.size(); k++) {
                Param p = params.get(k);
                float[] v = velocity[k];
                float[] grad = p.grad();
                for (int i = 0; i < p.value.length; i++) {
                    v[i] = momentum * v[i] + grad[i];
                    p.value[i] -= learningRate * v[i];
                    grad[i] = 0f;
                }
            }
        };
    }

    /** G ← G + g²; w ← w − lr·g / (√G + ε), ε = 1e-10 (PyTorch's default). */
    public static Optimizer adagrad(List<Param> params, float learningRate) {
        float[][] sum = state(params);
        return () -> {
            for (int k = 0; k < params.size(); k++) {
                Param p = params.get(k);
                float[] s = sum[k];
                float[] grad = p.grad();
                for (int i = 0; i < p.value.length; i++) {
                    float g = grad[i];
                    s[i] += g * g;
                    p.value[i] -= learningRate * g / ((float) Math.sqrt(s[i]) + 1e-10f);
                    grad[i] = 0f;
                }
            }
        };
    }

    /**
     * Nadam with β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (the Keras defaults VASP relies on): the Adam step with the
     * first moment replaced by β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ).
     */
    public static Optimizer nadam(List<Param> params, float learningRate) {
        float[][] m = state(params);
        float[][] v = state(params);
        long[] step = {0};
        return () -> {
            step[0]++;
            double c1 = 1 - Math.pow(0.9, step[0]);
            double c2 = 1 - Math.pow(0.999, step[0]);
            for (int k = 0; k < params.size(); k++) {
                Param p = params.get(k);
                float[] grad = p.grad();
                for (int i = 0; i < p.value.length; i++) {
                    float g = grad[i];
                    m[k][i] = 0.9f * m[k][i] + 0.1f * g;
                    v[k][i] = 0.999f * v[k][i] + 0.001f * g * g;
                    double mHat = 0.9 * m[k][i] / c1 + 0.1 * g / c1;
                    double vHat = v[k][i] / c2;
                    p.value[i] -= (float) (learningRate * mHat / (Math.sqrt(vHat) + 1e-7));
                    grad[i] = 0f;
                }
            }
        };
    }

    private static float[][] state(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int k = 0; k < params.size(); k++) {
            s[k] = new float[params.get(k).value.length];
        }
        return s;
    }
}
