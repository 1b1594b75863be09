package io.pggan.gan;

import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A short real training run on hand phantoms to 32x32 on the CPU (fmapMax 64), writing snapshots
 * and a final grid of Gs samples. Not a test: run with {@code -Dtest=PhantomTrainingRun
 * -DexcludedTestGroups=none -Dgan.out=/work/notes/gan-samples -Dgan.phaseKimg=1}.
 */
@Tag("benchmark")
class PhantomTrainingRun {
    @Test
    void trainOnPhantoms() throws Exception {
        PgganEngine.start(2);
        Path out = Path.of(System.getProperty("gan.out", "target/gan-samples"));
        double phase = Double.parseDouble(System.getProperty("gan.phaseKimg", "1"));
        int images = Integer.getInteger("gan.images", 2000);
        Files.createDirectories(out);
        HandPhantoms phantoms = HandPhantoms.builder().seed(1).resolution(32).build();
        Path store = Files.createTempDirectory("phantom-store");
        try (MultiResolutionStore source =
                MultiResolutionStore.builder()
                        .source(phantoms.asSource(images))
                        .folder(store)
                        .threads(2)
                        .progress(false)
                        .build()) {
            PgganConfig cfg =
                    PgganConfig.cpuPreset(32).toBuilder()
                            .schedule(TrainingSchedule.shortRun(phase, phase * 8, 16))
                            .checkpointIntervalKimg(phase)
                            .gSmoothing(
                                    Double.parseDouble(
                                            System.getProperty("gan.gSmoothing", "0.999")))
                            .progressBar(false)
                            .build();
            long t0 = System.nanoTime();
            try (Pggan gan = Pggan.builder().config(cfg).runDirectory(out.resolve("run")).build()) {
                gan.train(
                        source,
                        new TrainingListener() {
                            @Override
                            public void onTick(TrainingProgress p, Path snapshot) {
                                System.out.printf(
                                        "kimg %.2f res %d %s alpha %.2f D %.3f G %.3f gp %.3f %.1f img/s%n",
                                        p.kimg(),
                                        p.resolution(),
                                        p.phase(),
                                        p.alpha(),
                                        p.dLoss(),
                                        p.gLoss(),
                                        p.penalty(),
                                        p.imagesPerSecond());
                            }
                        });
                gan.writeGrid(out.resolve("gs-samples-32x32.png"), gan.generate(64, 123L), 8);
                // For comparison: the training generator G (Gs lags G by ~1/(1-beta) steps,
                // which is most of a short run).
                io.pggan.gan.network.NetworkParameters.copyValues(
                        gan.state().generator(), gan.state().averagedGenerator());
                gan.writeGrid(out.resolve("g-samples-32x32.png"), gan.generate(64, 123L), 8);
                Files.writeString(out.resolve("config.json"), cfg.toJson());
            }
            System.out.printf("seconds %.0f%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Runs outside Maven: {@code java -cp <test classpath> io.pggan.gan.PhantomTrainingRun}. */
    public static void main(String[] args) throws Exception {
        new PhantomTrainingRun().trainOnPhantoms();
    }
}
