/**
 * Latent-space analysis of a generator: labelling sampled latents with a predicted age ({@link
 * io.pggan.latent.labeling}), LASSO with cross-validation ({@link io.pggan.latent.lasso}), finding
 * an age axis ({@link io.pggan.latent.axis}), interpolation ({@link
 * io.pggan.latent.interpolation}), LOESS ({@link io.pggan.latent.loess}) and the aging video
 * ({@link io.pggan.latent.video}). Depends on pggan-core only; the generator and the age model are
 * reached through {@link io.pggan.model.LatentGenerator} and {@link io.pggan.model.AgePredictor},
 * which pggan-core defines and the GAN and the age CNN implement.
 */
package io.pggan.latent;
