package io.pggan.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.data.ImageFiles;
import io.pggan.examples.StudyPlan;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;

/**
 * Writes the study's report folder: {@code index.html} (plain HTML and CSS, opens offline), every
 * figure as PNG (charts drawn with XChart), the GIF and MP4 of the aging video, and every number as
 * JSON/CSV under {@code data/}. Only files inside the report folder are referenced.
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = Json.mapper();

    private final Path run;
    private final StudyPlan plan;
    private final Map<String, Double> stageSeconds;
    private final StringBuilder html = new StringBuilder();
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private Path dir;

    /**
     * @param run the study's output folder
     * @param plan its plan
     * @param stageSeconds seconds per finished stage
     */
    public ReportWriter(Path run, StudyPlan plan, Map<String, Double> stageSeconds) {
        this.run = run;
        this.plan = plan;
        this.stageSeconds = new LinkedHashMap<>(stageSeconds);
    }

    /** Writes everything into {@code reportDir} (index.html last). */
    public void write(Path reportDir) throws IOException {
        dir = reportDir;
        Files.createDirectories(dir.resolve("data"));
        head();
        overview();
        samples();
        ganMetrics();
        ageCnn();
        latent();
        video();
        html.append("</body>\n</html>\n");
        AtomicFiles.writeString(dir.resolve("data/summary.json"), JSON.writeValueAsString(summary));
        AtomicFiles.writeString(dir.resolve("index.html"), html.toString());
    }

    // ------------------------------------------------------------------ sections

    private void head() {
        html.append(
                """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>pggan-java study report</title>
                <style>
                body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
                h1, h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }
                img, video { max-width: 100%; border: 1px solid #ddd; margin: .5em 0; }
                table { border-collapse: collapse; margin: .5em 0; }
                td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
                th { background: #f3f3f3; }
                td:first-child, th:first-child { text-align: left; }
                .note { color: #555; font-size: .9em; }
                figure { margin: 1em 0; }
                figcaption { font-size: .9em; color: #444; }
                </style>
                </head>
                <body>
                <h1>pggan-java: pediatric hand radiographs, GAN metrics and the age axis</h1>
                """);
    }

    private void overview() throws IOException {
        copy(run.resolve("plan.json"), "data/plan.json");
        double total = 0;
        for (double s : stageSeconds.values()) {
            total += s;
        }
        stageSeconds.put("total (before the report)", total);
        summary.put("stageSeconds", stageSeconds);
        summary.put("profile", plan.profile());
        AtomicFiles.writeString(
                dir.resolve("data/timings.json"), JSON.writeValueAsString(stageSeconds));
        html.append("<p>Profile <b>")
                .append(esc(plan.profile()))
                .append("</b>, data: ")
                .append(plan.rsna() == null ? "hand phantoms made on the fly" : "RSNA folder")
                .append(", GAN ")
                .append(plan.resolution())
                .append("&times;")
                .append(plan.resolution())
                .append(", seed ")
                .append(plan.seed())
                .append(". Configuration: <a href=\"data/plan.json\">plan.json</a>. ")
                .append(
                        "Stage times (s, this machine):</p>\n<table><tr><th>stage</th><th>seconds</th></tr>\n");
        for (Map.Entry<String, Double> e : stageSeconds.entrySet()) {
            html.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td>")
                    .append(fmt(e.getValue(), 1))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void samples() throws IOException {
        html.append("<h2>Samples</h2>\n");
        if (copy(run.resolve("data/phantom-contact-sheet.png"), "phantom-contact-sheet.png")) {
            figure(
                    "phantom-contact-sheet.png",
                    "The synthetic training data at 256x256: hand phantoms of boys (top) and girls"
                            + " (bottom) from 1 to 18 years; carpals and epiphyses appear, grow"
                            + " and fuse with age.");
        }
        if (copy(run.resolve("data/reals.png"), "reals.png")) {
            figure("reals.png", "Training images (real data) at the GAN's resolution.");
        }
        if (progression()) {
            figure(
                    "fig1a_progression.png",
                    "Fig. 1a: samples of the same latents at each resolution over training (the"
                            + " last snapshot of each resolution, top = 4x4), shown at the final"
                            + " size.");
        }
        if (copy(run.resolve("eval/samples.png"), "fig1b_samples.png")) {
            figure("fig1b_samples.png", "Fig. 1b: generated images of the final model.");
        }
    }

    /** Fig. 1a: the last progress grid of every resolution, stacked, upsampled (nearest). */
    private boolean progression() throws IOException {
        Path folder = run.resolve("gan/metrics/progress");
        if (!Files.isDirectory(folder)) {
            return false;
        }
        TreeMap<Integer, Path> last = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.matches("k\\d{8}_r\\d{4}\\.png")) {
                    last.put(Integer.parseInt(n.substring(11, 15)), p);
                }
            }
        }
        if (last.isEmpty()) {
            return false;
        }
        int side = plan.resolution();
        List<BufferedImage> rows = new ArrayList<>();
        int width = 0;
        for (Path p : last.values()) {
            BufferedImage g = ImageFiles.read(p);
            int scale = side / g.getHeight();
            rows.add(g);
            width = Math.max(width, g.getWidth() * Math.max(scale, 1));
        }
        int label = 90;
        BufferedImage out =
                new BufferedImage(width + label, side * rows.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = out.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, out.getWidth(), out.getHeight());
        gr.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        int y = 0;
        List<Integer> sizes = new ArrayList<>(last.keySet());
        for (int i = 0; i < rows.size(); i++) {
            BufferedImage g = rows.get(i);
            int scale = Math.max(side / g.getHeight(), 1);
            gr.drawImage(g, label, y, g.getWidth() * scale, g.getHeight() * scale, null);
            gr.setColor(Color.BLACK);
            gr.drawString(sizes.get(i) + "x" + sizes.get(i), 8, y + side / 2 + 5);
            y += side;
        }
        gr.dispose();
        ImagePng.write(dir.resolve("fig1a_progression.png"), out);
        return true;
    }

    private void ganMetrics() throws IOException {
        html.append("<h2>GAN metrics over training (Fig. 2)</h2>\n");
        Path csv = run.resolve("gan/metrics/metrics.csv");
        if (!Files.isRegularFile(csv)) {
            html.append("<p class=\"note\">No metrics were recorded.</p>\n");
            return;
        }
        copy(csv, "data/gan_metrics.csv");
        Map<String, double[]> cols = readCsv(csv);
        JsonNode ref = readJson(run.resolve("gan/metrics/real_vs_real.json"));
        if (ref != null) {
            copy(run.resolve("gan/metrics/real_vs_real.json"), "data/gan_real_vs_real.json");
        }
        double[] kimg = cols.get("kimg");
        double k0 = kimg[0];
        double k1 = kimg[kimg.length - 1];
        metricOverKimg(
                "MS-SSIM of generated images",
                "MS-SSIM",
                "generated",
                kimg,
                col(cols, "ms_ssim"),
                "real data",
                num(ref, "reals_ms_ssim"),
                "fig2_ms_ssim.png",
                "MS-SSIM over kimg (lower = more diverse); dashed: the real data's MS-SSIM.");
        metricOverKimg(
                "FID in the age CNN's feature space",
                "FID",
                "generated vs real",
                kimg,
                col(cols, "fid"),
                "real vs real",
                num(ref, "fid"),
                "fig2_fid.png",
                "FID over kimg against a fixed real sample, features of the"
                        + " bone-age CNN; dashed: a second real sample of the same size.");
        metricOverKimg(
                "KID in the age CNN's feature space",
                "KID",
                "generated vs real",
                kimg,
                col(cols, "kid_mean"),
                "real vs real",
                num(ref, "kid_mean"),
                "fig2_kid.png",
                "KID over kimg (mean over subsets); dashed: real vs real.");
        XYChart swd =
                Charts.xy("Sliced Wasserstein distance per pyramid level", "kimg", "SWD x 1e3");
        boolean any = false;
        for (String name : cols.keySet()) {
            if (name.startsWith("swd_x1e3_")) {
                String level = name.substring("swd_x1e3_".length());
                any |=
                        Charts.line(
                                swd,
                                level.equals("avg") ? "average" : level + " px",
                                kimg,
                                cols.get(name),
                                true);
            }
        }
        if (any) {
            Charts.reference(swd, "real vs real (average)", k0, k1, num(ref, "swd_x1e3_avg"));
            chart(
                    swd,
                    "fig2_swd.png",
                    "SWD x 1e3 per Laplacian pyramid level over kimg; dashed:"
                            + " the average over levels for a second real sample.");
        }
        if (!metricOverKimg(
                "Inception Score",
                "IS",
                "generated",
                kimg,
                col(cols, "is_mean"),
                "real data",
                num(ref, "reals_is_mean"),
                "fig2_is.png",
                "Inception Score over kimg (user-supplied Inception model);"
                        + " dashed: the real sample's IS.")) {
            html.append(
                    "<p class=\"note\">Inception Score: needs an Inception model, which is"
                            + " never downloaded; run with <code>--inception FILE</code> (a TorchScript"
                            + " returning class logits) to add IS over kimg and in the final table.</p>\n");
        }
        JsonNode eval = readJson(run.resolve("eval/evaluation.json"));
        if (eval != null) {
            copy(run.resolve("eval/evaluation.json"), "data/gan_evaluation.json");
            summary.put("ganEvaluation", eval);
            html.append("<h3>Final evaluation</h3>\n<p>")
                    .append(eval.path("sample").asInt())
                    .append(" generated vs as many real images at ")
                    .append(fmt(eval.path("kimg").asDouble(), 1))
                    .append(
                            " kimg:</p>\n<table><tr><th>metric</th><th>generated vs real</th>"
                                    + "<th>real vs real</th></tr>\n");
            JsonNode g = eval.path("generated");
            JsonNode r = eval.path("realVsReal");
            for (var it = g.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                html.append("<tr><td>")
                        .append(esc(k))
                        .append("</td><td>")
                        .append(fmt(g.path(k).asDouble(), 4))
                        .append("</td><td>")
                        .append(r.has(k) ? fmt(r.path(k).asDouble(), 4) : "")
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
            html.append("<h3>Nearest training images</h3>\n");
            if (copy(run.resolve("eval/nn_pixels.png"), "nn_pixels.png")) {
                figure(
                        "nn_pixels.png",
                        "Each generated image (left) and its 5 nearest training"
                                + " images in pixel space.");
            }
            if (copy(run.resolve("eval/nn_features.png"), "nn_features.png")) {
                figure("nn_features.png", "The same in the age CNN's feature space.");
            }
        }
    }

    private void ageCnn() throws IOException {
        html.append("<h2>Bone-age CNN</h2>\n");
        JsonNode eval = readJson(run.resolve("agecnn/evaluation.json"));
        if (eval == null) {
            return;
        }
        copy(run.resolve("agecnn/evaluation.json"), "data/agecnn_evaluation.json");
        copy(run.resolve("agecnn/test_predictions.csv"), "data/agecnn_test_predictions.csv");
        copy(run.resolve("agecnn/history.json"), "data/agecnn_history.json");
        summary.put("ageCnnTestMae", eval.path("mae").asDouble());
        List<String> bands = new ArrayList<>();
        List<Double> mae = new ArrayList<>();
        StringBuilder bandCsv = new StringBuilder("band,count,mae_months\n");
        for (JsonNode b : eval.path("bands")) {
            String label = b.path("fromYears").asInt() + "-" + b.path("toYears").asInt() + " y";
            bands.add(label);
            mae.add(b.path("mae").asDouble());
            bandCsv.append(label)
                    .append(',')
                    .append(b.path("count").asInt())
                    .append(',')
                    .append(b.path("mae").asDouble())
                    .append('\n');
        }
        AtomicFiles.writeString(dir.resolve("data/agecnn_mae_by_band.csv"), bandCsv.toString());
        html.append("<p>Test MAE ")
                .append(fmt(eval.path("mae").asDouble(), 2))
                .append(" months on ")
                .append(eval.path("count").asInt())
                .append(" held-out images (median absolute error ")
                .append(fmt(eval.path("medianAbsoluteError").asDouble(), 2))
                .append(", mean error ")
                .append(fmt(eval.path("meanError").asDouble(), 2))
                .append(").</p>\n");
        if (!bands.isEmpty()) {
            Charts.write(
                    Charts.bars(
                            "Age CNN: MAE by age band (test set)",
                            "true age",
                            "MAE (months)",
                            bands,
                            mae),
                    dir.resolve("agecnn_mae_by_band.png"));
            figure("agecnn_mae_by_band.png", "The CNN's mean absolute error by band of true age.");
        }
        if (copy(run.resolve("agecnn/curve.png"), "agecnn_curve.png")) {
            figure("agecnn_curve.png", "Training and validation MAE per epoch.");
        }
    }

    private void latent() throws IOException {
        html.append("<h2>LASSO of age on the latent vector (Fig. 3a)</h2>\n");
        Path csv = run.resolve("axis/lasso_predictions.csv");
        JsonNode s = readJson(run.resolve("axis/summary.json"));
        if (!Files.isRegularFile(csv) || s == null) {
            return;
        }
        copy(csv, "data/lasso_predictions.csv");
        copy(run.resolve("axis/summary.json"), "data/lasso_summary.json");
        copy(run.resolve("axis/age-axis.json"), "data/age-axis.json");
        summary.put("lasso", s);
        List<String> lines = Files.readAllLines(csv);
        List<double[]> train = new ArrayList<>();
        List<double[]> test = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] p = {Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            (f[1].equals("test") ? test : train).add(p);
        }
        XYChart c =
                Charts.xy(
                        "LASSO-predicted vs CNN age",
                        "CNN-predicted age (months)",
                        "LASSO-predicted age (months)");
        Charts.scatter(c, "train", xs(train, 0), xs(train, 1));
        Charts.scatter(c, "held out", xs(test, 0), xs(test, 1));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : train) {
            lo = Math.min(lo, p[0]);
            hi = Math.max(hi, p[0]);
        }
        Charts.line(c, "y = x", new double[] {lo, hi}, new double[] {lo, hi}, false);
        c.getStyler().setMarkerSize(3);
        chart(
                c,
                "fig3a_lasso.png",
                "Each point is a sampled latent: the age the CNN gives its"
                        + " image vs the LASSO's prediction from the latent (train and held-out 20 %).");
        html.append("<table><tr><th>set</th><th>MAE (months)</th><th>sd</th></tr>\n")
                .append(errRow("train", s.path("trainErrors")))
                .append(errRow("held out", s.path("testErrors")))
                .append("</table>\n<p>alpha ")
                .append(fmt(s.path("alpha").asDouble(), 5))
                .append(", ")
                .append(s.path("nonZero").asInt())
                .append(
                        " non-zero coefficients; the age axis (LASSO-CV on all samples): held-out"
                                + " R&sup2; ")
                .append(fmt(s.path("axisHeldOutR2").asDouble(), 3))
                .append(", ")
                .append(fmt(s.path("axisMonthsPerUnit").asDouble(), 2))
                .append(" months per unit step.</p>\n");
    }

    private void video() throws IOException {
        html.append("<h2>Aging along the age axis (Fig. 3b)</h2>\n");
        Path csv = run.resolve("video/frames.csv");
        JsonNode s = readJson(run.resolve("video/summary.json"));
        if (!Files.isRegularFile(csv) || s == null) {
            return;
        }
        copy(csv, "data/frames.csv");
        copy(run.resolve("video/summary.json"), "data/video_summary.json");
        summary.put("video", s);
        Map<String, double[]> cols = readCsv(csv);
        XYChart c = Charts.xy("Predicted age per frame", "frame", "CNN-predicted age (months)");
        Charts.scatter(c, "per frame", cols.get("frame"), cols.get("predicted_months"));
        Charts.line(c, "LOESS trend", cols.get("frame"), cols.get("loess_months"), false);
        chart(
                c,
                "fig3b_age_per_frame.png",
                "Age the CNN gives each frame of the video, and its"
                        + " LOESS trend. Spearman of per-frame age with the frame index: "
                        + fmt(s.path("spearmanPerFrame").asDouble(), 3)
                        + ".");
        boolean gif = copy(run.resolve("video/aging.gif"), "aging.gif");
        boolean mp4 = copy(run.resolve("video/aging.mp4"), "aging.mp4");
        if (mp4) {
            html.append(
                    "<figure><video src=\"aging.mp4\" controls loop muted"
                            + (gif ? " poster=\"fig3b_age_per_frame.png\"" : "")
                            + "></video>"
                            + "<figcaption>The aging video (H.264 MP4).</figcaption></figure>\n");
        }
        if (gif) {
            figure("aging.gif", "The same as an animated GIF.");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String errRow(String name, JsonNode e) {
        return "<tr><td>"
                + name
                + "</td><td>"
                + fmt(e.path("mean").asDouble(), 2)
                + "</td><td>"
                + fmt(e.path("sd").asDouble(), 2)
                + "</td></tr>\n";
    }

    private static double[] xs(List<double[]> points, int k) {
        double[] v = new double[points.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = points.get(i)[k];
        }
        return v;
    }

    /**
     * One metric over kimg with a dashed reference line (a panel of Fig. 2).
     *
     * @return false when the metric was not recorded (no figure is written)
     */
    private boolean metricOverKimg(
            String title,
            String yLabel,
            String series,
            double[] kimg,
            double[] values,
            String referenceName,
            double referenceValue,
            String file,
            String caption)
            throws IOException {
        XYChart c = Charts.xy(title, "kimg", yLabel);
        if (!Charts.line(c, series, kimg, values, true)) {
            return false;
        }
        Charts.reference(c, referenceName, kimg[0], kimg[kimg.length - 1], referenceValue);
        chart(c, file, caption);
        return true;
    }

    private void chart(XYChart c, String file, String caption) throws IOException {
        Charts.write(c, dir.resolve(file));
        figure(file, caption);
    }

    private void figure(String file, String caption) {
        html.append("<figure><img src=\"")
                .append(file)
                .append("\" alt=\"")
                .append(esc(file))
                .append("\"><figcaption>")
                .append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private boolean copy(Path from, String to) throws IOException {
        if (!Files.isRegularFile(from)) {
            return false;
        }
        AtomicFiles.writeBytes(dir.resolve(to), Files.readAllBytes(from));
        return true;
    }

    private static JsonNode readJson(Path f) throws IOException {
        return Files.isRegularFile(f) ? JSON.readTree(f.toFile()) : null;
    }

    private static double num(JsonNode n, String field) {
        return n == null || !n.has(field) ? Double.NaN : n.get(field).asDouble();
    }

    private static double[] col(Map<String, double[]> cols, String name) {
        double[] v = cols.get(name);
        return v == null ? new double[0] : v;
    }

    /** A numeric CSV with a header; empty cells are NaN, non-numeric columns are skipped. */
    static Map<String, double[]> readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        String[] head = lines.get(0).split(",", -1);
        int n = lines.size() - 1;
        Map<String, double[]> cols = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String h : head) {
            cols.put(h, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            if (f.length != head.length) {
                throw new IOException(
                        csv
                                + " line "
                                + (i + 2)
                                + ": "
                                + f.length
                                + " fields, expected "
                                + head.length);
            }
            for (int j = 0; j < head.length; j++) {
                try {
                    cols.get(head[j])[i] = f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
                } catch (NumberFormatException e) {
                    bad.add(head[j]);
                }
            }
        }
        for (String b : bad) {
            cols.remove(b);
        }
        return cols;
    }

    private static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "n/a";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
