package org.recoder.models.narm;

import java.util.Map;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Provenance;
import org.recoder.api.SessionScorer;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Tensor;
import org.recoder.nn.Param;
import org.recoder.nn.ParamSource;

/**
 * NARM, the Neural Attentive Recommendation Machine (Li, Ren, Chen, Ren, Lian &amp; Ma, "Neural Attentive
 * Session-based Recommendation", CIKM 2017): a GRU encodes the session; its last state (the global encoder) and an
 * attention-weighted sum of all its states (the local encoder, weighted by their match with the last state) form the
 * context, which a bilinear map scores against every item's embedding ({@link NarmNetwork}). Trained by
 * {@link NarmTrainer}. Scoring a session costs at most {@code maxLength} GRU steps, their attention and one
 * items × E product; any session is scored, so new sessions need no retraining. Thread-safe.
 */
public final class NarmModel implements Model, SessionScorer {
    public static final String TYPE = "narm";
    private final NarmConfig config;
    private final Interactions known;
    private final NarmNetwork network;
    private final Provenance provenance;

    NarmModel(NarmConfig config, Interactions known, NarmNetwork network, Provenance provenance) {
        this.config = config;
        this.known = known;
        this.network = network;
        this.provenance = provenance;
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    /** The history in the order given. */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        scoreSession(historyItems, out);
    }

    @Override
    public void scoreSession(int[] items, float[] out) {
        network.scoreSession(items, config.maxLength(), config, out);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public NarmConfig config() {
        return config;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Interactions knownUsers() {
        return known;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Param.tensors(network.params());
    }

    static NarmModel load(ModelIO.Saved s) {
        NarmConfig c = s.config(NarmConfig.class);
        NarmNetwork n = ParamSource.fromSaved(s, p -> new NarmNetwork(p, s.items().size(), c));
        return new NarmModel(c, s.knownUsers(), n, s.provenance());
    }
}
