package io.pggan.latent.crash;

import ai.djl.ndarray.NDManager;
import io.pggan.engine.PgganEngine;
import io.pggan.latent.SyntheticWorld;
import io.pggan.latent.labeling.LatentLabeler;
import java.nio.file.Path;

/**
 * The process the labelling crash test kills: labels 3,000 latents of a synthetic generator in
 * shards of 250 into a folder, resuming what is there. Prints {@code STARTED} once the engine is up
 * and {@code DONE} at the end.
 */
public final class LabelingChild {
    private LabelingChild() {}

    static LatentLabeler labeler() {
        return LatentLabeler.builder()
                .samples(3000)
                .seed(15)
                .batchSize(50)
                .shardSize(250)
                .progress(false)
                .build();
    }

    public static void main(String[] args) throws Exception {
        PgganEngine.start();
        SyntheticWorld world = new SyntheticWorld(16, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            System.out.println("STARTED");
            System.out.flush();
            labeler().label(Path.of(args[0]), manager, world.generator("g"), world.predictor());
        }
        System.out.println("DONE");
    }
}
