package org.recoder.nn;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) with bias correction, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the TensorFlow and
 * PyTorch defaults), and optional decoupled weight decay (AdamW, Loshchilov &amp; Hutter 2019) on parameters
 * whose name ends in {@code .weight}.
 */
public final class Adam implements Optimizer {
    private final List<Param> params;
    private final float learningRate;
    private final float weightDecay;
    private final float[][] m;
    private final float[][] v;
    private long step;

    public Adam(List<Param> params, float learningRate, float weightDecay) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
        for (int i = 0; i < this.params.size(); i++) {
            m[i] = new float[this.params.get(i).value.length];
            v[i] = new float[this.params.get(i).value.length];
        }
    }

    /** One update from the accumulated gradients, which are then cleared. */
    @Override
    public void step() {
        step++;
        double c1 = 1 - Math.pow(0.9, step);
        double c2 = 1 - Math.pow(0.999, step);
        float lrT = (float) (learningRate * Math.sqrt(c2) / c1);
        float epsT = (float) (1e-8 * Math.sqrt(c2));
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            float[] w = p.value;
            float[] g = p.grad();
            float[] mk = m[k];
            float[] vk = v[k];
            float decay = weightDecay > 0 && p.name().endsWith(".weight") ? learningRate * weightDecay : 0f;
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                mk[i] = 0.9f * mk[i] + 0.1f * gi;
                vk[i] = 0.999f * vk[i] + 0.001f * gi * gi;
                w[i] -= lrT * mk[i] / ((float) Math.sqrt(vk[i]) + epsT) + decay * w[i];
                g[i] = 0f;
            }
        }
    }
}
