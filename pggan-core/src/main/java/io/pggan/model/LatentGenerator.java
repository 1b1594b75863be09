package io.pggan.model;

import ai.djl.ndarray.NDArray;

/**
 * What the latent analysis needs from a generator ({@link io.pggan.gan.PgganLatentGenerator} is the
 * PGGAN seen this way): a latent size, a way to render latents, and an identity so that directions
 * found for one model are never applied to another.
 */
public interface LatentGenerator {
    /** Length of a latent vector (512 for the study's PGGAN). */
    int latentDim();

    /**
     * Renders latents.
     *
     * @param z float32 {@code [n, latentDim]}
     * @return images {@code [n, c, h, w]} with values in [-1, 1], on z's manager
     */
    NDArray generate(NDArray z);

    /** A stable identifier of the trained weights, e.g. the snapshot's name and hash. */
    String modelId();
}
