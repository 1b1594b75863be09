package io.pggan.examples.study.report;

import static io.pggan.examples.study.report.ReportPage.num;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.StudyContext;
import io.pggan.metrics.tracking.MetricRecord;
import io.pggan.metrics.tracking.MetricTracker;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;

/** Fig. 2: every tracked metric over kimg, each with its real-vs-real reference line. */
final class GanMetricsSection implements ReportSection {
    @Override
    public void write(StudyContext study, ReportPage page) throws Exception {
        RunLayout run = study.layout();
        page.heading("GAN metrics over training (Fig. 2)");
        List<MetricRecord> history = MetricTracker.readHistoryIn(run.ganMetrics());
        if (history.isEmpty()) {
            page.html("<p class=\"note\">No metrics were recorded.</p>\n");
            return;
        }
        page.copy(run.ganMetricsCsv(), "data/gan_metrics.csv");
        JsonNode ref = ReportPage.readJson(run.ganRealVsReal());
        if (ref != null) {
            page.copy(run.ganRealVsReal(), "data/gan_real_vs_real.json");
        }
        Series s = new Series(history);
        overKimg(
                page,
                s,
                "MS-SSIM of generated images",
                "MS-SSIM",
                "generated",
                "ms_ssim",
                "real data",
                num(ref, "reals_ms_ssim"),
                "fig2_ms_ssim.png",
                "MS-SSIM over kimg (lower = more diverse); dashed: the real data's MS-SSIM.");
        overKimg(
                page,
                s,
                "FID in the age CNN's feature space",
                "FID",
                "generated vs real",
                "fid",
                "real vs real",
                num(ref, "fid"),
                "fig2_fid.png",
                "FID over kimg against a fixed real sample, features of the"
                        + " bone-age CNN; dashed: a second real sample of the same size.");
        overKimg(
                page,
                s,
                "KID in the age CNN's feature space",
                "KID",
                "generated vs real",
                "kid_mean",
                "real vs real",
                num(ref, "kid_mean"),
                "fig2_kid.png",
                "KID over kimg (mean over subsets); dashed: real vs real.");
        XYChart swd =
                Charts.xy("Sliced Wasserstein distance per pyramid level", "kimg", "SWD x 1e3");
        boolean any = false;
        for (String name : s.names) {
            if (name.startsWith("swd_x1e3_")) {
                String level = name.substring("swd_x1e3_".length());
                any |=
                        Charts.line(
                                swd,
                                level.equals("avg") ? "average" : level + " px",
                                s.kimg,
                                s.values(name),
                                true);
            }
        }
        if (any) {
            Charts.reference(
                    swd, "real vs real (average)", s.first(), s.last(), num(ref, "swd_x1e3_avg"));
            page.chart(
                    swd,
                    "fig2_swd.png",
                    "SWD x 1e3 per Laplacian pyramid level over kimg; dashed:"
                            + " the average over levels for a second real sample.");
        }
        if (!overKimg(
                page,
                s,
                "Inception Score",
                "IS",
                "generated",
                "is_mean",
                "real data",
                num(ref, "reals_is_mean"),
                "fig2_is.png",
                "Inception Score over kimg (user-supplied Inception model);"
                        + " dashed: the real sample's IS.")) {
            page.html(
                    "<p class=\"note\">Inception Score: needs an Inception model, which is"
                            + " never downloaded; run with <code>--inception FILE</code> (a"
                            + " TorchScript returning class logits) to add IS over kimg and in the"
                            + " final table.</p>\n");
        }
    }

    /** The tracked values as columns over kimg (NaN where a record lacks a metric). */
    private static final class Series {
        final double[] kimg;
        final Set<String> names = new LinkedHashSet<>();
        private final List<MetricRecord> history;

        Series(List<MetricRecord> history) {
            this.history = history;
            kimg = new double[history.size()];
            for (int i = 0; i < kimg.length; i++) {
                kimg[i] = history.get(i).kimg();
                names.addAll(history.get(i).values().keySet());
            }
        }

        double[] values(String name) {
            double[] v = new double[history.size()];
            for (int i = 0; i < v.length; i++) {
                Double x = history.get(i).values().get(name);
                v[i] = x == null ? Double.NaN : x;
            }
            return v;
        }

        double first() {
            return kimg[0];
        }

        double last() {
            return kimg[kimg.length - 1];
        }
    }

    /**
     * One metric over kimg with a dashed reference line (a panel of Fig. 2).
     *
     * @return false when the metric was not recorded (no figure is written)
     */
    private static boolean overKimg(
            ReportPage page,
            Series s,
            String title,
            String yLabel,
            String series,
            String metric,
            String referenceName,
            double referenceValue,
            String file,
            String caption)
            throws IOException {
        XYChart c = Charts.xy(title, "kimg", yLabel);
        if (!Charts.line(c, series, s.kimg, s.values(metric), true)) {
            return false;
        }
        Charts.reference(c, referenceName, s.first(), s.last(), referenceValue);
        page.chart(c, file, caption);
        return true;
    }
}
