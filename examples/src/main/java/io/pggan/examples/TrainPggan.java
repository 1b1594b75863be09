package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Path;

/**
 * Step 2: trains a small progressive GAN on hand phantoms (CPU preset, 32x32), then writes a grid
 * of samples. Run it again to resume from {@code <run>/checkpoint.zip}.
 *
 * <pre>
 * java ... io.pggan.examples.TrainPggan [run=runs/pggan] [images=1000] [phaseKimg=30]
 * </pre>
 */
public final class TrainPggan {
    private TrainPggan() {}

    /** Entry point. */
    public static void main(String[] args) {
        Path run = Path.of(args.length > 0 ? args[0] : "runs/pggan");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double phase = args.length > 2 ? Double.parseDouble(args[2]) : 30; // kimg per phase
        PgganEngine.start();

        // 4x4 to 32x32: four stable phases and three fade-ins
        PgganConfig config =
                PgganConfig.cpuPreset(32).toBuilder()
                        .schedule(TrainingSchedule.shortRun(phase, 7 * phase, 16))
                        .imageSnapshotTicks(0)
                        .build();
        HandPhantoms phantoms = HandPhantoms.builder().seed(1).resolution(32).build();
        try (MultiResolutionStore store =
                        MultiResolutionStore.builder()
                                .source(phantoms.asSource(images))
                                .folder(run.resolve("store"))
                                .build();
                Pggan gan = Pggan.builder().config(config).runDirectory(run).build()) {
            gan.train(store);
            gan.save(run.resolve("generator.zip"));
            try (NDArray samples = gan.generate(32, 42L)) {
                gan.writeGrid(run.resolve("samples.png"), samples.clip(-1f, 1f), 8);
            }
        }
        System.out.println("model: " + run.resolve("generator.zip"));
    }
}
