package org.recoder.models.recvae;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.recoder.models.neural.ResidualStack;
import org.recoder.nn.Dense;
import org.recoder.nn.Init;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;
import org.recoder.nn.SparseBatch;

/**
 * RecVAE's encoder: five dense-residual layers h_k = LN_k(swish(fc_k(h_{k−1}) + Σ_{j<k} h_j)) of width
 * {@code hidden} over the (normalized, dropped-out) sparse input ({@link ResidualStack}, shared with VASP), then μ
 * and log σ² heads. The layers keep nothing: a forward pass writes into an activations object (the training one is
 * reused for backward; inference makes its own), so one encoder serves training and concurrent inference. One
 * instance per role: the trained encoder, and the frozen copy behind the composite prior.
 */
final class RecVaeEncoder {
    static final int LAYERS = 5;
    final ResidualStack stack;
    final Dense mu;
    final Dense logVar;
    private final int hidden;
    private final int latent;
    private final List<Param> params;

    /** A fresh encoder whose weights are Xavier-normal from {@code rng} (LayerNorm gains 1, biases 0). */
    RecVaeEncoder(int items, int hidden, int latent, float eps, SplittableRandom rng) {
        this(items, hidden, latent, eps, ParamSource.fresh());
        for (Param p : params) {
            if (p.name().endsWith(".weight")) {
                Init.xavierNormal(p, rng);
            }
        }
    }

    /** The encoder over parameters from {@code source}: enc.fc1..5, enc.ln1..5, enc.mu, enc.logvar, in that order. */
    RecVaeEncoder(int items, int hidden, int latent, float eps, ParamSource source) {
        this.hidden = hidden;
        this.latent = latent;
        stack = new ResidualStack(source, "enc", items, true, hidden, LAYERS, eps);
        mu = new Dense(source, "enc.mu", hidden, latent);
        logVar = new Dense(source, "enc.logvar", hidden, latent);
        List<Param> all = new ArrayList<>(stack.params());
        all.addAll(List.of(mu.weight(), mu.bias(), logVar.weight(), logVar.bias()));
        params = List.copyOf(all);
    }

    List<Param> params() {
        return params;
    }

    /** Copies every parameter value from {@code other} (the prior's frozen copy). */
    void copyFrom(RecVaeEncoder other) {
        List<Param> b = other.params();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(b.get(i).value(), 0, params.get(i).value(), 0, params.get(i).value().length);
        }
    }

    ResidualStack.Activations activations(int batch) {
        return stack.activations(batch);
    }

    /** μ and log σ² (rows×latent each; {@code logVarOut} may be null to skip that head) of the batch. */
    void forward(SparseBatch x, ResidualStack.Activations a, float[] muOut, float[] logVarOut, int threads) {
        int b = x.rows();
        stack.forward(x, a, threads);
        mu.forward(a.top(), b, muOut, threads);
        if (logVarOut != null) {
            logVar.forward(a.top(), b, logVarOut, threads);
        }
    }

    /** Back-propagates ∂/∂μ and ∂/∂log σ² into every encoder parameter, from the forward pass's activations. */
    void backward(SparseBatch x, ResidualStack.Activations a, float[] dMu, float[] dLogVar, int b) {
        float[] dTop = new float[b * hidden];
        mu.backward(a.top(), dMu, b, dTop);
        float[] t = new float[b * hidden];
        logVar.backward(a.top(), dLogVar, b, t);
        for (int i = 0; i < b * hidden; i++) {
            dTop[i] += t[i];
        }
        stack.backward(x, a, dTop, b);
    }

    int latent() {
        return latent;
    }
}
