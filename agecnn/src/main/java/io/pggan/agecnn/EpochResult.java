package io.pggan.agecnn;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One finished training epoch.
 *
 * @param epoch 1-based epoch number
 * @param trainMae mean absolute error in months on the (augmented) training batches, measured while
 *     training
 * @param validationMae mean absolute error in months on the validation set (NaN without one)
 * @param learningRate learning rate at the end of the epoch
 * @param seconds wall time of the epoch including validation
 * @param best whether this epoch has the best validation MAE so far (the one restored at the end)
 */
public record EpochResult(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("trainMae") double trainMae,
        @JsonProperty("validationMae") double validationMae,
        @JsonProperty("learningRate") double learningRate,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("best") boolean best) {}
