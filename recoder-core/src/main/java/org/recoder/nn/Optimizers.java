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
     * Nadam as Keras (TF 2.x, the optimizer VASP's notebook used) computes it: Adam with Nesterov momentum and
     * Dozat's momentum schedule μ_t = β₁·(1 − ½·0.96^(0.004·t)), β₁ = 0.9, β₂ = 0.999, ε = 1e-7. With
     * M_t = Π_{i≤t} μ_i: ĝ = g/(1 − M_t), m̂ = m_t/(1 − M_t·μ_{t+1}), v̂ = v_t/(1 − β₂ᵗ), and the step
     * lr·((1 − μ_t)·ĝ + μ_{t+1}·m̂)/(√v̂ + ε).
     */
    public static Optimizer nadam(List<Param> params, float learningRate) {
        float[][] m = state(params);
        float[][] v = state(params);
        long[] step = {0};
        double[] schedule = {1.0};
        return () -> {
            long t = ++step[0];
            double muT = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004 * t));
            double muNext = 0.9 * (1 - 0.5 * Math.pow(0.96, 0.004 * (t + 1)));
            double scheduleNew = schedule[0] * muT;
            double scheduleNext = scheduleNew * muNext;
            schedule[0] = scheduleNew;
            double c2 = 1 - Math.pow(0.999, t);
            float gScale = (float) ((1 - muT) / (1 - scheduleNew));
            float mScale = (float) (muNext / (1 - scheduleNext));
            float vScale = (float) (1 / c2);
            for (int k = 0; k < params.size(); k++) {
                Param p = params.get(k);
                float[] grad = p.grad();
                float[] mk = m[k];
                float[] vk = v[k];
                float[] w = p.value;
                for (int i = 0; i < w.length; i++) {
                    float g = grad[i];
                    mk[i] = 0.9f * mk[i] + 0.1f * g;
                    vk[i] = 0.999f * vk[i] + 0.001f * g * g;
                    float mBar = gScale * g + mScale * mk[i];
                    w[i] -= learningRate * mBar / ((float) Math.sqrt(vScale * vk[i]) + 1e-7f);
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
