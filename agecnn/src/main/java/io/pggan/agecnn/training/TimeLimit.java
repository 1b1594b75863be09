package io.pggan.agecnn.training;

import io.pggan.agecnn.AgeTrainingListener;
import io.pggan.agecnn.EpochResult;

/**
 * Stops training after the first epoch that ends past a wall-time budget counted from the
 * listener's creation ({@link io.pggan.agecnn.AgeRegressorConfig#timeLimitMinutes()}).
 */
public final class TimeLimit implements AgeTrainingListener {
    private final double minutes;
    private final long start = System.nanoTime();

    /**
     * A listener whose clock starts now.
     *
     * @param minutes the budget; 0 = none
     */
    public TimeLimit(double minutes) {
        if (!(minutes >= 0)) {
            throw new IllegalArgumentException("minutes must be >= 0, got " + minutes);
        }
        this.minutes = minutes;
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        if (minutes > 0 && (System.nanoTime() - start) / 60e9 >= minutes) {
            throw new TrainingStopped(
                    "time limit of " + minutes + " min reached after epoch " + result.epoch());
        }
    }
}
