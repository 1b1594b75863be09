package io.pggan.gan.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.MinibatchSource;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import java.util.Map;
import java.util.Random;

/**
 * Times training iterations of a configuration at one resolution, stable or in a fade-in, on random
 * images (speed does not depend on the pixels): to size a schedule for a time budget, or to cost
 * runs made on a busy machine at the speed of a quiet one.
 */
public final class SpeedProbe {
    private SpeedProbe() {}

    /** Random images in [-1, 1] of the configuration's channels. */
    private record Noise(int maxResolution, int channels) implements MinibatchSource {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public NDArray minibatch(NDManager m, int res, int batch, Random random) {
            return m.randomUniform(-1f, 1f, new Shape(batch, channels, res, res));
        }
    }

    /**
     * Seconds per real image of a training iteration of {@code config}'s networks, minibatch
     * ({@code schedule.minibatchBase}) and learning rate at resolution {@code r}.
     *
     * @param fade time a fade-in from {@code r/2} (both paths run) instead of the stable phase
     * @param iterations timed iterations, after 6 untimed ones
     */
    public static double secondsPerImage(PgganConfig config, int r, boolean fade, int iterations) {
        TrainingSchedule s = config.schedule();
        if (fade && r < 8) {
            throw new IllegalArgumentException(
                    "a fade-in needs a resolution of 8 or more, got " + r);
        }
        TrainingSchedule at =
                new TrainingSchedule(
                        fade ? r / 2 : r,
                        fade ? 0 : 1e6,
                        fade ? 1e6 : 0,
                        1e6,
                        s.minibatchBase(),
                        Map.of(),
                        s.learningRateBase(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        1e6,
                        4);
        PgganConfig c =
                config.toBuilder()
                        .schedule(at)
                        .checkpointIntervalKimg(1e9)
                        .imageSnapshotTicks(0)
                        .progressBar(false)
                        .build();
        Noise noise =
                new Noise(config.architecture().resolution(), config.architecture().channels());
        try (Pggan gan = Pggan.builder().config(c).build()) {
            gan.train(noise, 6); // past the first schedule evaluation (into the fade-in)
            long t0 = System.nanoTime();
            gan.train(noise, iterations);
            return (System.nanoTime() - t0) / 1e9 / ((double) iterations * s.minibatchBase());
        }
    }
}
