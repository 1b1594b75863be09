package io.pggan.agecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.Bilinear;
import io.pggan.engine.PgganEngine;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.model.AgePredictor;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CNN seen as latent's AgePredictor and metrics' FeatureExtractor, for GAN-sized images. */
class AgeCnnPredictorTest {
    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    private static AgeRegressor.Builder tiny() {
        return AgeRegressor.builder()
                .widthMultiplier(0.0625)
                .hiddenUnits(16)
                .evalBatchSize(4)
                .progressBar(false)
                .seed(3);
    }

    @Test
    void resizesAndClipsGanImagesBeforeTheCnn() {
        try (AgeCnnPredictor age = new AgeCnnPredictor(tiny().useSex(false).build(), 72);
                NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(1);
            float[] v = new float[6 * 32 * 32];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 1.5); // overshoots [-1, 1] as GAN output may
            }
            NDArray images = m.create(v, new Shape(6, 1, 32, 32));
            AgePredictor predictor = age;
            float[] months = predictor.predictMonths(images);
            NDArray resized = Bilinear.resize(images.clip(-1f, 1f), 72).clip(-1f, 1f);
            assertThat(months).containsExactly(age.model().predict(resized));
            assertThat(predictor.featureDim()).isEqualTo(age.model().featureSize());
            AgePredictor.Prediction both = predictor.predictWithFeatures(images);
            for (int i = 0; i < months.length; i++) {
                assertThat(both.months()[i]).isCloseTo(months[i], within(1e-3f));
            }
            assertThat(both.features()).hasNumberOfRows(6);
            FeatureExtractor f = age.featureExtractor();
            float[] rows = f.extract(images).toFloatArray();
            assertThat(rows).hasSize(6 * f.dim());
            assertThat(rows[f.dim() + 1]).isCloseTo(both.features()[1][1], within(1e-4f));
        }
    }

    @Test
    void refusesWhatGeneratedImagesCannotFeed() {
        try (AgeRegressor withSex = tiny().useSex(true).build()) {
            assertThatThrownBy(() -> new AgeCnnPredictor(withSex, 72))
                    .hasMessageContaining("useSex(false)");
        }
        try (AgeRegressor model = tiny().useSex(false).build()) {
            assertThatThrownBy(() -> new AgeCnnPredictor(model, 64))
                    .hasMessageContaining("at least 71 px");
        }
    }
}
