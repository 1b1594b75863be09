package io.pggan.latent.axis;

/** How {@link LatentAxisFinder} finds the age direction. */
public enum AxisMethod {
    /** LASSO of age on the latent, penalty by K-fold CV (the study). */
    LASSO_CV,
    /** Ordinary least squares of age on the latent. */
    OLS,
    /**
     * InterFaceGAN: a linear SVM separating the youngest from the oldest samples (2 % each by
     * default); the boundary's normal is the direction.
     */
    SVM,
    /**
     * GANSpace-style: principal components of features (the latents themselves unless activations
     * are given), mapped back to latent space by least squares; the component most correlated with
     * age is the direction.
     */
    PCA
}
