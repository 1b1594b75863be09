package io.pggan.examples.study;

import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.PgganConfigBuilder;
import io.pggan.gan.training.BestGsSnapshot;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.Json;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.tracking.GanMetricsListener;
import io.pggan.metrics.tracking.MetricRecord;
import io.pggan.metrics.tracking.MetricTracker;
import io.pggan.metrics.tracking.RealReference;
import io.pggan.metrics.tracking.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The progressive GAN, resuming from its checkpoint, with SWD, MS-SSIM, FID and KID (in the age
 * CNN's features) every few kimg, a real-vs-real reference line, progress grids, and the best Gs
 * snapshot by the plan's {@code bestMetric}.
 */
public final class GanStage implements Stage {
    @Override
    public String name() {
        return "gan";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        int m = plan.metrics().sample();
        TrackerConfig tc = study.trackerConfig(m, plan.metrics().everyKimg(), false);
        try (MultiResolutionStore store = study.store();
                AgeCnnPredictor age = study.ageModel();
                FeatureExtractor features = age.featureExtractor();
                FeatureExtractor inception = study.inception()) {
            RealReference reference =
                    RealReference.compute(tc, study.reals(store, 0, m), features, inception);
            // The real-vs-real line of Fig. 2: a second real sample scored like the fakes.
            Path realLine = layout.ganRealVsReal();
            if (!Files.isRegularFile(realLine) && store.size() >= 2 * m) {
                MetricRecord r =
                        new MetricTracker(reference, layout.ganRealVsRealTracker())
                                .evaluate(0, study.reals(store, m, m));
                Map<String, Double> values = new LinkedHashMap<>(r.values());
                for (Map.Entry<String, Double> e : reference.values().entrySet()) {
                    values.put("reals_" + e.getKey(), e.getValue());
                }
                Json.write(realLine, values);
            }
            MetricTracker tracker = new MetricTracker(reference, layout.ganMetrics());
            try (Pggan gan =
                    Pggan.builder().config(config(plan)).runDirectory(layout.gan()).build()) {
                GanMetricsListener listener =
                        new GanMetricsListener(
                                gan.state(),
                                tracker,
                                LatentSampler.latents(
                                        plan.seed() + 7, 0, m, plan.gan().latentDim()),
                                layout.progressGrids(),
                                8);
                String metric = plan.gan().bestMetric();
                if (metric != null) {
                    BestGsSnapshot best =
                            new BestGsSnapshot(gan.state(), layout.gan(), metric, goal(metric));
                    listener.onRecord(
                            (p, r) -> {
                                Double v = r.values().get(metric);
                                if (v == null) {
                                    throw new IllegalArgumentException(
                                            "gan.bestMetric "
                                                    + metric
                                                    + " is not a tracked metric: "
                                                    + r.values().keySet());
                                }
                                best.offer(p, v);
                            });
                }
                gan.train(store, listener);
                gan.save(layout.generator());
            }
        }
    }

    /** Higher is better for IS, precision and recall; lower for the distances. */
    private static BestGsSnapshot.Goal goal(String metric) {
        return metric.startsWith("is_") || metric.equals("precision") || metric.equals("recall")
                ? BestGsSnapshot.Goal.MAXIMIZE
                : BestGsSnapshot.Goal.MINIMIZE;
    }

    /** The GAN configuration of the plan. */
    static PgganConfig config(StudyPlan plan) {
        GanPlan g = plan.gan();
        PgganConfigBuilder b =
                PgganConfig.builder()
                        .resolution(plan.data().resolution())
                        .latentDim(g.latentDim())
                        .fmapMax(g.fmapMax())
                        .fmapBase(g.fmapBase())
                        .seed(plan.seed())
                        .gsAverage(g.gsAverage())
                        .imageSnapshotTicks(0);
        if (g.officialSchedule()) {
            b.checkpointIntervalKimg(100);
        } else {
            TrainingSchedule s =
                    TrainingSchedule.shortRun(g.phaseKimg(), plan.totalKimg(), g.minibatch());
            b.schedule(s.withLearningRate(g.learningRate()))
                    .checkpointIntervalKimg(Math.max(g.phaseKimg() / 2, 0.1));
        }
        return b.build();
    }
}
