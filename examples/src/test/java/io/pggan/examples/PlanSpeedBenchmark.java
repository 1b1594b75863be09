package io.pggan.examples;

import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyPlan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.SpeedProbe;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GAN training speed of study plans: seconds per real image at every resolution, stable (alpha 1)
 * and in a fade-in, and the GAN stage's predicted seconds from the plan's schedule, so that runs
 * made on a busy machine can be costed at a quiet machine's speed. {@code
 * -Dbench.plans=a.json,b.json} (plan overrides as for {@code --plan}; empty = the default profile),
 * {@code -Dbench.iterations} (8 timed after 6 warm-up). One JSON line per plan.
 */
@Tag("benchmark")
class PlanSpeedBenchmark {
    @Test
    void secondsPerImageOfPlans() throws Exception {
        PgganEngine.start(2);
        int iterations = Integer.getInteger("bench.iterations", 8);
        for (String file : System.getProperty("bench.plans", "").split(",")) {
            StudyPlan plan = EndToEnd.parse().plan();
            if (!file.isBlank()) {
                plan = plan.with(Files.readString(Path.of(file)), file);
            }
            PgganConfig c =
                    PgganConfig.builder()
                            .resolution(plan.data().resolution())
                            .latentDim(plan.gan().latentDim())
                            .fmapMax(plan.gan().fmapMax())
                            .fmapBase(plan.gan().fmapBase())
                            .schedule(
                                    TrainingSchedule.shortRun(1, 1, plan.gan().minibatch())
                                            .withLearningRate(plan.gan().learningRate()))
                            .build();
            int levels = Integer.numberOfTrailingZeros(plan.data().resolution()) - 1;
            StringBuilder rates = new StringBuilder();
            double predicted = 0;
            for (int l = 0; l < levels; l++) {
                int r = 4 << l;
                double stable = SpeedProbe.secondsPerImage(c, r, false, iterations);
                double fade = l == 0 ? 0 : SpeedProbe.secondsPerImage(c, r, true, iterations);
                double stableKimg =
                        l == levels - 1 ? plan.gan().finalKimg() : plan.gan().phaseKimg();
                predicted +=
                        1000 * (stableKimg * stable + (l == 0 ? 0 : plan.gan().phaseKimg() * fade));
                rates.append(
                        String.format(
                                Locale.ROOT,
                                "%s\"%d\": {\"stable\": %.6f, \"fade\": %.6f}",
                                l == 0 ? "" : ", ",
                                r,
                                stable,
                                fade));
            }
            System.out.printf(
                    Locale.ROOT,
                    "{\"plan\": \"%s\", \"secondsPerImage\": {%s}, \"predictedGanSeconds\": %.1f,"
                            + " \"load1\": %s}%n",
                    file,
                    rates,
                    predicted,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
    }
}
