package io.pggan.model;

import ai.djl.ndarray.NDArray;

/**
 * What the latent analysis needs from a bone-age model (agecnn's {@code AgeCnnPredictor} is the
 * Xception regressor seen this way). It lives here, in the base module, so that the latent module
 * needs no CNN and the CNN module no latent analysis.
 */
public interface AgePredictor {
    /**
     * Predicted bone age in months of each image.
     *
     * @param images {@code [n, c, h, w]} in [-1, 1], as produced by a {@link LatentGenerator}
     */
    float[] predictMonths(NDArray images);

    /** Length of the optional feature vector per image; 0 if the predictor offers none. */
    default int featureDim() {
        return 0;
    }

    /**
     * Predicted months plus a feature vector per image (e.g. the CNN's pooled features). Only
     * available when {@link #featureDim()} is positive.
     */
    default Prediction predictWithFeatures(NDArray images) {
        throw new IllegalStateException(
                getClass().getSimpleName() + " offers no features (featureDim() == 0)");
    }

    /**
     * Months and features of a batch.
     *
     * @param months one value per image
     * @param features {@code [n][featureDim]}
     */
    record Prediction(float[] months, float[][] features) {}
}
