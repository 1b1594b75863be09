package io.pggan.model;

import ai.djl.ndarray.NDArray;

/** A generator that autograd can differentiate through, so its latents can be optimised. */
public interface DifferentiableGenerator extends LatentGenerator {
    /**
     * Renders latents as a differentiable function of them: inside a {@code GradientCollector}, a
     * backward pass of a loss of the images gives the gradient with respect to {@code z} when
     * {@code z} requires gradients. The generator's weights take none.
     *
     * @param z float32 {@code [n, latentDim]}
     * @return images {@code [n, c, h, w]} (not clipped), on z's manager
     */
    NDArray generateDifferentiable(NDArray z);
}
