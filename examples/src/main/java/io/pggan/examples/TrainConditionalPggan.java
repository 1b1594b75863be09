package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.data.Sex;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.Labels;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2b: trains a small PGGAN conditioned on sex and age (CPU preset, 32x32) on hand phantoms,
 * which know their age and sex, then writes a grid of one latent per column at ages 1, 4, 7, ...,
 * 16 years (rows), boys in the left half and girls in the right, the same latents in every row. Run
 * it again to resume.
 *
 * <pre>
 * java ... io.pggan.examples.TrainConditionalPggan [run=runs/cpggan] [images=1000] [phaseKimg=30]
 * </pre>
 */
public final class TrainConditionalPggan {
    private TrainConditionalPggan() {}

    /** Entry point. */
    public static void main(String[] args) {
        Path run = Path.of(args.length > 0 ? args[0] : "runs/cpggan");
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double phase = args.length > 2 ? Double.parseDouble(args[2]) : 30; // kimg per phase
        PgganEngine.start();

        PgganConfig config =
                PgganConfig.cpuPreset(32).toBuilder()
                        .schedule(TrainingSchedule.shortRun(phase, 7 * phase, 16))
                        .imageSnapshotTicks(0)
                        .labels(LabelSpec.ageAndSex()) // sex {F, M} + age in months
                        .build();
        HandPhantoms phantoms = HandPhantoms.builder().seed(1).resolution(32).build();
        try (MultiResolutionStore store =
                        MultiResolutionStore.builder()
                                .source(phantoms.asSource(images))
                                .labels(LabelSpec.ageAndSex()) // each phantom's age and sex
                                .folder(run.resolve("store"))
                                .build();
                Pggan gan = Pggan.builder().config(config).runDirectory(run).build()) {
            gan.train(store);
            gan.save(run.resolve("generator.zip"));
            List<Labels> grid = new ArrayList<>();
            for (int years = 1; years <= 16; years += 3) {
                for (int col = 0; col < 8; col++) {
                    grid.add(Labels.of(12.0 * years, col < 4 ? Sex.MALE : Sex.FEMALE));
                }
            }
            // the same 8 latents (of seed 42) in every row: only the labels change
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray z = gan.latents(m, 8, 42L).tile(new long[] {grid.size() / 8, 1});
                NDArray samples = gan.generate(z, gan.labelVectors(m, grid));
                gan.writeGrid(run.resolve("ages.png"), samples.clip(-1f, 1f), 8);
            }
        }
        System.out.println("model: " + run.resolve("generator.zip"));
    }
}
