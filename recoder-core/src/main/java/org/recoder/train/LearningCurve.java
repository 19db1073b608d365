package org.recoder.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoder.io.AtomicFiles;

/**
 * Records every epoch's report and writes the learning curve next to a model file: {@code MODEL.curve.csv}
 * (epoch, loss, the extras, the validation metric, seconds, best) and {@code MODEL.curve.png}, a chart of the
 * training loss and the validation metric by epoch (XChart, headless). Both are written atomically.
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

    /** The chart as PNG bytes. */
    public byte[] png() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        double[] epochs = reports.stream().mapToDouble(EpochReport::epoch).toArray();
        double[] loss = reports.stream().mapToDouble(EpochReport::loss).toArray();
        double[] validation = reports.stream().mapToDouble(EpochReport::validation).toArray();
        String metric = reports.isEmpty() ? "" : reports.getFirst().validationMetric();
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Learning curve").xAxisTitle("epoch").build();
        chart.setYAxisGroupTitle(0, "training loss");
        if (epochs.length > 0) {
            XYSeries l = chart.addSeries("training loss", epochs, loss);
            l.setMarker(SeriesMarkers.NONE);
            if (java.util.Arrays.stream(validation).anyMatch(Double::isFinite)) {
                XYSeries v = chart.addSeries("validation " + metric, epochs, validation);
                v.setMarker(SeriesMarkers.NONE);
                v.setYAxisGroup(1);
                chart.setYAxisGroupTitle(1, "validation " + metric);
                chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            }
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the learning curve: " + e.getMessage(), e);
        }
    }

    /** Writes {@code MODEL.curve.csv} and {@code MODEL.curve.png} beside {@code modelFile}. */
    public void writeBeside(Path modelFile) {
        String base = modelFile.getFileName().toString();
        AtomicFiles.writeString(modelFile.resolveSibling(base + ".curve.csv"), csv());
        byte[] png = png();
        AtomicFiles.write(modelFile.resolveSibling(base + ".curve.png"), out -> out.write(png));
    }
}
