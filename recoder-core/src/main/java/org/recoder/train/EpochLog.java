package org.recoder.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SLF4J INFO line per epoch: loss, extras, the validation metric (marked when best) and wall time. What a
 * run without a terminal shows instead of a progress bar.
 */
public final class EpochLog implements EpochListener {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLog.class);
    @Override
    public void onEpoch(EpochReport report, Control control) {
        if (LOG.isInfoEnabled()) {
            LOG.info(describe(report));
        }
    }

    /** The line for one epoch; without a validation score (NaN: no validation part), no validation field. */
    static String describe(EpochReport r) {
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "loss %.4f", r.loss()));
        r.extras().forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
        if (!Double.isNaN(r.validation())) {
            parts.add(String.format(Locale.ROOT, "validation %s %.4f%s", r.validationMetric(), r.validation(), r.best() ? " (best)" : ""));
        }
        return String.format(Locale.ROOT, "%s epoch %d: %s (%.2f s)", r.run(), r.epoch(), String.join(", ", parts), r.seconds());
    }
}
