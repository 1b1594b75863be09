package io.pggan.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A differentiable generator whose weights a pivotal tuning (latent module) may change and restore.
 */
public interface TunableGenerator extends DifferentiableGenerator {
    /**
     * The weight arrays the images depend on, changed in place by a tuning; {@link #generate} and
     * {@link #generateDifferentiable} must read them as they are at each call.
     */
    List<NDArray> weights();
}
