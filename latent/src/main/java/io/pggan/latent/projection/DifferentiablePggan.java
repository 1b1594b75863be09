package io.pggan.latent.projection;

import ai.djl.ndarray.NDArray;
import io.pggan.gan.Pggan;
import io.pggan.gan.training.GanState;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained {@link Pggan}'s moving-average generator Gs, at its current resolution, as a generator
 * the latent module can sample ({@link #generate}, clipped to [-1, 1]) and differentiate through
 * ({@link #generateDifferentiable}, for projection), whose weights pivotal tuning may change
 * ({@link #weights()}: Gs's arrays). Does not own the model.
 */
public final class DifferentiablePggan implements TunableGenerator {
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
        return gan.config().architecture().latentDim();
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
    public List<NDArray> weights() {
        return GanState.arrays(gan.state().averagedGenerator());
    }

    @Override
    public String modelId() {
        return modelId;
    }
}
