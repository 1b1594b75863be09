package io.pggan.examples.study;

import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.io.Json;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.editing.AgeEdit;
import io.pggan.latent.editing.AgeEditor;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.latent.projection.Projector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished study folder ({@code EndToEnd --out DIR}) opened for projection and editing: its plan,
 * the Gs its later stages used ({@link RunLayout#ganWeights}), the age CNN and its test MAE, and
 * the age axis (refused unless it was found for these GAN weights).
 *
 * <pre>{@code
 * try (StudyRun run = StudyRun.open(Path.of("runs/study"))) {
 *     AgeAxis axis = run.axis();
 * }
 * }</pre>
 */
public final class StudyRun implements AutoCloseable {
    private final RunLayout layout;
    private final StudyPlan plan;
    private final Pggan gan;
    private final AgeRegressor cnn;
    private final PgganLatentGenerator generator;
    private final AgeCnnPredictor ageCnn;
    private final AgeAxis axis;
    private final double cnnTestMae;

    private StudyRun(
            RunLayout layout,
            StudyPlan plan,
            Pggan gan,
            AgeRegressor cnn,
            PgganLatentGenerator generator,
            AgeAxis axis,
            double cnnTestMae) {
        this.layout = layout;
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
    public static StudyRun open(Path dir) throws IOException {
        RunLayout layout = new RunLayout(dir);
        for (Path f :
                List.of(
                        layout.plan(),
                        layout.generator(),
                        layout.ageCnnModel(),
                        layout.ageCnnEvaluation(),
                        layout.ageAxis())) {
            if (!Files.exists(f)) {
                throw new IOException(
                        dir
                                + " is not a finished study run: "
                                + f
                                + " does not exist (run EndToEnd --out "
                                + dir
                                + " first)");
            }
        }
        StudyPlan plan = StudyPlan.read(layout.plan());
        double mae = Json.readTree(layout.ageCnnEvaluation()).path("mae").asDouble(Double.NaN);
        Path weights = layout.ganWeights(plan);
        Pggan gan = Pggan.load(weights);
        AgeRegressor cnn = null;
        try {
            cnn = AgeRegressor.load(layout.ageCnnModel());
            PgganLatentGenerator generator = PgganLatentGenerator.of(gan, weights);
            AgeAxis axis = AgeAxis.load(layout.ageAxis(), generator);
            return new StudyRun(layout, plan, gan, cnn, generator, axis, mae);
        } catch (IOException | RuntimeException e) {
            gan.close();
            if (cnn != null) {
                cnn.close();
            }
            throw e;
        }
    }

    /** Where the run's files are. */
    public RunLayout layout() {
        return layout;
    }

    /** The run's plan. */
    public StudyPlan plan() {
        return plan;
    }

    /** The Gs the run's later stages used. */
    public PgganLatentGenerator generator() {
        return generator;
    }

    /** The age CNN at its input size. */
    public AgeCnnPredictor ageCnn() {
        return ageCnn;
    }

    /** The run's age axis. */
    public AgeAxis axis() {
        return axis;
    }

    /** The age CNN's test MAE in months (NaN if the evaluation has none). */
    public double cnnTestMae() {
        return cnnTestMae;
    }

    /** The GAN's (final) resolution. */
    public int resolution() {
        return gan.position().resolution();
    }

    /** A projector into Gs with the CNN's features. */
    public Projector projector(ProjectionConfig config) {
        return Projector.builder().generator(generator).features(ageCnn).config(config).build();
    }

    /** An editor along the run's age axis. */
    public AgeEditor editor(ProjectionConfig config) {
        return editor(config, null);
    }

    /** An editor along the run's age axis, with pivotal tuning when {@code tuning} is not null. */
    public AgeEditor editor(ProjectionConfig config, PivotalTuningConfig tuning) {
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
