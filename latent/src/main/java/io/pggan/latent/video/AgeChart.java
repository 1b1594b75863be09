package io.pggan.latent.video;

import io.pggan.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The chart of an aging video: predicted age per frame and its trend (the study's Fig. 3b). */
public final class AgeChart {
    private AgeChart() {}

    /** Writes a PNG chart of predicted months per frame and their trend. */
    public static void write(Path file, double[] x, double[] months, double[] trend)
            throws IOException {
        XYChart c =
                new XYChartBuilder()
                        .width(900)
                        .height(500)
                        .title("Predicted bone age along the latent path")
                        .xAxisTitle("frame")
                        .yAxisTitle("months")
                        .build();
        XYSeries pts = c.addSeries("predicted", x, months);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries line = c.addSeries("LOESS", x, trend);
        line.setMarker(SeriesMarkers.NONE);
        AtomicFiles.write(
                file, out -> BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
