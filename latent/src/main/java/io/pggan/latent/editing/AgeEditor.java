package io.pggan.latent.editing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import io.pggan.latent.projection.PivotalTuning;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.Projection;
import io.pggan.latent.projection.Projector;
import io.pggan.latent.video.AgingVideo;
import io.pggan.latent.video.Images;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import io.pggan.model.TunableGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a radiograph older or younger: projects it into the generator's latent space ({@link
 * Projector}), moves the latent by the requested months ({@link AgeEdit}, e.g. along the LASSO age
 * axis) and renders the results, with the CNN's age of the original, the reconstruction and every
 * edit.
 *
 * <pre>{@code
 * AgeEditor editor = AgeEditor.builder()
 *         .projector(projector)               // generator + CNN features
 *         .edit(AgeEdit.along(axis))          // or a conditional GAN's label edit
 *         .predictor(ageCnn)                  // the CNN's age of every image and frame
 *         .build();
 * EditedImage e = editor.editAndWrite(Path.of("out"), manager, image, new double[] {-24, 24});
 * }</pre>
 */
public final class AgeEditor {
    private static final Logger LOG = LoggerFactory.getLogger(AgeEditor.class);

    private final Projector projector;
    private final AgeEdit edit;
    private final AgePredictor predictor;
    private final int videoFrames;
    private final AgingVideo video;
    private final PivotalTuning tuning;

