package io.pggan.latent.projection;

import io.pggan.io.Json;
import java.io.IOException;

/**
 * Settings of a {@link Projector}; immutable, readable as JSON.
 *
 * @param steps Adam steps per restart
 * @param restarts independent optimisations per target (run side by side in one batch); the one
 *     with the lowest final loss wins
 * @param candidates random latents scored once (no gradients); each target's restarts start from
 *     its best-scoring distinct candidates (0: start from random latents)
 * @param learningRate peak Adam learning rate (StyleGAN2's projector: 0.1)
 * @param beta1 Adam beta1
 * @param beta2 Adam beta2
 * @param rampUp fraction of the steps over which the learning rate rises linearly from 0
 * @param rampDown fraction of the steps over which it falls back to 0 along a half cosine
 * @param noiseFactor standard deviation of Gaussian noise added to the latent at the start (latent
 *     coordinates have unit variance), decaying as {@code (1 - t / noiseRamp)^2}
 * @param noiseRamp fraction of the steps after which no noise is added
 * @param pixelWeight weight of the mean squared pixel error (images in [-1, 1])
 * @param featureWeight weight of the mean squared feature error, relative to the target's mean
 *     squared feature value (so the term is scale-free)
 * @param priorWeight weight of the latent prior {@code (mean(z^2) - 1)^2}, which keeps z on the
 *     shell where N(0, I) latents lie
 * @param batchSize rows (targets x restarts) optimised at once: bounds the memory
 * @param seed seed of the candidates, initial latents and noise
 * @param progressBar console progress bar
 */
public record ProjectionConfig(
        int steps,
        int restarts,
        int candidates,
        double learningRate,
        double beta1,
        double beta2,
        double rampUp,
        double rampDown,
        double noiseFactor,
        double noiseRamp,
        double pixelWeight,
        double featureWeight,
        double priorWeight,
        int batchSize,
        long seed,
        boolean progressBar) {

    public ProjectionConfig {
        check(steps >= 1, "steps must be >= 1, got " + steps);
        check(restarts >= 1, "restarts must be >= 1, got " + restarts);
        check(candidates >= 0, "candidates must be >= 0, got " + candidates);
        check(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        check(rampUp >= 0 && rampUp <= 1, "rampUp must be in [0, 1], got " + rampUp);
        check(rampDown >= 0 && rampDown <= 1, "rampDown must be in [0, 1], got " + rampDown);
        check(noiseFactor >= 0, "noiseFactor must be >= 0, got " + noiseFactor);
        check(noiseRamp > 0 && noiseRamp <= 1, "noiseRamp must be in (0, 1], got " + noiseRamp);
        check(
                pixelWeight >= 0 && featureWeight >= 0 && pixelWeight + featureWeight > 0,
                "pixelWeight and featureWeight must be >= 0 and not both 0, got "
                        + pixelWeight
                        + " and "
                        + featureWeight);
        check(priorWeight >= 0, "priorWeight must be >= 0, got " + priorWeight);
        check(
                batchSize >= restarts,
                "batchSize must hold at least one target's restarts ("
                        + restarts
                        + "), got "
                        + batchSize);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults: see {@link Builder}. */
    public static ProjectionConfig defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps;
        b.restarts = restarts;
        b.candidates = candidates;
        b.learningRate = learningRate;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.rampUp = rampUp;
        b.rampDown = rampDown;
        b.noiseFactor = noiseFactor;
        b.noiseRamp = noiseRamp;
        b.pixelWeight = pixelWeight;
        b.featureWeight = featureWeight;
        b.priorWeight = priorWeight;
        b.batchSize = batchSize;
        b.seed = seed;
        b.progressBar = progressBar;
        return b;
    }

    /** Readable JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * Reads {@link #toJson()} output; every field must be there.
     *
     * @throws IllegalArgumentException naming the bad or missing field
     */
    public static ProjectionConfig fromJson(String json) {
        try {
            return Json.mapper().readValue(json, ProjectionConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ProjectionConfig: " + e.getMessage(), e);
        }
    }

    /** Builder; defaults in brackets. */
    public static final class Builder {
        private int steps = 200;
        private int restarts = 4;
        private int candidates = 256;
        private double learningRate = 0.1;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double rampUp = 0.05;
        private double rampDown = 0.25;
        private double noiseFactor = 0.05;
        private double noiseRamp = 0.75;
        private double pixelWeight = 1;
        private double featureWeight = 1;
        private double priorWeight = 1;
        private int batchSize = 32;
        private long seed = 0;
        private boolean progressBar = true;

        private Builder() {}

        /** Adam steps per restart [200]. */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Restarts per target [4]. */
        public Builder restarts(int v) {
            restarts = v;
            return this;
        }

        /** Random latents scored to start from [256]; 0 = random starts. */
        public Builder candidates(int v) {
            candidates = v;
            return this;
        }

        /** Peak learning rate [0.1]. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Adam betas [0.9, 0.999]. */
        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /** Warm-up and ramp-down fractions [0.05, 0.25]. */
        public Builder ramps(double up, double down) {
            rampUp = up;
            rampDown = down;
            return this;
        }

        /** Latent noise: initial standard deviation and the fraction it lasts [0.05, 0.75]. */
        public Builder noise(double factor, double ramp) {
            noiseFactor = factor;
            noiseRamp = ramp;
            return this;
        }

        /** Pixel loss weight [1]. */
        public Builder pixelWeight(double v) {
            pixelWeight = v;
            return this;
        }

        /** Feature loss weight (relative) [1]. */
        public Builder featureWeight(double v) {
            featureWeight = v;
            return this;
        }

        /** Latent prior weight [1]. */
        public Builder priorWeight(double v) {
            priorWeight = v;
            return this;
        }

        /** Rows (targets x restarts) per batch [32]. */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Seed [0]. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Console progress bar [true]. */
        public Builder progressBar(boolean v) {
            progressBar = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming a bad field
         */
        public ProjectionConfig build() {
            return new ProjectionConfig(
                    steps,
                    restarts,
                    candidates,
                    learningRate,
                    beta1,
                    beta2,
                    rampUp,
                    rampDown,
                    noiseFactor,
                    noiseRamp,
                    pixelWeight,
                    featureWeight,
                    priorWeight,
                    batchSize,
                    seed,
                    progressBar);
        }
    }
}
