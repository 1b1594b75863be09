package io.pggan.model;

import ai.djl.ndarray.NDArray;

/** An age CNN whose features and age autograd can differentiate through. */
public interface DifferentiableAgeModel extends DifferentiableFeatures {
    /**
     * Ages in months of {@link #featuresDifferentiable} output, differentiable.
     *
     * @param features {@code [n, featureDim]}
     * @return {@code [n]}
     */
    NDArray monthsDifferentiable(NDArray features);
}
