package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.MinibatchSource;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GAN training speed of study plans: seconds per real image at every resolution, stable (alpha 1)
 * and in a fade-in, and the GAN stage's predicted seconds from the plan's schedule, so that runs
 * made on a busy machine can be costed at idle-machine speed. {@code -Dbench.plans=a.json,b.json}
 * (plan overrides as for {@code --plan}; empty = the default profile), {@code -Dbench.iterations}
 * (8 timed after 6 warm-up). One JSON line per plan.
 */
@Tag("benchmark")
class PlanSpeedBenchmark {
    private record Noise(int maxResolution) implements MinibatchSource {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public NDArray minibatch(NDManager m, int res, int batch, Random random) {
            return m.randomUniform(-1f, 1f, new Shape(batch, 1, res, res));
        }
    }

    /** Seconds per image at resolution r: stable, or fading r in from r/2. */
    static double secondsPerImage(StudyPlan plan, int r, boolean fade, int iterations) {
        TrainingSchedule at =
                fade
                        ? new TrainingSchedule(
                                r / 2,
                                0,
                                1e6,
                                1e6,
                                plan.minibatch(),
                                Map.of(),
                                plan.learningRate(),
                                Map.of(),
                                Map.of(),
                                Map.of(),
                                1e6,
                                4)
                        : new TrainingSchedule(
                                r,
                                1e6,
                                0,
                                1e6,
                                plan.minibatch(),
                                Map.of(),
                                plan.learningRate(),
                                Map.of(),
                                Map.of(),
                                Map.of(),
                                1e6,
                                4);
        PgganConfig c =
                PgganConfig.builder()
                        .resolution(plan.resolution())
                        .latentDim(plan.latentDim())
                        .fmapMax(plan.fmapMax())
                        .fmapBase(plan.fmapBase())
                        .schedule(at)
                        .checkpointIntervalKimg(1e9)
                        .imageSnapshotTicks(0)
                        .progressBar(false)
                        .build();
        Noise noise = new Noise(plan.resolution());
        try (Pggan gan = Pggan.builder().config(c).build()) {
            gan.train(noise, 6); // past the first schedule evaluation, into the fade
            long t0 = System.nanoTime();
            gan.train(noise, iterations);
            return (System.nanoTime() - t0) / 1e9 / ((double) iterations * plan.minibatch());
        }
    }

    @Test
    void secondsPerImageOfPlans() throws Exception {
        PgganEngine.start(2);
        int iterations = Integer.getInteger("bench.iterations", 8);
        for (String file : System.getProperty("bench.plans", "").split(",")) {
            StudyPlan plan = EndToEnd.Options.parse().plan();
            if (!file.isBlank()) {
                plan = plan.with(Files.readString(Path.of(file)), file);
            }
            int levels = Integer.numberOfTrailingZeros(plan.resolution()) - 1;
            StringBuilder rates = new StringBuilder();
            double predicted = 0;
            for (int l = 0; l < levels; l++) {
                int r = 4 << l;
                double stable = secondsPerImage(plan, r, false, iterations);
                double fade = l == 0 ? 0 : secondsPerImage(plan, r, true, iterations);
                double stableKimg = l == levels - 1 ? plan.finalKimg() : plan.phaseKimg();
                predicted += 1000 * (stableKimg * stable + (l == 0 ? 0 : plan.phaseKimg() * fade));
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
