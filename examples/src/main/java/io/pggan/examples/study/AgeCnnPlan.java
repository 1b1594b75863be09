package io.pggan.examples.study;

/**
 * The bone-age Xception.
 *
 * @param minInput smallest side of the CNN's input: it sees the GAN's images bilinearly upsampled
 *     to the larger of this and the GAN resolution (at least 71, Xception's smallest input)
 * @param width Xception width multiplier
 * @param epochs training epochs
 * @param minutes wall-time cap of the training (0 = none)
 * @param validation validation images
 * @param test test images
 * @param batch minibatch
 * @param learningRate initial learning rate (cosine schedule)
 * @param augmentation the radiograph augmentation (off when thousands of fresh phantoms make it
 *     unnecessary: it only slows learning there)
 */
public record AgeCnnPlan(
        int minInput,
        double width,
        int epochs,
        double minutes,
        int validation,
        int test,
        int batch,
        double learningRate,
        boolean augmentation) {
    /** Checks the fields. */
    public AgeCnnPlan {
        if (minInput < 71) {
            throw new IllegalArgumentException(
                    "ageCnn.minInput: the age CNN needs at least 71 px, got " + minInput);
        }
        if (!(width > 0) || epochs < 1 || batch < 1 || validation < 1 || test < 1) {
            throw new IllegalArgumentException(
                    "ageCnn: width, epochs, batch, validation and test must be positive");
        }
        if (!(minutes >= 0) || !(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "ageCnn: minutes must be >= 0 and learningRate > 0, got "
                            + minutes
                            + " and "
                            + learningRate);
        }
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of an {@link AgeCnnPlan}. */
    public static final class Builder {
        private int minInput;
        private double width;
        private int epochs;
        private double minutes;
        private int validation;
        private int test;
        private int batch;
        private double learningRate;
        private boolean augmentation;

        private Builder(AgeCnnPlan p) {
            minInput = p.minInput;
            width = p.width;
            epochs = p.epochs;
            minutes = p.minutes;
            validation = p.validation;
            test = p.test;
            batch = p.batch;
            learningRate = p.learningRate;
            augmentation = p.augmentation;
        }

        /** Smallest input side. */
        public Builder minInput(int v) {
            minInput = v;
            return this;
        }

        /** Width multiplier. */
        public Builder width(double v) {
            width = v;
            return this;
        }

        /** Epochs. */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Wall-time cap in minutes (0 = none). */
        public Builder minutes(double v) {
            minutes = v;
            return this;
        }

        /** Validation images. */
        public Builder validation(int v) {
            validation = v;
            return this;
        }

        /** Test images. */
        public Builder test(int v) {
            test = v;
            return this;
        }

        /** Minibatch. */
        public Builder batch(int v) {
            batch = v;
            return this;
        }

        /** Initial learning rate. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Radiograph augmentation on or off. */
        public Builder augmentation(boolean v) {
            augmentation = v;
            return this;
        }

        /** The plan. */
        public AgeCnnPlan build() {
            return new AgeCnnPlan(
                    minInput,
                    width,
                    epochs,
                    minutes,
                    validation,
                    test,
                    batch,
                    learningRate,
                    augmentation);
        }
    }
}
