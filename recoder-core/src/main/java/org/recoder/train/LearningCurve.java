package org.recoder.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recoder.io.AtomicFiles;

/**
 * Records every epoch's report and writes the learning curve next to a model file: {@code MODEL.curve.csv}
 * (epoch, loss, the extras, the validation metric, seconds, best), atomically. The chart ({@code MODEL.curve.png})
 * is drawn by the command-line tool, so that the core library pulls in no charting library.
 */
public final class LearningCurve implements EpochListener {
    private final List<EpochReport> reports = new ArrayList<>();

    @Override
    public void onEpoch(EpochReport report, Control control) {
        reports.add(report);
    }

    /** The reports so far, in epoch order. */
    public List<EpochReport> reports() {
        return List.copyOf(reports);
    }

    /** The CSV text. */
    public String csv() {
        StringBuilder sb = new StringBuilder("epoch,loss");
        if (!reports.isEmpty()) {
            EpochReport first = reports.getFirst();
            first.extras().keySet().forEach(k -> sb.append(',').append(k));
            sb.append(",validation_").append(first.validationMetric());
        }
        sb.append(",seconds,best\n");
        for (EpochReport r : reports) {
            sb.append(r.epoch()).append(',').append(String.format(Locale.ROOT, "%.6f", r.loss()));
            r.extras().values().forEach(v -> sb.append(',').append(String.format(Locale.ROOT, "%.6f", v)));
            sb.append(',').append(String.format(Locale.ROOT, "%.6f,%.3f,%b", r.validation(), r.seconds(), r.best())).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@code MODEL.curve.csv} beside {@code modelFile}, atomically; returns its path. */
    public Path writeCsvBeside(Path modelFile) {
        Path csv = modelFile.resolveSibling(modelFile.getFileName() + ".curve.csv");
        AtomicFiles.writeString(csv, csv());
        return csv;
    }
}
