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

    /** 100 steps at 3e-4, pixel and feature weight 1, locality weight 1 on 8 latents, seed 0. */
    public static PivotalTuningConfig defaults() {
        return new PivotalTuningConfig(100, 3e-4, 1, 1, 1, 8, 0);
    }
}
