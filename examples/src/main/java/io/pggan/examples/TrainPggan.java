package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Step 2: trains a small progressive GAN on hand phantoms (CPU preset, 32x32), then writes a grid
 * of samples. Run it again to resume from {@code <run>/checkpoint.zip}.
 *
 * <pre>
 * java ... io.pggan.examples.TrainPggan [run=runs/pggan] [images=1000] [phaseKimg=30]
 * </pre>
 */
@Command(
        name = "TrainPggan",
        mixinStandardHelpOptions = true,
        description =
                "Trains a 32x32 progressive GAN on hand phantoms (resumable) and writes samples.")
public final class TrainPggan implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "runs/pggan",
            description = "run folder (resumes from its checkpoint) (default ${DEFAULT-VALUE})")
    Path run;

    @Parameters(
            index = "1",
            arity = "0..1",
            defaultValue = "1000",
            description = "training phantoms (default ${DEFAULT-VALUE})")
    int images;

    @Parameters(
            index = "2",
            arity = "0..1",
            defaultValue = "30",
            description = "kimg per stable phase and per fade-in (default ${DEFAULT-VALUE})")
    double phase;

    /** Entry point: {@code --help} lists the arguments. */
    public static void main(String[] args) {
        int status = new CommandLine(new TrainPggan()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() {
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
        return 0;
    }
}
