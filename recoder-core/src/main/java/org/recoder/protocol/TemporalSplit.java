package org.recoder.protocol;

import java.util.Arrays;
import org.recoder.data.Interactions;
import org.recoder.data.HeldOut;
import org.recoder.data.SplitInfo;

/**
 * Global temporal split: the latest {@code testFraction} of events (by timestamp, over all users) is the test
 * set; with {@code validationFraction} &gt; 0, the latest share of what is left is the validation set. Held-out
 * events of users or items unseen in training are dropped. Fold-in for evaluation is each user's training data.
 *
 * @param testFraction       share of events in the test period (0.2)
 * @param validationFraction share of the remaining events in the validation period (0 for none)
 */
public record TemporalSplit(double testFraction, double validationFraction) {
    public TemporalSplit {
        if (!(testFraction > 0 && testFraction < 1) || validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("fractions must be in (0, 1)");
        }
    }

    public Split split(Interactions data) {
        if (!data.hasTimes()) {
            throw new IllegalArgumentException("a temporal split needs timestamps; this data has none");
        }
        long[] t = data.timeArray().clone();
        Arrays.sort(t);
        long testCut = t[(int) Math.min(t.length - 1, Math.floor((1 - testFraction) * t.length))];
        long valCut = validationFraction > 0
                ? t[(int) Math.floor((1 - validationFraction) * (1 - testFraction) * t.length)] : Long.MAX_VALUE;
        boolean[] held = new boolean[data.nnz()];
        boolean[] test = new boolean[data.nnz()];
        int nHeld = 0;
        for (int k = 0; k < held.length; k++) {
            long tk = data.timeArray()[k];
            test[k] = tk >= testCut;
            held[k] = test[k] || tk >= valCut;
            if (held[k]) {
                nHeld++;
            }
        }
        Interactions[] parts = data.partition(held);
        Interactions train = parts[0].compact();
        boolean[] inner = new boolean[nHeld];
        int j = 0;
        for (int k = 0; k < held.length; k++) {
            if (held[k]) {
                inner[j++] = test[k];
            }
        }
        Interactions[] hp = parts[1].partition(inner);
        Interactions val = Protocols.mapInto(hp[0], train);
        Interactions tst = Protocols.mapInto(hp[1], train);
        var params = Protocols.params("test_fraction", testFraction, "validation_fraction", validationFraction,
                "test_from_ms", testCut, "dropped_events", parts[1].nnz() - val.nnz() - tst.nnz());
        return Protocols.withCounts(new Split(new SplitInfo("temporal", params, 0, null, null), train,
                validationFraction > 0 ? new HeldOut(train, val) : null, new HeldOut(train, tst), null));
    }
}
