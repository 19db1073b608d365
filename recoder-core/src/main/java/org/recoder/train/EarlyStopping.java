package org.recoder.train;

/** Stops training when the validation metric has not improved for {@code patience} epochs in a row. */
public final class EarlyStopping implements EpochListener {
    private final int patience;
    private int stale;

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be ≥ 1, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public void onEpoch(EpochReport report, Control control) {
        stale = report.best() ? 0 : stale + 1;
        if (stale >= patience) {
            control.stop("no better validation " + report.validationMetric() + " for " + patience + " epochs");
        }
    }
}
