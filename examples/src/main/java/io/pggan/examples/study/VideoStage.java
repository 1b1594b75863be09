package io.pggan.examples.study;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.io.Json;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.interpolation.Interpolation;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import io.pggan.latent.video.AgingVideo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hand moved along the age axis (Fig. 3b): MP4, GIF, frames, the CNN's age of every frame and its
 * LOESS trend.
 */
public final class VideoStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(VideoStage.class);

    @Override
    public String name() {
        return "video";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        RunLayout layout = study.layout();
        try (Pggan gan = study.loadGan();
                AgeCnnPredictor predictor = study.ageModel();
                NDManager mgr = NDManager.newBaseManager()) {
            PgganLatentGenerator g = study.generator(gan);
            AgeAxis axis = AgeAxis.load(layout.ageAxis(), g);
            LabelSet labels = LabelSet.open(layout.labelledLatents(), g);
            float[][] z = labels.latents();
            double[] months = labels.months();
            double median = median(months);
            // Start from the sampled hand whose predicted age is closest to the median.
            int start = 0;
            for (int i = 1; i < months.length; i++) {
                if (Math.abs(months[i] - median) < Math.abs(months[start] - median)) {
                    start = i;
                }
            }
            // Walk the axis coordinate from -3 to +3: z ~ N(0, I) projects onto the unit axis with
            // sd 1, so this spans the latent distribution (99.7 %) whatever the months per unit.
            double own = axis.predictMonths(z[start]);
            double p0 = axis.project(z[start]);
            double from = (-3 - p0) * axis.monthsPerUnit();
            double to = (3 - p0) * axis.monthsPerUnit();
            int f = study.plan().latent().videoFrames();
            List<float[]> frames = Interpolation.alongAxis(axis, z[start], from, to, f);
            double[] position = new double[f];
            for (int i = 0; i < f; i++) {
                position[i] = own + from + (to - from) * i / (f - 1);
            }
            AgingVideo.Result v =
                    AgingVideo.builder()
                            .fps(8)
                            .videoMinSide(256)
                            .trend(Lowess.builder().frac(0.3).iterations(3).build())
                            .build()
                            .write(layout.video(), mgr, g, predictor, frames, position);
            double[] index = new double[f];
            for (int i = 0; i < f; i++) {
                index[i] = i;
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("frames", f);
            summary.put("startSample", start);
            summary.put("axisMonthsFrom", own + from);
            summary.put("axisMonthsTo", own + to);
            summary.put("spearmanPerFrame", Spearman.rho(index, v.months()));
            summary.put("spearmanTrend", v.spearman());
            summary.put("firstFrameMonths", v.months()[0]);
            summary.put("lastFrameMonths", v.months()[f - 1]);
            Json.write(layout.videoSummary(), summary);
            LOG.info(
                    "aging video: {} frames, predicted {} -> {} months, Spearman {}",
                    f,
                    v.months()[0],
                    v.months()[f - 1],
                    summary.get("spearmanPerFrame"));
        }
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
