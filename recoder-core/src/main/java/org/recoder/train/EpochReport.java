package org.recoder.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did.
 *
 * @param run              what is training ("train multvae", ...), for log lines
 * @param epoch            1-based epoch number
 * @param loss             mean training loss over the epoch's minibatches
 * @param extras           model-specific figures at the end of the epoch (Mult-VAE's β, ...), in a stable order
 * @param validationMetric the validation metric's name ({@code ndcg@100}, ...)
 * @param validation       its value on the validation users, NaN when there is no validation set
 * @param best             whether this epoch's weights are the best so far (and are now the kept ones)
 * @param seconds          wall time of the epoch, validation included
 */
public record EpochReport(String run, int epoch, double loss, Map<String, Double> extras, String validationMetric, double validation,
                          boolean best, double seconds) {
    public EpochReport {
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
