package org.recoder.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.recoder.train.EpochListener;
import org.recoder.train.EpochReport;

/**
 * A training-progress listener for the CLI: a progress bar over epochs when there is a terminal. Without one it
 * stays inactive and the CLI logs one line per epoch instead ({@link org.recoder.train.EpochLog}).
 */
final class EpochProgress implements EpochListener, AutoCloseable {
    private final ProgressBar bar;

    EpochProgress(String task, int epochs) {
        this.bar = System.console() == null ? null
                : new ProgressBarBuilder().setTaskName(task).setInitialMax(epochs).setUnit(" epochs", 1).build();
    }

    /** Whether a bar is shown (a terminal is attached). */
    boolean active() {
        return bar != null;
    }

    @Override
    public void onEpoch(EpochReport r, Control control) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f, validation %s %.4f", r.loss(), r.validationMetric(), r.validation()));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
