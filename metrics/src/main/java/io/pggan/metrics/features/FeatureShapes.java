package io.pggan.metrics.features;

import ai.djl.ndarray.NDArray;

/** Shape checks shared by the extractors. */
final class FeatureShapes {
    private FeatureShapes() {}

    static void checkImages(NDArray images) {
        if (images.getShape().dimension() != 4) {
            throw new IllegalArgumentException(
                    "feature extraction needs [N, C, H, W] images, got shape " + images.getShape());
        }
    }

    /** Flattens {@code [N, D, 1, 1]} (pytorch-fid's pool3) or {@code [N, D]} to {@code [N, D]}. */
    static NDArray toMatrix(NDArray out, NDArray images, int dim) {
        long n = images.getShape().get(0);
        if (out.getShape().dimension() == 0 || out.getShape().get(0) != n) {
            throw new IllegalStateException(
                    "feature model returned shape "
                            + out.getShape()
                            + " for "
                            + n
                            + " images; expected ["
                            + n
                            + ", "
                            + dim
                            + "]");
        }
        NDArray m = out.reshape(n, -1);
        if (m.getShape().get(1) != dim) {
            throw new IllegalStateException(
                    "feature model returned "
                            + m.getShape().get(1)
                            + " features per image, expected "
                            + dim
                            + " (shape "
                            + out.getShape()
                            + ")");
        }
        return m;
    }
}
