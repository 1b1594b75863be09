package io.pggan.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.editing.AgeEdit;
import io.pggan.latent.editing.AgeEditor;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.latent.projection.Projector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished study folder ({@code EndToEnd --out DIR}) opened for projection and editing: its plan,
 * Gs ({@code gan/generator.zip}), age CNN ({@code agecnn/model}, its test MAE) and age axis ({@code
 * axis/age-axis.json}, refused unless it was found for these GAN weights).
 */
final class StudyRun implements AutoCloseable {
    final Path dir;
    final StudyPlan plan;
    final Pggan gan;
    final AgeRegressor cnn;
    final PgganLatentGenerator generator;
    final AgeCnnPredictor ageCnn;
    final AgeAxis axis;
    final double cnnTestMae;

    private StudyRun(
            Path dir,
            StudyPlan plan,
            Pggan gan,
            AgeRegressor cnn,
            PgganLatentGenerator generator,
            AgeAxis axis,
            double cnnTestMae) {
        this.dir = dir;
        this.plan = plan;
        this.gan = gan;
        this.cnn = cnn;
        this.generator = generator;
        this.ageCnn = new AgeCnnPredictor(cnn, plan.cnnInput());
        this.axis = axis;
        this.cnnTestMae = cnnTestMae;
    }

    /**
     * Opens a finished run.
     *
     * @throws IOException naming the missing or unreadable file
     */
    static StudyRun open(Path dir) throws IOException {
        for (String f :
                new String[] {
                    "plan.json",
                    "gan/generator.zip",
                    "agecnn/model",
                    "agecnn/evaluation.json",
                    "axis/age-axis.json"
                }) {
            if (!Files.exists(dir.resolve(f))) {
                throw new IOException(
                        dir
                                + " is not a finished study run: "
                                + dir.resolve(f)
                                + " does not exist (run EndToEnd --out "
                                + dir
                                + " first)");
            }
        }
        StudyPlan plan =
                StudyPlan.JSON.readValue(dir.resolve("plan.json").toFile(), StudyPlan.class);
        JsonNode eval = StudyPlan.JSON.readTree(dir.resolve("agecnn/evaluation.json").toFile());
        Path weights = dir.resolve("gan/generator.zip");
        Pggan gan = Pggan.load(weights);
        AgeRegressor cnn = null;
        try {
            cnn = AgeRegressor.load(dir.resolve("agecnn/model"));
            PgganLatentGenerator generator = PgganLatentGenerator.of(gan, weights);
            AgeAxis axis = AgeAxis.load(dir.resolve("axis/age-axis.json"), generator);
            return new StudyRun(
                    dir, plan, gan, cnn, generator, axis, eval.path("mae").asDouble(Double.NaN));
        } catch (IOException | RuntimeException e) {
            gan.close();
            if (cnn != null) {
                cnn.close();
            }
            throw e;
        }
    }

    /** The GAN's (final) resolution. */
    int resolution() {
        return gan.position().resolution();
    }

    /** A projector into Gs with the CNN's features. */
    Projector projector(ProjectionConfig config) {
        return Projector.builder().generator(generator).features(ageCnn).config(config).build();
    }

    /** An editor along the run's age axis. */
    AgeEditor editor(ProjectionConfig config) {
        return editor(config, null);
    }

    /** An editor along the run's age axis, with pivotal tuning when {@code tuning} is not null. */
    AgeEditor editor(ProjectionConfig config, PivotalTuningConfig tuning) {
        return AgeEditor.builder()
                .projector(projector(config))
                .edit(AgeEdit.along(axis))
                .predictor(ageCnn)
                .pivotalTuning(tuning)
                .build();
    }

    @Override
    public void close() {
        cnn.close();
        gan.close();
    }
}
