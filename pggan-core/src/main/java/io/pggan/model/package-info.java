/**
 * The small interfaces the modules meet at: a generator of images from latents ({@link
 * io.pggan.model.LatentGenerator}) and a bone-age predictor ({@link io.pggan.model.AgePredictor}).
 * The GAN and the age CNN implement them; the latent analysis uses them without knowing either.
 */
package io.pggan.model;