    private AgeEditor(Builder b) {
        this.projector = Objects.requireNonNull(b.projector, "projector");
        this.edit = Objects.requireNonNull(b.edit, "edit");
        this.predictor = Objects.requireNonNull(b.predictor, "predictor");
        if (b.videoFrames != 0 && b.videoFrames < 2) {
            throw new IllegalArgumentException(
                    "videoFrames must be 0 (no video) or at least 2, got " + b.videoFrames);
        }
        this.videoFrames = b.videoFrames;
        this.video = b.video;
        if (b.tuning == null) {
            this.tuning = null;
        } else if (projector.generator() instanceof TunableGenerator t) {
            this.tuning = new PivotalTuning(b.tuning, t, projector.features());
        } else {
            throw new IllegalArgumentException(
                    "pivotal tuning needs a TunableGenerator, got "
                            + projector.generator().getClass().getSimpleName());
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The projector. */
    public Projector projector() {
        return projector;
    }

    /**
     * Projects and ages several images (nothing is written). The projection runs batched; with
     * pivotal tuning, each image is then tuned, rendered and restored in turn.
     *
     * @param targets {@code [n, c, h, w]} in [-1, 1] at the generator's resolution
     * @param deltaMonths requested age changes, e.g. {@code {-24, 24}}
     */
    public List<EditedImage> edit(NDManager manager, NDArray targets, double[] deltaMonths) {
        if (deltaMonths.length == 0) {
            throw new IllegalArgumentException("no age change requested");
        }
        List<Projection> projections = projector.project(manager, targets);
        float[] original = predictor.predictMonths(targets);
        List<EditedImage> out = new ArrayList<>(projections.size());
        for (int i = 0; i < projections.size(); i++) {
            try (NDManager m = manager.newSubManager()) {
                NDArray one = targets.get(i + ":" + (i + 1));
                one.attach(m);
                try {
                    out.add(one(m, one, projections.get(i), original[i], deltaMonths, null));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e); // nothing is written here
                }
            }
        }
        return out;
    }

    /**
     * One projected image: tuned (if configured), aged, rendered, aged by the CNN and, with an
     * output folder, written; the tuning is undone before returning.
     */
    private EditedImage one(
            NDManager m,
            NDArray target,
            Projection projection,
            double originalMonths,
            double[] deltaMonths,
            Path outDir)
            throws IOException {
        LatentGenerator g = projector.generator();
        int dim = g.latentDim();
        float[] z = projection.latent();
        PivotalTuning.Tuned tuned = tuning == null ? null : tuning.tune(m, List.of(z), target);
        try {
            List<float[]> latents = new ArrayList<>();
            latents.add(z);
            for (double d : deltaMonths) {
                latents.add(edit.edit(z, d));
            }
            NDArray images = render(m, latents, dim);
            float[] ages = predictor.predictMonths(images);
            int per = (int) (images.size() / latents.size());
            float[] flat = images.toFloatArray();
            float[][] edited = new float[deltaMonths.length][];
            float[][] editedImages = new float[deltaMonths.length][];
            double[] editedMonths = new double[deltaMonths.length];
            for (int k = 0; k < deltaMonths.length; k++) {
                edited[k] = latents.get(k + 1);
                editedImages[k] = java.util.Arrays.copyOfRange(flat, (k + 1) * per, (k + 2) * per);
                editedMonths[k] = ages[k + 1];
            }
            EditedImage e =
                    new EditedImage(
                            projection,
                            deltaMonths.clone(),
                            edited,
                            originalMonths,
                            ages[0],
                            editedMonths,
                            java.util.Arrays.copyOf(flat, per),
                            editedImages,
                            tuned == null ? null : tuned.losses());
            if (outDir != null) {
                write(outDir, m, target, images, e);
            }
            return e;
        } finally {
            if (tuned != null) {
                tuned.close();
            }
        }
    }

    private NDArray render(NDManager m, List<float[]> latents, int dim) {
        float[] flat = new float[latents.size() * dim];
        for (int i = 0; i < latents.size(); i++) {
            System.arraycopy(latents.get(i), 0, flat, i * dim, dim);
        }
        return projector.generator().generate(m.create(flat, new Shape(latents.size(), dim)));
    }

    /**
     * Projects and ages one image and writes into {@code outDir}: {@code original.png}, {@code
     * reconstruction.png}, {@code edit_+24.png} (one per change), {@code side_by_side.png} (all of
     * them with the CNN's age under each), {@code ages.csv}, {@code projection.json} (settings,
     * losses, latents) and, unless {@code videoFrames} is 0, {@code video/} (frames from the
     * youngest to the oldest requested age through the reconstruction: MP4, GIF, {@code frames.csv}
     * with the CNN's age of every frame, a chart).
     *
     * @param target {@code [1, c, h, w]} (or {@code [c, h, w]}) in [-1, 1]
     */
    public EditedImage editAndWrite(
            Path outDir, NDManager manager, NDArray target, double[] deltaMonths)
            throws IOException {
        NDArray one = target.getShape().dimension() == 3 ? target.expandDims(0) : target;
        if (one.getShape().get(0) != 1) {
            throw new IllegalArgumentException(
                    "editAndWrite takes one image, got " + one.getShape());
        }
        if (deltaMonths.length == 0) {
            throw new IllegalArgumentException("no age change requested");
        }
        Files.createDirectories(outDir);
        Projection projection = projector.project(manager, one).get(0);
        double originalMonths = predictor.predictMonths(one)[0];
        try (NDManager m = manager.newSubManager()) {
            EditedImage e = one(m, one, projection, originalMonths, deltaMonths, outDir);
            LOG.info(
                    "{}: CNN age original {} months, reconstruction {}, edits {}",
                    outDir,
                    String.format(Locale.ROOT, "%.1f", e.originalMonths()),
                    String.format(Locale.ROOT, "%.1f", e.reconstructionMonths()),
                    java.util.Arrays.toString(e.editedMonths()));
            return e;
        }
    }

    private void write(
            Path outDir, NDManager manager, NDArray target, NDArray images, EditedImage e)
            throws IOException {
        double[] deltaMonths = e.deltaMonths();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        BufferedImage original = Images.fromNd(target.toType(DataType.FLOAT32, false))[0];
        BufferedImage[] rendered = Images.fromNd(images);
        ImagePng.write(outDir.resolve("original.png"), original);
        ImagePng.write(outDir.resolve("reconstruction.png"), rendered[0]);
        tiles.add(original);
        captions.add(String.format(Locale.ROOT, "original|CNN %.0f mo", e.originalMonths()));
        tiles.add(rendered[0]);
        captions.add(
                String.format(Locale.ROOT, "reconstruction|CNN %.0f mo", e.reconstructionMonths()));
        for (int k = 0; k < deltaMonths.length; k++) {
            ImagePng.write(
                    outDir.resolve("edit_" + label(deltaMonths[k]) + ".png"), rendered[k + 1]);
            tiles.add(rendered[k + 1]);
            captions.add(
                    String.format(
                            Locale.ROOT,
                            "%s months|CNN %.0f mo",
                            label(deltaMonths[k]),
                            e.editedMonths()[k]));
        }
        ImagePng.write(outDir.resolve("side_by_side.png"), SideBySide.of(tiles, captions));
        StringBuilder csv = new StringBuilder("image,delta_months,cnn_months\n");
        csv.append(String.format(Locale.ROOT, "original,,%.4f%n", e.originalMonths()));
        csv.append(String.format(Locale.ROOT, "reconstruction,0,%.4f%n", e.reconstructionMonths()));
        for (int k = 0; k < deltaMonths.length; k++) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "edit,%s,%.4f%n",
                            trim(deltaMonths[k]),
                            e.editedMonths()[k]));
        }
        AtomicFiles.writeString(outDir.resolve("ages.csv"), csv.toString());
        AtomicFiles.writeString(outDir.resolve("projection.json"), json(e));
        if (videoFrames > 0) {
            writeVideo(outDir.resolve("video"), manager, e);
        }
    }

    private void writeVideo(Path dir, NDManager manager, EditedImage e) throws IOException {
        double lo = 0;
        double hi = 0;
        for (double d : e.deltaMonths()) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        if (lo == hi) {
            return;
        }
        List<float[]> frames = new ArrayList<>();
        double[] position = new double[videoFrames];
        for (int i = 0; i < videoFrames; i++) {
            position[i] = lo + (hi - lo) * i / (videoFrames - 1);
            frames.add(edit.edit(e.projection().latent(), position[i]));
        }
        video.write(dir, manager, projector.generator(), predictor, frames, position);
    }

    private static String label(double months) {
        return (months >= 0 ? "+" : "") + trim(months);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private String json(EditedImage e) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("modelId", projector.generator().modelId());
        root.put("edit", edit.describe());
        root.set("projector", mapper.valueToTree(projector.config()));
        if (tuning != null) {
            root.set("pivotalTuning", mapper.valueToTree(tuning.config()));
            root.set("tuningLossPerStep", mapper.valueToTree(e.tuningLosses()));
        }
        Projection p = e.projection();
        ObjectNode proj = root.putObject("projection");
        proj.put("pixelLoss", p.pixelLoss());
        proj.put("featureLoss", p.featureLoss());
        proj.put("priorLoss", p.priorLoss());
        proj.put("loss", p.loss());
        proj.put("restart", p.restart());
        proj.set("latent", mapper.valueToTree(p.latent()));
        proj.set("lossPerStep", mapper.valueToTree(p.losses()));
        root.put("originalMonths", e.originalMonths());
        root.put("reconstructionMonths", e.reconstructionMonths());
        root.set("deltaMonths", mapper.valueToTree(e.deltaMonths()));
        root.set("editedMonths", mapper.valueToTree(e.editedMonths()));
        root.set("editedLatents", mapper.valueToTree(e.editedLatents()));
        return Json.write(root);
    }

    /** Builder of {@link AgeEditor}. */
    public static final class Builder {
        private Projector projector;
        private AgeEdit edit;
        private AgePredictor predictor;
        private int videoFrames = 41;
        private AgingVideo video = AgingVideo.builder().progress(false).build();
        private PivotalTuningConfig tuning;

        private Builder() {}

        /**
         * Tunes the generator's weights around each projected latent before rendering ({@link
         * PivotalTuning}; default: none). The original weights are back after each image.
         */
        public Builder pivotalTuning(PivotalTuningConfig config) {
            tuning = config;
            return this;
        }

        /** The projector (and with it the generator). Required. */
        public Builder projector(Projector p) {
            projector = p;
            return this;
        }

        /** How latents are aged, e.g. {@link AgeEdit#along}. Required. */
        public Builder edit(AgeEdit e) {
            edit = e;
            return this;
        }

        /** The CNN that reports the age of every image. Required. */
        public Builder predictor(AgePredictor p) {
            predictor = p;
            return this;
        }

        /** Frames of the video (default 41; 0 = no video). */
        public Builder videoFrames(int n) {
            videoFrames = n;
            return this;
        }

        /** How the video is written (default: MP4, GIF, PNG frames, chart, no progress bar). */
        public Builder video(AgingVideo v) {
            video = Objects.requireNonNull(v, "video");
            return this;
        }

        /** The editor. */
        public AgeEditor build() {
            return new AgeEditor(this);
        }
    }
}
