/**
 * Finding an age direction in latent space (LASSO-CV, OLS, InterFaceGAN SVM, GANSpace PCA) and the
 * {@link io.pggan.latent.axis.AgeAxis} file bound to one generator.
 */
package io.pggan.latent.axis;
