package org.recoder.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.recoder.train.EpochListener;
import org.recoder.train.EpochReport;

/**
 * The one overall progress display of {@code recoder experiment} on a terminal: a bar over every run of the
 * experiment (trials and final runs, those read back from an earlier call included) and a status of the run in
 * training: its unit, model, trial and epoch, and the experiment's ETA. Without a terminal it is inactive, and the
 * experiment logs one line per finished run instead.
 */
final class ExperimentProgress implements AutoCloseable {
    private final ProgressBar bar;
    private volatile String eta = "";

    private ExperimentProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** No display: the experiment logs its lines. */
    static ExperimentProgress none() {
        return new ExperimentProgress(null);
    }

    /** A bar on the terminal when there is one ({@code System.console()}), else an inactive display. */
    static ExperimentProgress open(String experiment, int runs) {
        if (System.console() == null) {
            return new ExperimentProgress(null);
        }
        String task = experiment.length() > 40 ? experiment.substring(0, 39) + "…" : experiment;
        // The bar's own ETA would count the runs read back from an earlier call as done at no cost.
        return new ExperimentProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(runs).setUnit(" runs", 1)
                .hideEta().continuousUpdate().build());
    }

    /** Whether the bar is shown (then the per-run log lines are not). */
    boolean active() {
        return bar != null;
    }

    /** One more run is done (trained, or read back); {@code eta} is the experiment's estimate of what is left. */
    void runDone(String eta) {
        if (bar != null) {
            this.eta = eta;
            bar.step();
        }
    }

    /** The status of a run about to train: shown until its first epoch, then updated after every epoch. */
    EpochListener starting(String unit, String model, String what, int epochs) {
        if (bar != null) {
            bar.setExtraMessage(status(unit, model, what, 0, epochs, eta));
        }
        return new EpochListener() {
            @Override
            public void onEpoch(EpochReport r, Control control) {
                if (bar != null) {
                    bar.setExtraMessage(status(unit, model, what, r.epoch(), epochs, eta));
                }
            }
        };
    }

    /** {@code " seed 1 | ease | trial 2/5 | epoch 3/20 | ETA 0:01:10"}; no epoch part for a model without epochs. */
    static String status(String unit, String model, String what, int epoch, int epochs, String eta) {
        StringBuilder b = new StringBuilder(" ").append(unit).append(" | ").append(model).append(" | ").append(what);
        if (epochs > 0) {
            b.append(String.format(Locale.ROOT, " | epoch %d/%d", epoch, epochs));
        }
        if (!eta.isEmpty()) {
            b.append(" | ETA ").append(eta);
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
