package io.pggan.metrics.features;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * Maps a batch of images to feature vectors: the plug-in point for FID, KID, IS, precision/recall
 * and feature-space nearest neighbours. Implementations: {@link TorchScriptFeatureExtractor} (e.g.
 * Inception-v3 from a user-supplied TorchScript file), {@link BlockFeatureExtractor} (any DJL Block
 * or Model), and {@link #of(int, UnaryOperator)} to adapt any function, such as the bone-age CNN's
 * 2048-d penultimate layer from another module.
 */
public interface FeatureExtractor extends AutoCloseable {
    /** Feature dimension D. */
    int dim();

    /**
     * Computes features.
     *
     * @param images {@code [N, C, H, W]} float32 images in [-1, 1] (the generator's output range)
     * @return {@code [N, D]} features (any float type), attached to the images' manager
     */
    NDArray extract(NDArray images);

    /** Releases the model, if any. */
    @Override
    default void close() {}

    /**
     * Adapts a function (e.g. another module's CNN) to this interface; the function receives {@code
     * [N, C, H, W]} images in [-1, 1] and must return {@code [N, dim]} (or {@code [N, dim, 1, 1]})
     * features.
     */
    static FeatureExtractor of(int dim, UnaryOperator<NDArray> function) {
        if (dim <= 0) {
            throw new IllegalArgumentException("feature dimension must be positive, got " + dim);
        }
        return new FeatureExtractor() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public NDArray extract(NDArray images) {
                FeatureShapes.checkImages(images);
                return FeatureShapes.toMatrix(function.apply(images), images, dim);
            }
        };
    }
}
