package io.pggan.agecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.agecnn.training.Augmenter;
import io.pggan.agecnn.training.LearningRateSchedule;
import io.pggan.data.Sex;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.phantom.PhantomDatasetWriter;
import io.pggan.data.rsna.BoneAgeRecord;
import io.pggan.data.rsna.RsnaDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeDatasetsAndCurvesTest {
    @TempDir Path tmp;

    @Test
    void phantomAdapterCarriesTheGeneratorsLabels() {
        HandPhantoms phantoms = HandPhantoms.builder().seed(5).resolution(128).build();
        AgeDataset data = AgeDatasets.phantoms(phantoms, 10, 3, false);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.channels()).isEqualTo(1);
        assertThat(data.height()).isEqualTo(128);
        assertThat(data.hasSex()).isTrue();
        for (int k = 0; k < 3; k++) {
            assertThat(data.age(k)).isEqualTo((float) phantoms.ageMonths(10 + k));
            assertThat(data.sex(k)).isEqualTo(phantoms.sex(10 + k));
        }
        float[] image = new float[data.imageLength()];
        data.copyImage(1, image, 0);
        assertThat(image).containsExactly(phantoms.render(11).pixels());
        // Deterministic: the same indices give the same dataset.
        AgeDataset again = AgeDatasets.phantoms(phantoms, 10, 3, false);
        float[] image2 = new float[data.imageLength()];
        again.copyImage(1, image2, 0);
        assertThat(image2).containsExactly(image);
    }

    @Test
    void rsnaAdapterReadsTheTrainingLayout() {
        HandPhantoms phantoms = HandPhantoms.builder().seed(8).resolution(128).build();
        Path root = tmp.resolve("rsna");
        PhantomDatasetWriter.builder()
                .phantoms(phantoms)
                .count(3)
                .threads(1)
                .progress(false)
                .build()
                .write(root);
        RsnaDataset reader = RsnaDataset.builder().root(root).resolution(128).build();
        AgeDataset data = AgeDatasets.rsna(reader, false);
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.height()).isEqualTo(128);
        for (int k = 0; k < 3; k++) {
            BoneAgeRecord record = reader.record(k);
            assertThat(data.age(k)).isEqualTo((float) record.ageMonths());
            assertThat(data.sex(k)).isEqualTo(record.sex());
        }
        float[] first = new float[data.imageLength()];
        data.copyImage(0, first, 0);
        assertThat(first).containsExactly(reader.load(0));
    }

    @Test
    void configRoundTripsThroughJson() throws Exception {
        AgeRegressorConfig config =
                new AgeRegressorConfig.Builder()
                        .widthMultiplier(0.5)
                        .useSex(false)
                        .schedule(LearningRateSchedule.STEP)
                        .augmentation(new Augmentation(5, 0.1, 0.1, 0.2, 0.3, true))
                        .timeLimitMinutes(30)
                        .build();
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(config);
        assertThat(text).contains("\"schedule\":\"STEP\"").contains("\"horizontalFlip\":true");
        assertThat(json.readValue(text, AgeRegressorConfig.class)).isEqualTo(config);
        assertThatThrownBy(() -> new AgeRegressorConfig.Builder().batchSize(0).build())
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Augmentation(90, 0, 0, 0, 0, false))
                .hasMessageContaining("rotationDegrees");
    }

    @Test
    void augmentationKeepsRangeAndChangesGeometry() {
        AgeDataset data = SyntheticAges.make(1, 72, 1, false, 9);
        float[] src = new float[data.imageLength()];
        data.copyImage(0, src, 0);
        float[] same = new float[src.length];
        new Augmenter(Augmentation.none()).apply(src, 0, same, 0, 1, 72, 72, new Random(1));
        assertThat(same).containsExactly(src);
        float[] changed = new float[src.length];
        new Augmenter(Augmentation.radiographDefaults())
                .apply(src, 0, changed, 0, 1, 72, 72, new Random(1));
        double diff = 0;
        for (int i = 0; i < src.length; i++) {
            assertThat(changed[i]).isBetween(-1f, 1f);
            diff += Math.abs(changed[i] - src[i]);
        }
        assertThat(diff / src.length).isGreaterThan(0.01);
    }

    @Test
    void curveIsWrittenAsPng() throws Exception {
        TrainingHistory history =
                new TrainingHistory(
                        List.of(
                                new EpochResult(1, 40, 38, 1e-3, 10, true),
                                new EpochResult(2, 30, 31, 5e-4, 10, true),
                                new EpochResult(3, 25, 33, 1e-5, 10, false)),
                        2,
                        false);
        assertThat(history.bestValidationMae()).isEqualTo(31);
        Path png = tmp.resolve("curve.png");
        TrainingCurves.writePng(history, png, "test");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
        try (var files = Files.list(tmp)) {
            assertThat(files).hasSize(1);
        }
        assertThatThrownBy(
                        () ->
                                TrainingCurves.writePng(
                                        new TrainingHistory(List.of(), 0, false), png, "x"))
                .hasMessageContaining("no epochs");
    }

    @Test
    void sexAwareDatasetsRefuseMissingSex() {
        assertThatThrownBy(
                        () ->
                                AgeDataset.of(
                                        new float[2 * 4],
                                        1,
                                        2,
                                        2,
                                        new float[] {1, 2},
                                        new Sex[] {Sex.MALE}))
                .hasMessageContaining("got 1 sexes for 2 images");
    }
}
