package org.recoder.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoder.io.AtomicFiles;
import org.recoder.train.EpochReport;

/**
 * The learning curve as a chart, {@code MODEL.curve.png}: training loss and the validation metric by epoch
 * (XChart, headless). It lives in the command-line module so that the core library needs no charting library.
 */
final class LearningCurveChart {
    private LearningCurveChart() {
    }

    /** The chart of {@code reports} as PNG bytes. */
    static byte[] png(List<EpochReport> reports) {
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
            if (Arrays.stream(validation).anyMatch(Double::isFinite)) {
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

    /** Writes {@code MODEL.curve.png} beside {@code modelFile}, atomically; returns its path. */
    static Path writeBeside(List<EpochReport> reports, Path modelFile) {
        Path file = modelFile.resolveSibling(modelFile.getFileName() + ".curve.png");
        byte[] png = png(reports);
        AtomicFiles.write(file, out -> out.write(png));
        return file;
    }
}
