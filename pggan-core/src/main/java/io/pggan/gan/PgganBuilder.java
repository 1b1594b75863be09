package io.pggan.gan;

import ai.djl.ndarray.NDManager;
import io.pggan.data.labels.LabelSpec;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.PgganTrainer;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a {@link Pggan} ({@link Pggan#builder()}): the configuration fields most often set, plus
 * {@link #configure} for any other.
 */
public final class PgganBuilder {
    private final PgganConfigBuilder config = PgganConfig.builder();
    private PgganConfig base;
    private Path runDirectory;

    PgganBuilder() {}

    /** Starts from a complete configuration (e.g. a preset or a JSON file). */
    public PgganBuilder config(PgganConfig c) {
        base = c;
        return this;
    }

    /** Latent size. */
    public PgganBuilder latentDim(int v) {
        return configure(b -> b.latentDim(v));
    }

    /** Final resolution. */
    public PgganBuilder resolution(int v) {
        return configure(b -> b.resolution(v));
    }

    /** Image channels. */
    public PgganBuilder channels(int v) {
        return configure(b -> b.channels(v));
    }

    /** Feature-map cap. */
    public PgganBuilder fmapMax(int v) {
        return configure(b -> b.fmapMax(v));
    }

    /** Progressive schedule. */
    public PgganBuilder schedule(TrainingSchedule v) {
        return configure(b -> b.schedule(v));
    }

    /** Conditions the model on labels (e.g. {@link LabelSpec#ageAndSex()}). */
    public PgganBuilder labels(LabelSpec spec) {
        return configure(b -> b.labels(spec));
    }

    /** Seed. */
    public PgganBuilder seed(long v) {
        return configure(b -> b.seed(v));
    }

    /** Console progress bar. */
    public PgganBuilder progressBar(boolean v) {
        return configure(b -> b.progressBar(v));
    }

    private final List<Consumer<PgganConfigBuilder>> edits = new ArrayList<>();

    /** Any other configuration field. */
    public PgganBuilder configure(Consumer<PgganConfigBuilder> edit) {
        edits.add(edit);
        return this;
    }

    /** Folder for checkpoints and snapshots; an existing checkpoint there is resumed. */
    public PgganBuilder runDirectory(Path dir) {
        runDirectory = dir;
        return this;
    }

    /**
     * Validates the configuration, starts the engine and creates (or resumes) the model.
     *
     * @throws IllegalArgumentException naming a bad field, or a checkpoint mismatch
     */
    public Pggan build() {
        PgganConfigBuilder b = base == null ? config : base.toBuilder();
        for (Consumer<PgganConfigBuilder> e : edits) {
            e.accept(b);
        }
        PgganConfig c = b.build();
        PgganEngine engine = PgganEngine.start();
        NDManager manager = NDManager.newBaseManager(engine.device());
        try {
            Path ck = runDirectory == null ? null : runDirectory.resolve(PgganTrainer.CHECKPOINT);
            if (ck != null) {
                // a process killed inside a checkpoint write leaves its temporary file
                AtomicFiles.removeStaleTemps(ck);
            }
            GanState state =
                    ck != null && Files.isRegularFile(ck)
                            ? Checkpoints.read(ck, manager, c)
                            : new GanState(c, manager);
            return new Pggan(manager, state, runDirectory);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
