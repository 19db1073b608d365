package org.recoder.train;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.recoder.api.Model;

/**
 * Saves the best model so far to a file after every epoch that improves on the validation metric, so that a
 * long run that is stopped or crashes leaves its best model behind. The file is written by {@code save}
 * (atomically, as model files are), never half-written; its provenance carries the training time so far and the
 * validation metric of the kept epoch.
 */
public final class BestCheckpoint implements EpochListener {
    private final Path file;
    private final BiConsumer<Model, Path> save;

    public BestCheckpoint(Path file, BiConsumer<Model, Path> save) {
        this.file = file;
        this.save = save;
    }

    @Override
    public void onEpoch(EpochReport report, Control control) {
        if (report.best()) {
            save.accept(control.bestModel(), file);
        }
    }
}
