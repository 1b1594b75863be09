package io.pggan.latent.axis;

import io.pggan.latent.lasso.LassoCv;

/**
 * One way to find an age direction in latent space from labelled training latents. {@link
 * LatentAxisFinder} does the rest the same way for every method: the held-out split, conditioning
 * on other directions, calibration in months and the error report. A new method is one class
 * implementing this and one line, {@code LatentAxisFinder.builder().method(new MyMethod())}.
 */
public interface AxisMethod {
    /** The name stored in the axis file, e.g. {@code LASSO_CV}. */
    String name();

    /**
     * Finds a direction (any length; the finder normalises it).
     *
     * @param train the training part of the samples
     * @return the direction, with its linear model's intercept when the method is a regression
     */
    Direction find(AxisSample train);

    /** LASSO of age on the latent, penalty by K-fold CV (the study). */
    static AxisMethod lassoCv(LassoCv cv) {
        return new LassoCvAxis(cv);
    }

    /** LASSO-CV with the default settings (10 folds, 100 alphas). */
    static AxisMethod lassoCv() {
        return new LassoCvAxis(LassoCv.builder().build());
    }

    /** Ordinary least squares of age on the latent. */
    static AxisMethod ols() {
        return new OlsAxis();
    }

    /** InterFaceGAN: a linear SVM separating the youngest from the oldest 2 %. */
    static AxisMethod svm() {
        return SvmAxis.builder().build();
    }

    /** GANSpace: the principal component (of latents or features) most correlated with age. */
    static AxisMethod pca() {
        return new PcaAxis(20);
    }
}
