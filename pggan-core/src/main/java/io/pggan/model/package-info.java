/**
 * The small interfaces the modules meet at: a generator of images from latents ({@link
 * io.pggan.model.LatentGenerator}) and a bone-age predictor ({@link io.pggan.model.AgePredictor}).
 * The GAN and the age CNN implement them; the latent analysis uses them without knowing either. For
 * projecting real images into the latent space, their differentiable forms: {@link
 * io.pggan.model.DifferentiableGenerator} (and {@link io.pggan.model.TunableGenerator}, whose
 * weights pivotal tuning may change), {@link io.pggan.model.DifferentiableFeatures} and {@link
 * io.pggan.model.DifferentiableAgeModel}.
 */
package io.pggan.model;
