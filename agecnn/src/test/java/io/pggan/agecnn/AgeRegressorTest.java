package io.pggan.agecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.data.Sex;
import io.pggan.engine.PgganEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeRegressorTest {
    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    private static AgeRegressor.Builder tiny() {
        return AgeRegressor.builder()
                .widthMultiplier(0.0625)
                .hiddenUnits(32)
                .batchSize(16)
                .evalBatchSize(32)
                .progressBar(false)
                .seed(7);
    }

    @Test
    void tinyModelLearnsASyntheticAgeSignal() {
        AgeDataset train = SyntheticAges.make(128, 72, 1, true, 1);
        AgeDataset validation = SyntheticAges.make(48, 72, 1, true, 2);
        double meanAge = 0;
        for (float a : train.ages()) {
            meanAge += a / train.size();
        }
        double baseline = 0;
        for (float a : validation.ages()) {
            baseline += Math.abs(a - meanAge) / validation.size();
        }
        List<EpochResult> seen = new ArrayList<>();
        try (AgeRegressor model =
                tiny().epochs(8)
                        .patience(0)
                        .learningRate(3e-3f)
                        .augmentation(Augmentation.none())
                        .build()) {
            TrainingHistory history = model.fit(train, validation, List.of(seen::add));
            assertThat(seen).hasSize(8);
            assertThat(history.epochs()).isEqualTo(seen);
            double first = seen.get(0).trainMae();
            double last = seen.get(seen.size() - 1).trainMae();
            assertThat(last)
                    .as("training MAE first %.1f last %.1f", first, last)
                    .isLessThan(0.6 * first);
            // Predicting from the images beats predicting the training mean by a wide margin.
            AgeEvaluation eval = model.evaluate(validation);
            assertThat(eval.mae())
                    .as("validation MAE vs baseline %.1f", baseline)
                    .isLessThan(0.6 * baseline);
            assertThat(eval.mae())
                    .isEqualTo(
                            history.bestValidationMae(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(eval.bands()).hasSize(6);
            assertThat(eval.bands().stream().mapToInt(AgeEvaluation.BandError::count).sum())
                    .isEqualTo(48);
        }
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions() throws Exception {
        AgeDataset train = SyntheticAges.make(32, 71, 1, true, 3);
        try (AgeRegressor model = tiny().epochs(1).build()) {
            model.fit(train, null, List.of());
            float[] before = model.predict(train);
            Path dir = tmp.resolve("model");
            model.save(dir);
            String json = Files.readString(dir.resolve("agecnn.json"));
            assertThat(json)
                    .contains("\"widthMultiplier\" : 0.0625")
                    .contains("\"targetMean\"")
                    .contains("\"useSex\" : true");
            try (AgeRegressor loaded = AgeRegressor.load(dir)) {
                assertThat(loaded.config()).isEqualTo(model.config());
                assertThat(loaded.predict(train)).containsExactly(before);
                assertThat(loaded.history().epochs()).hasSize(1);
            }
            // A configuration that does not match the weights is refused, naming file and layer.
            Path other = tmp.resolve("mismatch");
            Files.createDirectories(other);
            Files.copy(dir.resolve("weights.npz"), other.resolve("weights.npz"));
            Files.writeString(
                    other.resolve("agecnn.json"),
                    json.replace("\"widthMultiplier\" : 0.0625", "\"widthMultiplier\" : 0.125"));
            assertThatThrownBy(() -> AgeRegressor.load(other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weights.npz")
                    .hasMessageContaining("layer block1_conv1/kernel");
            Files.writeString(other.resolve("agecnn.json"), "{\"format\": \"something-else\"}");
            assertThatThrownBy(() -> AgeRegressor.load(other))
                    .hasMessageContaining("not a pggan-agecnn/1 model file");
            // No temp files are left behind.
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("agecnn.json", "weights.npz");
            }
        }
    }

    @Test
    void featuresAndPredictionsFromArrays() {
        try (AgeRegressor model = tiny().useSex(false).build();
                NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.randomUniform(-1, 1, new Shape(3, 1, 80, 80));
            int before = manager.getManagedArrays().size();
            NDArray features = model.features(images);
            model.predict(images);
            // Only the returned features stay in the caller's manager: batches are scoped.
            assertThat(manager.getManagedArrays()).hasSize(before + 1);
            assertThat(features.getShape()).isEqualTo(new Shape(3, 128));
            assertThat(model.featureSize()).isEqualTo(128);
            float[] ages = model.predict(images);
            assertThat(ages).hasSize(3);
            for (float a : ages) {
                assertThat(Float.isFinite(a)).isTrue();
            }
        }
    }

    @Test
    void onePassGivesTheSameAgesAndFeaturesAsTwo() {
        for (boolean sex : new boolean[] {false, true}) {
            try (AgeRegressor model = tiny().useSex(sex).evalBatchSize(2).build();
                    NDManager manager = NDManager.newBaseManager()) {
                NDArray images = manager.randomUniform(-1, 1, new Shape(5, 1, 80, 80));
                NDArray sexes = sex ? manager.create(new float[] {1, 0, 1, 1, 0}) : null;
                AgeRegressor.AgesAndFeatures both = model.predictWithFeatures(images, sexes);
                float[] ages = model.predict(images, sexes);
                float[] feats = model.features(images).toFloatArray();
                assertThat(both.months()).hasSize(5);
                for (int i = 0; i < ages.length; i++) {
                    assertThat(both.months()[i]).isCloseTo(ages[i], within(1e-4f));
                }
                assertThat(both.features().getShape()).isEqualTo(new Shape(5, 128));
                float[] got = both.features().toFloatArray();
                for (int i = 0; i < feats.length; i++) {
                    assertThat(got[i]).isCloseTo(feats[i], within(1e-5f));
                }
                if (sex) {
                    assertThatThrownBy(() -> model.predictWithFeatures(images, null))
                            .hasMessageContaining("takes sex as an input");
                }
            }
        }
    }

    @Test
    void badInputsAreRefusedClearly() {
        try (AgeRegressor withSex = tiny().build();
                NDManager manager = NDManager.newBaseManager()) {
            NDArray rgb = manager.zeros(new Shape(2, 3, 72, 72));
            assertThatThrownBy(() -> withSex.predict(rgb, manager.ones(new Shape(2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 input channel(s), got 3");
            NDArray gray = manager.zeros(new Shape(2, 1, 72, 72));
            assertThatThrownBy(() -> withSex.predict(gray))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("takes sex as an input");
            AgeDataset noSex = SyntheticAges.make(4, 72, 1, false, 4);
            assertThatThrownBy(() -> withSex.fit(noSex, null, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("training set has no sex column");
            AgeDataset small = SyntheticAges.make(4, 72, 1, true, 4).range(0, 1);
            assertThatThrownBy(() -> withSex.fit(small, null, List.of()))
                    .hasMessageContaining("at least 2 images");
        }
        assertThatThrownBy(() -> AgeDataset.of(new float[0], 1, 72, 72, new float[0], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(
                        () -> AgeDataset.of(new float[72 * 72], 1, 72, 72, new float[] {-3}, null))
                .hasMessageContaining("age of image 0");
        assertThatThrownBy(
                        () ->
                                AgeDataset.of(
                                        new float[] {0, 2f, 0, 0}, 1, 2, 2, new float[] {5}, null))
                .hasMessageContaining("outside [-1, 1]");
        assertThatThrownBy(
                        () ->
                                AgeDataset.of(
                                        new float[4], 1, 2, 2, new float[] {5}, new Sex[] {null}))
                .hasMessageContaining("sex of image 0 is missing");
        assertThatThrownBy(() -> AgeRegressor.builder().widthMultiplier(0).build())
                .hasMessageContaining("widthMultiplier");
    }

    @Test
    void evaluationBandsAndMedian() {
        float[] truth = {12, 30, 70, 100, 140, 200, 240};
        float[] pred = {14, 30, 60, 100, 150, 197, 250};
        AgeEvaluation e = AgeEvaluation.of(pred, truth);
        assertThat(e.mae())
                .isCloseTo(
                        (2 + 0 + 10 + 0 + 10 + 3 + 10) / 7.0,
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.medianAbsoluteError()).isEqualTo(3.0);
        assertThat(e.bands().get(0).count()).isEqualTo(1);
        assertThat(e.bands().get(5).count()).isEqualTo(2); // 200 and 240 months
        assertThat(e.bands().get(5).mae()).isEqualTo(6.5);
        assertThat(e.describe()).contains("14-19 y");
    }
}
