package org.recoder.models.sknn;

import static org.recoder.util.Require.atLeast;

import org.recoder.api.Doc;

/**
 * Hyperparameters of V-SKNN, the sequence-aware SKNN (Ludewig &amp; Jannach, UMUAI 2018; session-rec's
 * {@code VMContextKNN}): the current session's events weighted by position, so that recent ones count more in the
 * similarity, and each neighbour's items discounted by how far back the latest event it shares lies.
 *
 * @param neighbours     neighbour sessions (k; 100, session-rec's documented default)
 * @param sampleSize     candidates: the most recent sessions sharing an item with the current session (1,000, its
 *                       default); 0 takes them all
 * @param weighting      the weight of the current session's p-th of n events in the similarity (DIV: p / n)
 * @param scoreWeighting the discount of a neighbour whose latest shared event is the s-th from the end (DIV: 1 / s)
 * @param idfWeighting   adds idfWeighting · log(sessions / events of the item) times the neighbour's weight to an
 *                       item's score (0: off, the default)
 * @param lastClicks     only the last this many events of the current session count (0: all)
 */
public record VsknnConfig(
        @Doc("neighbour sessions whose items are summed into the scores (k)") int neighbours,
        @Doc("candidates: the most recent sessions sharing an item with the current one, 0 = all") int sampleSize,
        @Doc("weight of the p-th of n current events: SAME 1, DIV p/n, LINEAR, LOG, QUADRATIC (p/n)²") Decay weighting,
        @Doc("discount of a neighbour by its latest shared event, s-th from the end: SAME, DIV 1/s, LINEAR, LOG, QUADRATIC 1/s²") Decay scoreWeighting,
        @Doc("weight of the items' idf in the scores, 0 = off") double idfWeighting,
        @Doc("only the last this many events of the current session count, 0 = all") int lastClicks) {
    public VsknnConfig {
        atLeast("neighbours", neighbours, 1);
        atLeast("sampleSize", sampleSize, 0);
        atLeast("idfWeighting", idfWeighting, 0);
        atLeast("lastClicks", lastClicks, 0);
        if (weighting == null || scoreWeighting == null) {
            throw new IllegalArgumentException("weighting and scoreWeighting must be SAME, DIV, LINEAR, LOG or QUADRATIC");
        }
    }

    /**
     * The decay functions of session-rec's V-SKNN. As position weights ({@link #position}: the p-th of n events, p = n
     * the latest): SAME 1, DIV p/n, LINEAR max(0, 1 − 0.1·(n − p)), LOG 1/log₁₀(n − p + 1.7), QUADRATIC (p/n)². As
     * score discounts ({@link #step}: the s-th event from the end, s = 1 the latest): SAME 1, DIV 1/s, LINEAR
     * max(0, 1 − 0.1·s), LOG 1/log₁₀(s + 1.7), QUADRATIC 1/s². session-rec's linear position weight is
     * {@code 1 - 0.1*(n-p) if p <= 10 else 0}, which gives the first ten events of a long session negative weights
     * and the recent ones none; the decay it evidently means, the ten latest events from 1 down by 0.1, is used here.
     */
    public enum Decay {
        SAME, DIV, LINEAR, LOG, QUADRATIC;

        /** The weight of the p-th (1-based) of n events. */
        public double position(int p, int n) {
            return switch (this) {
                case SAME -> 1;
                case DIV -> p / (double) n;
                case LINEAR -> Math.max(0, 1 - 0.1 * (n - p));
                case LOG -> 1 / Math.log10(n - p + 1.7);
                case QUADRATIC -> (p / (double) n) * (p / (double) n);
            };
        }

        /** The discount of the s-th (1-based) event from the end. */
        public double step(int s) {
            return switch (this) {
                case SAME -> 1;
                case DIV -> 1.0 / s;
                case LINEAR -> Math.max(0, 1 - 0.1 * s);
                case LOG -> 1 / Math.log10(s + 1.7);
                case QUADRATIC -> 1.0 / ((double) s * s);
            };
        }
    }

    /** k 100, 1,000 candidates, DIV weights and discounts, no idf, every event. */
    public static VsknnConfig defaults() {
        return new VsknnConfig(100, 1000, Decay.DIV, Decay.DIV, 0, 0);
    }
}
