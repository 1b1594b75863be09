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
        return new Builder().from(this);
    }

    /**
     * The setters of a configuration, written once for {@link Builder} and for {@link
     * AgeRegressor.Builder} (which builds the model itself); the defaults suit a CPU run on 128x128
     * images.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Setters<B extends Setters<B>> {
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

        Setters() {}

        /** This builder, typed. */
        abstract B self();

        /** Takes every field from a configuration. */
        public B from(AgeRegressorConfig c) {
            inputChannels = c.inputChannels;
            widthMultiplier = c.widthMultiplier;
            useSex = c.useSex;
            hiddenUnits = c.hiddenUnits;
            batchNormMomentum = c.batchNormMomentum;
            epochs = c.epochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            schedule = c.schedule;
            patience = c.patience;
            augmentation = c.augmentation;
            seed = c.seed;
            evalBatchSize = c.evalBatchSize;
            progressBar = c.progressBar;
            timeLimitMinutes = c.timeLimitMinutes;
            return self();
        }

        /** Image channels: 1 (grayscale) or 3. */
        public B inputChannels(int v) {
            inputChannels = v;
            return self();
        }

        /** Xception channel width, (0, 1]. */
        public B widthMultiplier(double v) {
            widthMultiplier = v;
            return self();
        }

        /** Whether the head takes sex as an input. */
        public B useSex(boolean v) {
            useSex = v;
            return self();
        }

        /** Width of the head's hidden layer. */
        public B hiddenUnits(int v) {
            hiddenUnits = v;
            return self();
        }

        /** Batch-norm momentum. */
        public B batchNormMomentum(float v) {
            batchNormMomentum = v;
            return self();
        }

        /** Maximum epochs. */
        public B epochs(int v) {
            epochs = v;
            return self();
        }

        /** Training batch size. */
        public B batchSize(int v) {
            batchSize = v;
            return self();
        }

        /** Adam's initial learning rate. */
        public B learningRate(float v) {
            learningRate = v;
            return self();
        }

        /** Learning-rate schedule over the run. */
        public B schedule(LearningRateSchedule v) {
            schedule = v;
            return self();
        }

        /** Epochs without a better validation MAE before stopping early (0 = never). */
        public B patience(int v) {
            patience = v;
            return self();
        }

        /** Training-time augmentation. */
        public B augmentation(Augmentation v) {
            augmentation = v;
            return self();
        }

        /** Seed of initialisation, shuffling and augmentation. */
        public B seed(long v) {
            seed = v;
            return self();
        }

        /** Batch size for prediction and evaluation. */
        public B evalBatchSize(int v) {
            evalBatchSize = v;
            return self();
        }

        /** Console progress bar while training. */
        public B progressBar(boolean v) {
            progressBar = v;
            return self();
        }

        /** Stop after the first epoch that ends past this wall time (0 = none). */
        public B timeLimitMinutes(double v) {
            timeLimitMinutes = v;
            return self();
        }

        /** The configuration set so far, validated. */
        AgeRegressorConfig configuration() {
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

    /** Builds an {@link AgeRegressorConfig}. */
    public static final class Builder extends Setters<Builder> {
        Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Validates and builds. */
        public AgeRegressorConfig build() {
            return configuration();
        }
    }
}
