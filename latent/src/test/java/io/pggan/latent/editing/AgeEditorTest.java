package io.pggan.latent.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.latent.projection.Projector;
import io.pggan.latent.projection.TinyGanAccess;
import io.pggan.model.AgePredictor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeEditorTest {
    @TempDir Path dir;

    /** "Age" = 100 + 40 * mean brightness of the image: a transparent stand-in for the CNN. */
    private static final AgePredictor BRIGHTNESS =
            images -> {
                long n = images.getShape().get(0);
                float[] px = images.toFloatArray();
                int per = (int) (px.length / n);
                float[] out = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int q = 0; q < per; q++) {
                        s += px[i * per + q];
                    }
                    out[i] = (float) (100 + 40 * s / per);
                }
                return out;
            };

    private static AgeAxis axis(int dim, String model) {
        double[] d = new double[dim];
        d[0] = 0.6;
        d[1] = 0.8;
        return new AgeAxis(
                1,
                model,
                dim,
                "LASSO_CV",
                d,
                12,
                100,
                List.of(),
                0,
                2,
                Double.NaN,
                0.5,
                null,
                null,
                0);
    }

    @Test
    void projectsAgesAndWritesEverything() throws Exception {
        try (Pggan gan = TinyGanAccess.build(5);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            float[] truth = {0.3f, -1.2f, 0.8f, 0.1f, -0.4f, 1.5f, -0.7f, 0.2f};
            NDArray target = gan.generate(m.create(truth, new Shape(1, 8)));
            Projector projector =
                    Projector.builder()
                            .generator(g)
                            .features(TinyGanAccess.pooled())
                            .config(
                                    ProjectionConfig.builder()
                                            .steps(40)
                                            .restarts(2)
                                            .candidates(16)
                                            .progressBar(false)
                                            .build())
                            .build();
            AgeAxis axis = axis(8, "tiny");
            AgeEditor editor =
                    AgeEditor.builder()
                            .projector(projector)
                            .edit(AgeEdit.along(axis))
                            .predictor(BRIGHTNESS)
                            .videoFrames(5)
                            .build();
            EditedImage e = editor.editAndWrite(dir, m, target, new double[] {-24, 12});
            float[] z = e.projection().latent();
            assertThat(e.editedLatents()[0]).containsExactly(axis.move(z, -24));
            assertThat(e.editedLatents()[1]).containsExactly(axis.move(z, 12));
            assertThat(e.originalMonths())
                    .isCloseTo(BRIGHTNESS.predictMonths(target)[0], within(1e-4));
            float[] edited =
                    BRIGHTNESS.predictMonths(
                            g.generate(m.create(e.editedLatents()[1], new Shape(1, 8))));
            assertThat(e.editedMonths()[1]).isCloseTo(edited[0], within(1e-4));
            for (String f :
                    new String[] {
                        "original.png", "reconstruction.png", "edit_-24.png", "edit_+12.png",
                        "side_by_side.png", "ages.csv", "projection.json", "video/aging.mp4",
                        "video/aging.gif", "video/frames.csv"
                    }) {
                assertThat(dir.resolve(f)).as(f).isRegularFile();
            }
            BufferedImage sheet = ImageIO.read(dir.resolve("side_by_side.png").toFile());
            assertThat(sheet.getWidth())
                    .isGreaterThan(4 * 192); // original, reconstruction, 2 edits
            List<String> csv = Files.readAllLines(dir.resolve("ages.csv"));
            assertThat(csv).hasSize(5);
            assertThat(csv.get(0)).isEqualTo("image,delta_months,cnn_months");
            assertThat(csv.get(3)).startsWith("edit,-24,");
            JsonNode json = new ObjectMapper().readTree(dir.resolve("projection.json").toFile());
            assertThat(json.get("modelId").asText()).isEqualTo("tiny");
            assertThat(json.get("projection").get("lossPerStep")).hasSize(40);
            assertThat(json.get("edit").asText()).contains("LASSO_CV axis of model tiny");
            // video: frames from -24 to +12 months through the reconstruction
            List<String> frames = Files.readAllLines(dir.resolve("video/frames.csv"));
            assertThat(frames).hasSize(6);
            assertThat(frames.get(1)).startsWith("0,-24.000000,");
            assertThat(frames.get(5)).startsWith("4,12.000000,");
        }
    }

    @Test
    void pivotalTuningSharpensTheReconstructionAndLeavesTheGeneratorAsItWas() {
        try (Pggan gan = TinyGanAccess.build(5);
                Pggan other = TinyGanAccess.build(9);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            float[] z = {0.3f, -1.2f, 0.8f, 0.1f, -0.4f, 1.5f, -0.7f, 0.2f};
            NDArray targets =
                    other.generate(
                            m.create(new float[16], new Shape(2, 8))
                                    .add(m.create(z, new Shape(1, 8))));
            float[] pixels = targets.toFloatArray();
            Projector projector =
                    Projector.builder()
                            .generator(g)
                            .features(TinyGanAccess.pooled())
                            .config(
                                    ProjectionConfig.builder()
                                            .steps(30)
                                            .restarts(1)
                                            .candidates(8)
                                            .progressBar(false)
                                            .build())
                            .build();
            AgeAxis axis = axis(8, "tiny");
            AgeEditor plain =
                    AgeEditor.builder()
                            .projector(projector)
                            .edit(AgeEdit.along(axis))
                            .predictor(BRIGHTNESS)
                            .build();
            AgeEditor tuned =
                    AgeEditor.builder()
                            .projector(projector)
                            .edit(AgeEdit.along(axis))
                            .predictor(BRIGHTNESS)
                            .pivotalTuning(
                                    new io.pggan.latent.projection.PivotalTuningConfig(
                                            40, 1e-2, 1, 1, 1, 4, 0))
                            .build();
            float[] weights = g.weights().get(0).toFloatArray();
            List<EditedImage> a = plain.edit(m, targets, new double[] {12});
            List<EditedImage> b = tuned.edit(m, targets, new double[] {12});
            for (int i = 0; i < 2; i++) {
                float[] own = java.util.Arrays.copyOfRange(pixels, i * 256, (i + 1) * 256);
                assertThat(TinyGanAccess.mse(b.get(i).reconstruction(), own))
                        .isLessThan(TinyGanAccess.mse(a.get(i).reconstruction(), own));
                assertThat(b.get(i).tuningLosses()).hasSize(40);
                assertThat(a.get(i).tuningLosses()).isNull();
                assertThat(b.get(i).editedImages()[0]).hasSize(256);
            }
            assertThat(g.weights().get(0).toFloatArray()).containsExactly(weights);
        }
    }

    @Test
    void calibratedEditReachesTheRequestedChangeOfThePredictor() {
        try (Pggan gan = TinyGanAccess.build(6);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            AgeAxis axis = axis(8, "tiny");
            float[] z = {0.5f, 0.1f, -0.3f, 0.9f, -1.1f, 0.4f, 0.0f, 0.7f};
            AgeEdit calibrated = AgeEdit.calibrated(axis, g, BRIGHTNESS, 3, 60);
            double base = BRIGHTNESS.predictMonths(g.generate(m.create(z, new Shape(1, 8))))[0];
            // the largest change reachable within 3 units, in the axis's direction
            double[] reach = new double[61];
            for (int s = 0; s <= 60; s++) {
                float[] moved = z.clone();
                moved[0] += (float) (0.6 * 3 * s / 60);
                moved[1] += (float) (0.8 * 3 * s / 60);
                reach[s] =
                        BRIGHTNESS.predictMonths(g.generate(m.create(moved, new Shape(1, 8))))[0]
                                - base;
            }
            double want = 0.5 * java.util.Arrays.stream(reach).max().orElse(0);
            assertThat(want).as("the test generator responds to the axis").isGreaterThan(0.1);
            float[] edited = calibrated.edit(z, want);
            double got =
                    BRIGHTNESS.predictMonths(g.generate(m.create(edited, new Shape(1, 8))))[0]
                            - base;
            assertThat(got).isCloseTo(want, within(Math.max(0.05 * want, 0.05)));
            assertThat(calibrated.edit(z, 0)).containsExactly(z);
            assertThatThrownBy(() -> AgeEdit.calibrated(axis(8, "other"), g, BRIGHTNESS, 3, 10))
                    .hasMessageContaining("the axis belongs to model 'other'");
        }
    }
}
