package io.pggan.latent.projection;

import ai.djl.ndarray.NDArray;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.data.Bilinear;
import io.pggan.latent.AgePredictor;

/**
 * The bone-age CNN as the latent module's {@link AgePredictor} (months and pooled features) and as
 * the {@link DifferentiableAgeModel} of a projection's feature loss and of guided edits. Images are
 * clipped to [-1, 1] and bilinearly resized to the CNN's input ({@link Bilinear}, PyTorch's {@code
 * align_corners = False}; the differentiable path uses the same interpolation as matrix products).
 * Does not own the model.
 */
public final class DifferentiableAgeCnn implements AgePredictor, DifferentiableAgeModel {
    private final AgeRegressor model;
    private final int inputSize;

    /**
     * Adapts a model without a sex input.
     *
     * @param model the trained regressor (not closed by this adapter)
     * @param inputSize side the CNN was trained at (at least 71)
     */
    public DifferentiableAgeCnn(AgeRegressor model, int inputSize) {
        if (model.config().useSex()) {
            throw new IllegalArgumentException(
                    "generated images have no sex label: use an age model trained with"
                            + " useSex(false)");
        }
        if (inputSize < 71) {
            throw new IllegalArgumentException(
                    "Xception needs at least 71 px, got inputSize " + inputSize);
        }
        this.model = model;
        this.inputSize = inputSize;
    }

    /** The wrapped model. */
    public AgeRegressor model() {
        return model;
    }

    /** The CNN's input side. */
    public int inputSize() {
        return inputSize;
    }

    private NDArray prepare(NDArray images) {
        return Bilinear.resize(images.clip(-1f, 1f), inputSize).clip(-1f, 1f);
    }

    @Override
    public float[] predictMonths(NDArray images) {
        return model.predict(prepare(images));
    }

    @Override
    public int featureDim() {
        return model.featureSize();
    }

    @Override
    public Prediction predictWithFeatures(NDArray images) {
        AgeRegressor.AgesAndFeatures both = model.predictWithFeatures(prepare(images), null);
        float[] flat = both.features().toFloatArray();
        int d = featureDim();
        float[][] rows = new float[both.months().length][d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return new Prediction(both.months(), rows);
    }

    @Override
    public NDArray featuresDifferentiable(NDArray images) {
        NDArray x = Bilinear.resizeDifferentiable(images.clip(-1f, 1f), inputSize).clip(-1f, 1f);
        return model.differentiableFeatures(x);
    }

    @Override
    public NDArray monthsDifferentiable(NDArray features) {
        return model.differentiableMonths(features, null);
    }

    @Override
    public Scope inputGradientsOnly() {
        AgeRegressor.FrozenWeights frozen = model.freezeWeights();
        return frozen::close;
    }
}
