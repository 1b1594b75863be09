package io.pggan.latent.adapters;

import ai.djl.ndarray.NDArray;
import io.pggan.gan.Pggan;
import io.pggan.latent.projection.DifferentiableGenerator;
import java.nio.file.Path;

/**
 * A trained {@link Pggan}'s moving-average generator Gs, at its current resolution, as a generator
 * the latent module can sample ({@link #generate}, clipped to [-1, 1]) and differentiate through
 * ({@link #generateDifferentiable}, for projection). Does not own the model.
 */
public final class DifferentiablePggan implements DifferentiableGenerator {
    private final Pggan gan;
    private final String modelId;

    /**
     * Adapts a model.
     *
     * @param gan the trained model (not closed by this adapter)
     * @param modelId stable id of its weights (see {@link Pggan#weightsId(Path)})
     */
    public DifferentiablePggan(Pggan gan, String modelId) {
        this.gan = gan;
        this.modelId = modelId;
    }

    /** Adapts a model loaded from {@code weights}; the id is {@link Pggan#weightsId(Path)}. */
    public static DifferentiablePggan of(Pggan gan, Path weights) {
        return new DifferentiablePggan(gan, Pggan.weightsId(weights));
    }

    /** The wrapped model. */
    public Pggan gan() {
        return gan;
    }

    @Override
    public int latentDim() {
        return gan.config().latentDim();
    }

    @Override
    public NDArray generate(NDArray z) {
        return gan.generate(z).clip(-1f, 1f);
    }

    @Override
    public NDArray generateDifferentiable(NDArray z) {
        return gan.generateDifferentiable(z);
    }

    @Override
    public String modelId() {
        return modelId;
    }
}
