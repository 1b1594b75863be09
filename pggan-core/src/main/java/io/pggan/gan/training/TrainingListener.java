package io.pggan.gan.training;

import java.nio.file.Path;

/** Receives training progress; every method has an empty default. */
public interface TrainingListener {
    /** After every training iteration. */
    default void onIteration(TrainingProgress progress) {}

    /**
     * At the end of every tick.
     *
     * @param snapshot the fakes grid written at this tick, or null
     */
    default void onTick(TrainingProgress progress, Path snapshot) {}

    /** After a checkpoint was written. */
    default void onCheckpoint(TrainingProgress progress, Path checkpoint) {}

    /** When training stops normally (length reached or iteration budget used). */
    default void onEnd(TrainingProgress progress) {}
}
