package io.pggan.examples.study.report;

import io.pggan.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Small XChart helpers: line/scatter charts and bar charts written atomically as PNG. */
public final class Charts {
    private Charts() {}

    /** A white 800x500 XY chart with a legend inside the top right corner. */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c =
                new XYChartBuilder()
                        .width(800)
                        .height(500)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setPlotGridLinesVisible(true);
        return c;
    }

    /** Adds a line (NaN points dropped); returns false when nothing was left to draw. */
    public static boolean line(XYChart c, String name, double[] x, double[] y, boolean markers) {
        double[][] xy = finite(x, y);
        if (xy[0].length == 0) {
            return false;
        }
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }

    /** Adds points only. */
    public static boolean scatter(XYChart c, String name, double[] x, double[] y) {
        double[][] xy = finite(x, y);
        if (xy[0].length == 0) {
            return false;
        }
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return true;
    }

    /** A dashed horizontal reference line from {@code x0} to {@code x1}. */
    public static void reference(XYChart c, String name, double x0, double x1, double y) {
        if (!Double.isFinite(y)) {
            return;
        }
        XYSeries s = c.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(
                new java.awt.BasicStroke(
                        2f,
                        java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {8f, 6f},
                        0f));
        s.setLineColor(Color.DARK_GRAY);
    }

    /** A bar chart of one series. */
    public static CategoryChart bars(
            String title, String xTitle, String yTitle, List<String> x, List<Double> y) {
        CategoryChart c =
                new CategoryChartBuilder()
                        .width(800)
                        .height(500)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        List<Number> values = new ArrayList<>();
        for (Double v : y) {
            values.add(v == null || !Double.isFinite(v) ? 0.0 : v);
        }
        c.addSeries(yTitle, x, values);
        return c;
    }

    /** Writes the chart as PNG, atomically. */
    public static void write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png)
            throws IOException {
        AtomicFiles.writeBytes(png, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    }

    private static double[][] finite(double[] x, double[] y) {
        if (x == null || y == null || x.length == 0 || y.length == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "a series needs as many x as y values, got " + x.length + " and " + y.length);
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
            }
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        return new double[][] {fx, fy};
    }
}
