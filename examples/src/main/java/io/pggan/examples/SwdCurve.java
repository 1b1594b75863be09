package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.examples.study.report.Charts;
import io.pggan.gan.Pggan;
import io.pggan.io.Csv;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** {@link TrainOnImages}' SWD of Gs against held-out images over kimg: computed, stored, drawn. */
final class SwdCurve {
    private SwdCurve() {}

    /** SWD of Gs at the current resolution, nearest-upsampled to the final one, as officially. */
    static double swdOf(
            Pggan gan, Uint8Images reals, SlicedWasserstein swd, long seed, int at, int res) {
        List<Uint8Images> parts = new ArrayList<>();
        gan.generateBatches(
                reals.count(),
                seed + 2,
                Pggan.SAMPLE_BATCH,
                (from, images) -> {
                    NDArray x = images.clip(-1f, 1f);
                    for (int s = at; s < res; s *= 2) {
                        x = x.repeat(2, 2).repeat(3, 2);
                    }
                    parts.add(Uint8Images.fromSigned(x));
                });
        SwdResult r = swd.compute(Uint8Images.concat(parts), reals, seed);
        return r.average();
    }

    /** The tracked curve written so far ({@code kimg, swd_x1e3_avg, resolution}). */
    static List<double[]> read(Path file) {
        List<double[]> out = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (Csv.Row r : Csv.read(file, "kimg", "swd_x1e3_avg", "resolution")) {
                out.add(
                        new double[] {
                            r.number("kimg"), r.number("swd_x1e3_avg"), r.number("resolution")
                        });
            }
        }
        return out;
    }

    /** Writes {@code swd.csv} and {@code swd.png}. */
    static void write(Path out, List<double[]> curve, double realVsReal) {
        Csv.Table csv = Csv.table("kimg", "swd_x1e3_avg", "resolution");
        double[] x = new double[curve.size()];
        double[] y = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            double[] c = curve.get(i);
            csv.row(c[0], c[1], (int) c[2]);
            x[i] = c[0];
            y[i] = c[1];
        }
        csv.write(out.resolve("swd.csv"));
        XYChart chart = Charts.xy("SWD x1e3 (average), generated vs held-out", "kimg", "SWD x1e3");
        Charts.line(chart, "Gs vs held-out", x, y, true);
        Charts.reference(chart, "real vs real", 0, x[x.length - 1], realVsReal);
        try {
            Charts.write(chart, out.resolve("swd.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
