package io.pggan.agecnn;

import ai.djl.ndarray.NDArray;
import io.pggan.data.Bilinear;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.model.AgePredictor;

/**
 * The bone-age CNN as the other modules see it, for images of another size (a GAN's): the {@link
 * AgePredictor} the latent analysis uses (months, plus the pooled Xception features: 2048 at full
 * width, {@code round(2048 * width)} otherwise) and metrics' {@link FeatureExtractor}
 * (FID/KID/precision-recall in the age CNN's feature space). Images smaller than the CNN's input
 * are bilinearly upsampled to it ({@link Bilinear}). Values are clipped to [-1, 1] first (a GAN's
 * output may overshoot slightly; the CNN refuses values outside the range). The adapter owns the
 * model: closing it closes the model.
 */
public final class AgeCnnPredictor implements AgePredictor, AutoCloseable {
    private final AgeRegressor model;
    private final int inputSize;

    /**
     * The CNN for images of any size, resized to its input.
     *
     * @param model the trained regressor (closed with this adapter)
     * @param inputSize side the CNN was trained at (at least 71)
     */
    public AgeCnnPredictor(AgeRegressor model, int inputSize) {
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

    /** Clipped to [-1, 1] and resized to the CNN's input. */
    public NDArray prepare(NDArray images) {
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
    public void close() {
        model.close();
    }

    /** The pooled features as a metrics {@link FeatureExtractor} (closing it leaves the model). */
    public FeatureExtractor featureExtractor() {
        return FeatureExtractor.of(featureDim(), images -> model.features(prepare(images)));
    }
}
