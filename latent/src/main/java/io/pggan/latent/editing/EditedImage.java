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
 */
public record EditedImage(
        Projection projection,
        double[] deltaMonths,
        float[][] editedLatents,
        double originalMonths,
        double reconstructionMonths,
        double[] editedMonths) {}
