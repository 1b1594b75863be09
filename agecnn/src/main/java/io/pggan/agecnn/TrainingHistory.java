package io.pggan.agecnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a {@link AgeRegressor#fit} run did.
 *
 * @param epochs one entry per finished epoch
 * @param bestEpoch the epoch whose parameters the model holds after fitting (1-based)
 * @param stoppedEarly whether early stopping ended the run before the configured epochs
 */
public record TrainingHistory(
        @JsonProperty("epochs") List<EpochResult> epochs,
        @JsonProperty("bestEpoch") int bestEpoch,
        @JsonProperty("stoppedEarly") boolean stoppedEarly) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The best validation MAE in months (NaN without validation). */
    public double bestValidationMae() {
        return epochs.stream()
                .filter(e -> e.epoch() == bestEpoch)
                .mapToDouble(EpochResult::validationMae)
                .findFirst()
                .orElse(Double.NaN);
    }
}
