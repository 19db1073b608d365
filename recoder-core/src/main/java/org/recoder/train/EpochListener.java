package org.recoder.train;

/**
 * Sees every epoch of a {@link TrainingLoop}. Listeners run on the training thread, in the order given, after
 * validation; one may end training through {@code control}.
 */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(EpochReport report, Control control);

    /** What a listener may do to the loop. */
    interface Control {
        /** Ends training after this epoch; the best epoch's weights are still the result. */
        void stop(String reason);

        /** The model of the best epoch so far (built on demand, with provenance), e.g. to save a checkpoint. */
        org.recoder.api.Model bestModel();
    }
}
