package io.pggan.latent.projection;

/**
 * The latent found for one target image.
 *
 * @param latent the latent, {@code [latentDim]}
 * @param pixelLoss mean squared pixel error of its image (images in [-1, 1])
 * @param featureLoss relative mean squared feature error (0 without features)
 * @param priorLoss {@code (mean(z^2) - 1)^2}
 * @param loss the weighted total the projection minimised
 * @param restart which restart won
 * @param losses total loss of the winning restart at every step (with that step's noise)
 */
public record Projection(
        float[] latent,
        double pixelLoss,
        double featureLoss,
        double priorLoss,
        double loss,
        int restart,
        float[] losses) {}
