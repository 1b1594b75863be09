package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.ImageFiles;
import io.pggan.data.Preprocessing;
import io.pggan.data.SquareMode;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyRun;
import io.pggan.latent.editing.EditedImage;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Your radiograph, older or younger: projects a PNG/JPEG or DICOM hand radiograph into a finished
 * study's GAN and moves it along the study's age axis by the requested months.
 *
 * <pre>
 * java ... io.pggan.examples.AgeMyRadiograph [--out DIR] [--steps N] [--tune N] image|dicom studyRun months...
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.pggan.examples.AgeMyRadiograph \
 *     -Dexec.args="hand.dcm runs/study -24 24"
 * </pre>
 *
 * Writes {@code DIR} (default {@code runs/my-radiograph}): {@code side_by_side.png} (original,
 * reconstruction and every edit with the CNN's age), the single images, {@code ages.csv}, {@code
 * projection.json} and {@code video/} (MP4, GIF, the CNN's age of every frame). The image is
 * preprocessed as the study's data (grayscale, padded to a square, area-resized to the GAN's
 * resolution); a DICOM right hand is mirrored to a left one. {@code --tune N} adds N steps of
 * pivotal tuning ({@code PivotalTuningConfig.defaults()} otherwise) before the edits are rendered.
 */
public final class AgeMyRadiograph {
    private AgeMyRadiograph() {}

    /** Entry point; exits with 2 on bad arguments. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of("runs/my-radiograph");
        int steps = ProjectionConfig.defaults().steps();
        int tune = 0;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--tune" -> tune = Integer.parseInt(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (rest.size() < 3) {
            System.err.println(
                    "usage: AgeMyRadiograph [--out DIR] [--steps N] [--tune N] image|dicom studyRun"
                            + " months... (e.g. hand.dcm runs/study -24 24)");
            System.exit(2);
            return;
        }
        Path image = Path.of(rest.get(0));
        Path study = Path.of(rest.get(1));
        double[] months = new double[rest.size() - 2];
        for (int i = 2; i < rest.size(); i++) {
            months[i - 2] = Double.parseDouble(rest.get(i));
        }
        PgganEngine.start();
        try (StudyRun run = StudyRun.open(study);
                NDManager manager = NDManager.newBaseManager()) {
            int r = run.resolution();
            float[] pixels = ImageFiles.load(image, new Preprocessing(r, SquareMode.PAD));
            NDArray target = manager.create(pixels, new Shape(1, 1, r, r));
            EditedImage e =
                    run.editor(
                                    ProjectionConfig.builder().steps(steps).build(),
                                    tune > 0
                                            ? PivotalTuningConfig.defaults().withSteps(tune)
                                            : null)
                            .editAndWrite(out, manager, target, months);
            System.out.printf(
                    Locale.ROOT,
                    "%s: CNN age original %.1f months, reconstruction %.1f (pixel MSE %.4f)%n",
                    image,
                    e.originalMonths(),
                    e.reconstructionMonths(),
                    e.projection().pixelLoss());
            for (int k = 0; k < months.length; k++) {
                System.out.printf(
                        Locale.ROOT,
                        "  %+.0f months: CNN age %.1f%n",
                        months[k],
                        e.editedMonths()[k]);
            }
            System.out.println("wrote " + out.resolve("side_by_side.png"));
        }
    }
}
