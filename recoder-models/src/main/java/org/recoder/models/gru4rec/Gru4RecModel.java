package org.recoder.models.gru4rec;

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
 * GRU4Rec (Hidasi, Karatzoglou, Baltrunas &amp; Tikk, "Session-based Recommendations with Recurrent Neural Networks",
 * ICLR 2016; Hidasi &amp; Karatzoglou, "Recurrent Neural Networks with Top-k Gains for Session-based
 * Recommendations", CIKM 2018): a session's events, embedded, step GRU layers from a zero state; the next item's
 * scores are the last state times the shared item embedding plus a bias. Trained by {@link Gru4RecTrainer} as the
 * official code does. Scoring a session of n events costs n GRU steps and one items × E product; it scores any
 * session, so new sessions need no retraining. Thread-safe.
 */
public final class Gru4RecModel implements Model, SessionScorer {
    public static final String TYPE = "gru4rec";
    private final Gru4RecConfig config;
    private final Interactions known;
    private final Gru4RecNetwork network;
    private final Provenance provenance;

    Gru4RecModel(Gru4RecConfig config, Interactions known, Gru4RecNetwork network, Provenance provenance) {
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
        network.scoreSession(historyItems, out);
    }

    @Override
    public void scoreSession(int[] items, float[] out) {
        network.scoreSession(items, out);
    }

    @Override
    public void scorePrefixes(int[] items, float[] scores, PrefixScores sink) {
        network.scorePrefixes(items, scores, sink);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Gru4RecConfig config() {
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

    static Gru4RecModel load(ModelIO.Saved s) {
        Gru4RecConfig c = s.config(Gru4RecConfig.class);
        Gru4RecNetwork n = ParamSource.fromSaved(s, p -> new Gru4RecNetwork(p, s.items().size(), c));
        return new Gru4RecModel(c, s.knownUsers(), n, s.provenance());
    }
}
