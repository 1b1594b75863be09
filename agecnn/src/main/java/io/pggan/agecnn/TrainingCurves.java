package io.pggan.agecnn;

import io.pggan.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a training run's MAE per epoch as a PNG. */
public final class TrainingCurves {
    private TrainingCurves() {}

    /**
     * Writes a chart of training and validation MAE (months) per epoch, marking the best epoch.
     *
     * @param history the run
     * @param png the file to write (atomically)
     * @param title chart title
     */
    public static void writePng(TrainingHistory history, Path png, String title) {
        List<EpochResult> epochs = history.epochs();
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("the training history has no epochs to draw");
        }
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        double[] train = epochs.stream().mapToDouble(EpochResult::trainMae).toArray();
        double[] val = epochs.stream().mapToDouble(EpochResult::validationMae).toArray();
        XYChart chart =
                new XYChartBuilder()
                        .width(900)
                        .height(560)
                        .title(title)
                        .xAxisTitle("epoch")
                        .yAxisTitle("MAE (months)")
                        .build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries("train (augmented batches)", x, train).setMarker(SeriesMarkers.CIRCLE);
        boolean hasValidation = java.util.Arrays.stream(val).anyMatch(Double::isFinite);
        if (hasValidation) {
            chart.addSeries("validation", x, val).setMarker(SeriesMarkers.DIAMOND);
            if (history.bestEpoch() > 0) {
                chart.addSeries(
                                "best epoch",
                                new double[] {history.bestEpoch()},
                                new double[] {history.bestValidationMae()})
                        .setMarker(SeriesMarkers.SQUARE);
            }
        }
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the training chart", e);
        }
        AtomicFiles.write(png, out -> out.write(bytes));
    }
}
