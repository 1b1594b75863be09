package io.pggan.agecnn.training;

import io.pggan.agecnn.AgeTrainingListener;
import io.pggan.agecnn.EpochResult;

/**
 * Stops training when the validation MAE has not improved for {@code patience} epochs ({@link
 * io.pggan.agecnn.AgeRegressorConfig#patience()}; {@code AgeRegressor.fit} adds it when there is a
 * validation set).
 */
public final class EarlyStopping implements AgeTrainingListener {
    private final int patience;
    private int sinceBest;

    /**
     * A listener.
     *
     * @param patience epochs without a better validation MAE; 0 never stops
     */
    public EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        sinceBest = result.best() ? 0 : sinceBest + 1;
        if (patience > 0 && sinceBest >= patience) {
            throw new TrainingStopped(
                    "early stop after epoch "
                            + result.epoch()
                            + ": no better validation MAE for "
                            + sinceBest
                            + " epochs");
        }
    }
}
