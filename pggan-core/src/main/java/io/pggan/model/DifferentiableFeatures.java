package io.pggan.model;

import ai.djl.ndarray.NDArray;

/**
 * An image feature map autograd can differentiate through (the age CNN's pooled features), for the
 * feature loss of a projection.
 */
public interface DifferentiableFeatures {
    /** Features per image. */
    int featureDim();

    /**
     * Features of images as a differentiable function of them.
     *
     * @param images {@code [n, c, h, w]} at the generator's resolution, about [-1, 1]; the
     *     implementation resizes them to its own input
     * @return {@code [n, featureDim]} on the images' manager
     */
    NDArray featuresDifferentiable(NDArray images);

    /**
     * Opened around a projection: an implementation may stop its weights from taking gradients
     * meanwhile, so backward passes compute input gradients only. The default does nothing.
     */
    default Scope inputGradientsOnly() {
        return () -> {};
    }

    /** A scope closed without checked exceptions. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
