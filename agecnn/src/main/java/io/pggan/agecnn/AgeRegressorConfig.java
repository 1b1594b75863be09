package io.pggan.agecnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.agecnn.network.Xception;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.agecnn.training.LearningRateSchedule;
import java.util.Objects;

/**
 * Everything that defines an {@link AgeRegressor}: the network and how it is trained. Immutable;
 * written as readable JSON next to the saved parameters.
 *
 * @param inputChannels 1 (grayscale) or 3
 * @param widthMultiplier Xception channel width, (0, 1]; 1 = Keras's network
 * @param useSex whether the head takes sex as an input
 * @param hiddenUnits width of the head's hidden layer
 * @param batchNormMomentum batch-norm momentum (Keras's 0.99 suits long runs; 0.9 lets the moving
 *     statistics settle within the few hundred steps of a CPU run)
 * @param epochs maximum epochs
 * @param batchSize training batch size
 * @param learningRate Adam's initial learning rate
 * @param schedule learning-rate schedule over the run
 * @param patience epochs without a better validation MAE before stopping early (0 = never stop)
 * @param augmentation training-time augmentation
 * @param seed seed for initialisation, shuffling and augmentation
 * @param evalBatchSize batch size for prediction and evaluation
 * @param progressBar show a console progress bar while training
 * @param timeLimitMinutes stop after the first epoch that ends past this wall time (0 = no limit)
 */
public record AgeRegressorConfig(
        @JsonProperty("inputChannels") int inputChannels,
        @JsonProperty("widthMultiplier") double widthMultiplier,
        @JsonProperty("useSex") boolean useSex,
        @JsonProperty("hiddenUnits") int hiddenUnits,
        @JsonProperty("batchNormMomentum") float batchNormMomentum,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("batchSize") int batchSize,
        @JsonProperty("learningRate") float learningRate,
        @JsonProperty("schedule") LearningRateSchedule schedule,
        @JsonProperty("patience") int patience,
        @JsonProperty("augmentation") Augmentation augmentation,
        @JsonProperty("seed") long seed,
        @JsonProperty("evalBatchSize") int evalBatchSize,
        @JsonProperty("progressBar") boolean progressBar,
        @JsonProperty("timeLimitMinutes") double timeLimitMinutes) {
    public AgeRegressorConfig {
        // Reuse the network builder's checks so the messages are the same everywhere.
        Xception.builder()
                .inputChannels(inputChannels)
                .widthMultiplier(widthMultiplier)
                .batchNormMomentum(batchNormMomentum);
        positive("hiddenUnits", hiddenUnits);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("evalBatchSize", evalBatchSize);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException(
                    "learningRate must be in (0, 1), got " + learningRate);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        if (!(timeLimitMinutes >= 0)) {
            throw new IllegalArgumentException(
                    "timeLimitMinutes must be >= 0, got " + timeLimitMinutes);
        }
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(augmentation, "augmentation");
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + value);
        }
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputChannels = inputChannels;
        b.widthMultiplier = widthMultiplier;
        b.useSex = useSex;
        b.hiddenUnits = hiddenUnits;
        b.batchNormMomentum = batchNormMomentum;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.schedule = schedule;
        b.patience = patience;
        b.augmentation = augmentation;
        b.seed = seed;
        b.evalBatchSize = evalBatchSize;
        b.progressBar = progressBar;
        b.timeLimitMinutes = timeLimitMinutes;
        return b;
    }

    /** Builds an {@link AgeRegressorConfig}; the defaults suit a CPU run on 128x128 images. */
    public static final class Builder {
        private int inputChannels = 1;
        private double widthMultiplier = 0.25;
        private boolean useSex = true;
        private int hiddenUnits = 128;
        private float batchNormMomentum = 0.9f;
        private int epochs = 30;
        private int batchSize = 32;
        private float learningRate = 1e-3f;
        private LearningRateSchedule schedule = LearningRateSchedule.COSINE;
        private int patience = 6;
        private Augmentation augmentation = Augmentation.radiographDefaults();
        private long seed = 42;
        private int evalBatchSize = 64;
        private boolean progressBar = true;
        private double timeLimitMinutes = 0;

        Builder() {}

        public Builder inputChannels(int v) {
            inputChannels = v;
            return this;
        }

        public Builder widthMultiplier(double v) {
            widthMultiplier = v;
            return this;
        }

        public Builder useSex(boolean v) {
            useSex = v;
            return this;
        }

        public Builder hiddenUnits(int v) {
            hiddenUnits = v;
            return this;
        }

        public Builder batchNormMomentum(float v) {
            batchNormMomentum = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(float v) {
            learningRate = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule v) {
            schedule = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder augmentation(Augmentation v) {
            augmentation = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder evalBatchSize(int v) {
            evalBatchSize = v;
            return this;
        }

        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        public Builder timeLimitMinutes(double v) {
            timeLimitMinutes = v;
            return this;
        }

        public AgeRegressorConfig build() {
            return new AgeRegressorConfig(
                    inputChannels,
                    widthMultiplier,
                    useSex,
                    hiddenUnits,
                    batchNormMomentum,
                    epochs,
                    batchSize,
                    learningRate,
                    schedule,
                    patience,
                    augmentation,
                    seed,
                    evalBatchSize,
                    progressBar,
                    timeLimitMinutes);
        }
    }
}
