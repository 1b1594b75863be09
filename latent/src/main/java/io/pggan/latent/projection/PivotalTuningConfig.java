package io.pggan.latent.projection;

/**
 * Settings of {@link PivotalTuning}; immutable, readable as JSON.
 *
 * @param steps Adam steps on the generator's weights
 * @param learningRate Adam learning rate (PTI: 3e-4)
 * @param pixelWeight weight of the mean squared pixel error at the pivot
 * @param featureWeight weight of the relative feature error at the pivot (0 without features)
 * @param localityWeight weight of the mean squared change of the images of random latents (PTI's
 *     locality regulariser: the rest of the latent space, and with it the age axis, stays put)
 * @param localitySamples random latents of the locality term
 * @param seed seed of those latents
 */
public record PivotalTuningConfig(
        int steps,
        double learningRate,
        double pixelWeight,
        double featureWeight,
        double localityWeight,
        int localitySamples,
        long seed) {

    public PivotalTuningConfig {
        if (steps < 1 || !(learningRate > 0) || pixelWeight < 0 || featureWeight < 0) {
            throw new IllegalArgumentException(
                    "steps >= 1, learningRate > 0 and weights >= 0 are needed, got steps "
                            + steps
                            + ", learningRate "
                            + learningRate
                            + ", pixelWeight "
                            + pixelWeight
                            + ", featureWeight "
                            + featureWeight);
        }
        if (localityWeight < 0 || localitySamples < 0) {
            throw new IllegalArgumentException(
                    "localityWeight and localitySamples must be >= 0, got "
                            + localityWeight
                            + ", "
                            + localitySamples);
        }
    }

    /**
     * 300 steps at 0.002, pixel and feature weight 1, locality weight 0.1 on 8 latents, seed 0
     * (PTI's 3e-4 is for StyleGAN2; on the study's CPU PGGAN 0.002 gained more in the acceptance
     * measurement, and 0.01 diverged).
     */
    public static PivotalTuningConfig defaults() {
        return new PivotalTuningConfig(300, 0.002, 1, 1, 0.1, 8, 0);
    }

    /** These settings with another step count. */
    public PivotalTuningConfig withSteps(int n) {
        return new PivotalTuningConfig(
                n, learningRate, pixelWeight, featureWeight, localityWeight, localitySamples, seed);
    }
}
