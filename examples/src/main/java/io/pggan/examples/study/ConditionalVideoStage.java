package io.pggan.examples.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.data.Sex;
import io.pggan.data.labels.Labels;
import io.pggan.examples.study.report.Charts;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import io.pggan.latent.video.AgingVideo;
import io.pggan.model.LatentGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conditional GAN's aging video (issue #17): one latent held fixed while the age label sweeps 1
 * to 18 years (a boy), as many frames as the study's LASSO-axis video, each labelled by the age
 * CNN; the per-frame Spearman of both videos and one chart of both ({@code
 * conditional/video/frames_vs_lasso.png}). Last of the conditional stages, it writes {@code
 * conditional/summary.json}: every number and the acceptance checks.
 */
public final class ConditionalVideoStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalVideoStage.class);

    @Override
    public String name() {
        return "cgan-video";
    }

    @Override
    public boolean enabled(StudyPlan plan) {
        return plan.gan().conditional();
    }

    /**
     * The conditional model as a latent generator whose last coordinate is the requested age in
     * months (sex fixed), so the aging video of the latent module renders a label sweep.
     */
    private static LatentGenerator ageSweep(Pggan gan, Sex sex) {
        int d = gan.config().architecture().latentDim();
        return new LatentGenerator() {
            @Override
            public int latentDim() {
                return d + 1;
            }

            @Override
            public NDArray generate(NDArray zAndAge) {
                long n = zAndAge.getShape().get(0);
                float[] all = zAndAge.toFloatArray();
                float[] z = new float[(int) n * d];
                List<Labels> labels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    System.arraycopy(all, i * (d + 1), z, i * d, d);
                    labels.add(Labels.of(all[i * (d + 1) + d], sex));
                }
                NDManager m = zAndAge.getManager();
                return gan.generate(m.create(z, new Shape(n, d)), gan.labelVectors(m, labels))
                        .clip(-1f, 1f);
            }

            @Override
            public String modelId() {
                return "conditional-pggan-age-sweep-" + sex;
            }
        };
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        int f = plan.latent().videoFrames();
        int d;
        Path dir = layout.conditional().resolve("video");
        try (Pggan gan = Pggan.load(ConditionalGanStage.generator(layout));
                AgeCnnPredictor age = study.ageModel();
                NDManager m = NDManager.newBaseManager()) {
            d = gan.config().architecture().latentDim();
            float[] z = LatentSampler.latent(plan.seed() + 103, 0, d);
            List<float[]> frames = new ArrayList<>();
            double[] months = new double[f];
            for (int i = 0; i < f; i++) {
                months[i] = 12 + (216 - 12) * i / (double) (f - 1);
                float[] row = java.util.Arrays.copyOf(z, d + 1);
                row[d] = (float) months[i];
                frames.add(row);
            }
            AgingVideo.Result v =
                    AgingVideo.builder()
                            .fps(8)
                            .videoMinSide(256)
                            .trend(Lowess.builder().frac(0.3).iterations(3).build())
                            .build()
                            .write(dir, m, ageSweep(gan, Sex.MALE), age, frames, months);
            double[] index = new double[f];
            for (int i = 0; i < f; i++) {
                index[i] = i;
            }
            double[] lasso = lassoFrames(layout);
            XYChart c = Charts.xy("Aging videos: CNN age per frame", "frame", "CNN age (months)");
            Charts.line(c, "age label sweep (conditional GAN)", index, v.months(), true);
            if (lasso != null) {
                double[] li = new double[lasso.length];
                for (int i = 0; i < li.length; i++) {
                    li[i] = i;
                }
                Charts.line(c, "LASSO axis (unconditional GAN)", li, lasso, true);
            }
            Charts.write(c, dir.resolve("frames_vs_lasso.png"));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("frames", f);
            s.put("spearmanPerFrame", Spearman.rho(index, v.months()));
            s.put("spearmanTrend", v.spearman());
            s.put("firstFrameMonths", v.months()[0]);
            s.put("lastFrameMonths", v.months()[f - 1]);
            Json.write(dir.resolve("summary.json"), s);
        }
        Map<String, Object> summary = summary(study);
        Json.write(layout.conditional().resolve("summary.json"), summary);
        LOG.info("conditional GAN: {}", summary.get("acceptance"));
    }

    /** The per-frame CNN ages of the study's LASSO-axis video. */
    private static double[] lassoFrames(RunLayout layout) {
        Path csv = layout.videoFrames();
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        List<Csv.Row> rows = Csv.read(csv, "predicted_months");
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).number("predicted_months");
        }
        return out;
    }

    /** Every number of the conditional stages, the study's axis and video, and the checks. */
    static Map<String, Object> summary(StudyContext study) throws java.io.IOException {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        Path out = layout.conditional();
        JsonNode ages = Json.readTree(out.resolve("ages.json"));
        JsonNode video = Json.readTree(out.resolve("video/summary.json"));
        JsonNode axis = Json.readTree(layout.axisSummary());
        JsonNode lassoVideo = Json.readTree(layout.videoSummary());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seed", plan.seed());
        s.put("ages", ages);
        s.put("video", video);
        double axisMae = axis.get("axisTestMae").asDouble();
        s.put("unconditionalAxisHeldOutMae", axisMae);
        s.put("lassoVideoSpearmanPerFrame", lassoVideo.get("spearmanPerFrame").asDouble());
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("spearmanAbove0.95", ages.get("spearman").asDouble() > 0.95);
        acc.put("maeBelowAxisHeldOutMae", ages.get("mae").asDouble() < axisMae);
        acc.put("videoSpearmanAbove0.95", video.get("spearmanPerFrame").asDouble() > 0.95);
        acc.put(
                "sexRecoveredWithin10Points",
                ages.get("sexGeneratedAccuracy").asDouble()
                        >= ages.get("sexRealAccuracy").asDouble() - 0.10);
        s.put("acceptance", acc);
        s.put("seconds", study.stageSeconds());
        return s;
    }
}
