package io.pggan.latent.editing;

import io.pggan.latent.projection.Projection;

/**
 * One target image, projected and aged.
 *
 * @param projection the latent found for the image and its losses
 * @param deltaMonths the requested age changes
 * @param editedLatents the latent moved by each requested change, {@code [deltas][latentDim]}
 * @param originalMonths the CNN's age of the original image
 * @param reconstructionMonths the CNN's age of the reconstruction
 * @param editedMonths the CNN's age of each edited image
 * @param reconstruction the reconstruction's pixels, {@code [c * h * w]} in [-1, 1]
 * @param editedImages each edited image's pixels
 * @param tuningLosses the pivotal tuning's loss per step, or null without tuning
 */
public record EditedImage(
        Projection projection,
        double[] deltaMonths,
        float[][] editedLatents,
        double originalMonths,
        double reconstructionMonths,
        double[] editedMonths,
        float[] reconstruction,
        float[][] editedImages,
        float[] tuningLosses) {}
