package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real training run on hand phantoms on the CPU, writing snapshots, a final grid of Gs samples
 * and one line per tick (losses, penalty, largest weight of G and D). Not a test: run with {@code
 * -Dtest=PhantomTrainingRun -DexcludedTestGroups=none -Dgan.out=DIR}; the other knobs are {@code
 * gan.res} (32), {@code gan.phaseKimg} (1), {@code gan.images} (2000), {@code gan.fmapMax} (64),
 * {@code gan.fmapBase} (8192), {@code gan.latent} (64), {@code gan.lr} (0.001), {@code
 * gan.minibatch} (16), {@code gan.gSmoothing} (0.999), {@code gan.seed} (1).
 */
@Tag("benchmark")
class PhantomTrainingRun {
    private static double prop(String key, double dflt) {
        return Double.parseDouble(System.getProperty(key, Double.toString(dflt)));
    }

    @Test
    void trainOnPhantoms() throws Exception {
        PgganEngine.start(2);
        Path out = Path.of(System.getProperty("gan.out", "target/gan-samples"));
        int res = (int) prop("gan.res", 32);
        double phase = prop("gan.phaseKimg", 1);
        int images = (int) prop("gan.images", 2000);
        int levels = Integer.numberOfTrailingZeros(res) - 1;
        Files.createDirectories(out);
        HandPhantoms phantoms = HandPhantoms.builder().seed(1).resolution(res).build();
        Path store = Files.createTempDirectory("phantom-store");
        try (MultiResolutionStore source =
                MultiResolutionStore.builder()
                        .source(phantoms.asSource(images))
                        .folder(store)
                        .threads(2)
                        .progress(false)
                        .build()) {
            TrainingSchedule s =
                    TrainingSchedule.shortRun(
                            phase, phase * (2 * levels - 1), (int) prop("gan.minibatch", 16));
            s = s.withLearningRate(prop("gan.lr", 0.001));
            PgganConfig cfg =
                    PgganConfig.cpuPreset(res).toBuilder()
                            .fmapMax((int) prop("gan.fmapMax", 64))
                            .fmapBase((int) prop("gan.fmapBase", 8192))
                            .latentDim((int) prop("gan.latent", 64))
                            .seed((long) prop("gan.seed", 1))
                            .schedule(s)
                            .checkpointIntervalKimg(phase)
                            .gSmoothing(prop("gan.gSmoothing", 0.999))
                            .progressBar(false)
                            .build();
            Files.writeString(out.resolve("config.json"), cfg.toJson());
            long t0 = System.nanoTime();
            try (Pggan gan = Pggan.builder().config(cfg).runDirectory(out.resolve("run")).build()) {
                GanState st = gan.state();
                gan.train(
                        source,
                        new TrainingListener() {
                            @Override
                            public void onTick(TrainingProgress p, Path snapshot) {
                                System.out.printf(
                                        "kimg %.2f res %d %s alpha %.2f D %.3f G %.3f gp %.3f"
                                                + " |wG| %.2f |wD| %.2f %.1f img/s%n",
                                        p.kimg(),
                                        p.resolution(),
                                        p.phase(),
                                        p.alpha(),
                                        p.dLoss(),
                                        p.gLoss(),
                                        p.penalty(),
                                        maxAbs(st.generator()),
                                        maxAbs(st.discriminator()),
                                        p.imagesPerSecond());
                            }
                        });
                gan.writeGrid(out.resolve("gs-samples.png"), gan.generate(64, 123L), 8);
                // For comparison: the training generator G (Gs lags G by ~1/(1-beta) steps).
                NetworkParameters.copyValues(st.generator(), st.averagedGenerator());
                gan.writeGrid(out.resolve("g-samples.png"), gan.generate(64, 123L), 8);
            }
            System.out.printf("seconds %.0f%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private static double maxAbs(io.pggan.gan.network.ProgressiveNetwork net) {
        double m = 0;
        for (NDArray a : GanState.arrays(net)) {
            // closed at once: parameters live in the run's long-lived manager
            try (NDArray abs = a.abs();
                    NDArray max = abs.max()) {
                m = Math.max(m, max.getFloat());
            }
        }
        return m;
    }

    /** Runs outside Maven: {@code java -cp <test classpath> io.pggan.gan.PhantomTrainingRun}. */
    public static void main(String[] args) throws Exception {
        new PhantomTrainingRun().trainOnPhantoms();
    }
}
