package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.agecnn.AgeRegressor;
import io.pggan.examples.study.StudyPlan;
import io.pggan.examples.study.StudyRun;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import io.pggan.latent.axis.AgeAxis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AgeMyRadiograph on a study folder made of tiny untrained models (the wiring, not quality). */
class AgeMyRadiographTest {
    @TempDir Path dir;

    private Path tinyStudy() throws Exception {
        Path study = Files.createDirectories(dir.resolve("study"));
        AtomicFiles.writeString(
                study.resolve("plan.json"), StudyPlan.quick().toBuilder().seed(3).build().toJson());
        Path weights = Files.createDirectories(study.resolve("gan")).resolve("generator.zip");
        try (Pggan gan =
                Pggan.builder()
                        .latentDim(8)
                        .resolution(16)
                        .channels(1)
                        .fmapMax(8)
                        .configure(b -> b.fmapBase(64))
                        .schedule(TrainingSchedule.shortRun(1, 2, 4).withInitialResolution(16))
                        .progressBar(false)
                        .build()) {
            gan.save(weights);
        }
        try (AgeRegressor cnn =
                AgeRegressor.builder()
                        .widthMultiplier(0.0625)
                        .useSex(false)
                        .progressBar(false)
                        .build()) {
            cnn.save(study.resolve("agecnn/model"));
        }
        AtomicFiles.writeString(study.resolve("agecnn/evaluation.json"), "{\"mae\": 12.5}");
        double[] d = new double[8];
        d[0] = 1;
        new AgeAxis(
                        1,
                        PgganLatentGenerator.idOf(weights),
                        8,
                        "LASSO_CV",
                        d,
                        20,
                        120,
                        List.of(),
                        0,
                        1,
                        Double.NaN,
                        0.3,
                        null,
                        null,
                        0)
                .save(study.resolve("axis/age-axis.json"));
        return study;
    }

    @Test
    void agesAPngThroughAStudyFolder() throws Exception {
        Path study = tinyStudy();
        float[] px = new float[40 * 48];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 48) / 24f - 1;
        }
        Path image = dir.resolve("hand.png");
        ImagePng.writeGray(image, px, 48, 40);
        Path out = dir.resolve("out");
        AgeMyRadiograph.main(
                new String[] {
                    "--out",
                    out.toString(),
                    "--steps",
                    "5",
                    "--tune",
                    "3",
                    image.toString(),
                    study.toString(),
                    "-12",
                    "24"
                });
        for (String f :
                new String[] {
                    "side_by_side.png", "original.png", "reconstruction.png", "edit_-12.png",
                    "edit_+24.png", "ages.csv", "projection.json", "video/aging.mp4"
                }) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readAllLines(out.resolve("ages.csv"))).hasSize(5);
        // --tune 3: three steps of pivotal tuning, recorded
        assertThat(
                        io.pggan.io.Json.mapper()
                                .readTree(out.resolve("projection.json").toFile())
                                .get("tuningLossPerStep"))
                .hasSize(3);
    }

    @Test
    void aFolderThatIsNoStudyIsNamed() {
        assertThatThrownBy(() -> StudyRun.open(dir))
                .hasMessageContaining("is not a finished study run")
                .hasMessageContaining("plan.json does not exist");
    }
}
