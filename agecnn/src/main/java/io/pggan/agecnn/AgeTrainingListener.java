package io.pggan.agecnn;

/** Told about training progress by {@link AgeRegressor#fit}. */
@FunctionalInterface
public interface AgeTrainingListener {
    /**
     * Called after each epoch (after validation).
     *
     * @param result the epoch's numbers
     */
    void onEpochEnd(EpochResult result);
}
