package io.pggan.examples;

import static io.pggan.examples.ProjectionAcceptanceReport.closestToOwn;
import static io.pggan.examples.ProjectionAcceptanceReport.diff;
import static io.pggan.examples.ProjectionAcceptanceReport.fraction;
import static io.pggan.examples.ProjectionAcceptanceReport.mean;
import static io.pggan.examples.ProjectionAcceptanceReport.rowsOf;
import static io.pggan.examples.ProjectionAcceptanceReport.toDoubles;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.phantom.Phantom;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyRun;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import io.pggan.latent.editing.AgeEdit;
import io.pggan.latent.editing.AgeEditor;
import io.pggan.latent.editing.EditedImage;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.model.AgePredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance measurement of issue #18 on a finished study run (a benchmark, not a test: run it
 * under the heavy lock). On {@code n} held-out phantoms (indices from 3,000,000, disjoint from the
 * training, CNN validation and CNN test phantoms) it projects every image, then compares:
 *
 * <ul>
 *   <li>reconstruction vs the original, PSNR and MS-SSIM (8-bit, as the metrics module), against
 *       two baselines: the nearest training image and the nearest of {@code samples} Gs images
 *       (nearest in pixels; also the best MS-SSIM among the 20 pixel-nearest, the stricter baseline
 *       for MS-SSIM);
 *   <li>the CNN's age of the reconstruction vs the original's, against the CNN's test MAE;
 *   <li>edits of +24 and -24 months: the CNN's age change, and whether each edited image stays
 *       closer (CNN features) to its own original than to any of the other originals.
 * </ul>
 *
 * <pre>
 * java ... io.pggan.examples.ProjectionAcceptance studyRun [out] [n=50] [samples=10000] [field=value...]
 * </pre>
 *
 * Each {@code field=value} overrides one {@link ProjectionConfig} field, e.g. {@code steps=400}.
 * {@code samples = 0} measures only the oracle (the same phantoms rendered 24 months older, see
 * {@link #oracle}) into {@code out/oracle.json}.
 *
 * <p>Writes {@code out/summary.json}, {@code out/per_image.csv} and {@code out/examples.png} (rows:
 * original, reconstruction, nearest training image, nearest Gs sample, then -24 and +24 months
 * along the axis, then with the CNN-calibrated step, then guided).
 *
 * <p>{@code guided.steps=N}, {@code guided.learningRate=X}, {@code guided.identityWeight=X} set the
 * guided edit ({@link AgeEdit#guided}; defaults 60, 0.05, 10).
 */
public final class ProjectionAcceptance {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionAcceptance.class);
    static final long HELD_OUT_FROM = 3_000_000L;

    private static int guidedSteps = 60;
    private static double guidedLearningRate = 0.05;
    private static String[] guidedModes = {"axis:10"};
    private static PivotalTuningConfig tuning;

    private ProjectionAcceptance() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path study = Path.of(args[0]);
        Path out = Path.of(args.length > 1 ? args[1] : "runs/projection-acceptance");
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        ProjectionConfig cfg = ProjectionConfig.defaults();
        for (int i = 4; i < args.length; i++) {
            if (args[i].startsWith("pti=")) {
                String[] p = args[i].substring(4).split(":");
                tuning =
                        new PivotalTuningConfig(
                                Integer.parseInt(p[0]),
                                Double.parseDouble(p[1]),
                                1,
                                1,
                                Double.parseDouble(p[2]),
                                8,
                                0);
            } else if (args[i].startsWith("guided.")) {
                String[] kv = args[i].substring(7).split("=", 2);
                switch (kv[0]) {
                    case "steps" -> guidedSteps = Integer.parseInt(kv[1]);
                    case "learningRate" -> guidedLearningRate = Double.parseDouble(kv[1]);
                    case "modes" -> guidedModes = kv[1].split(",");
                    default -> throw new IllegalArgumentException("unknown " + args[i]);
                }
            } else {
                cfg = override(cfg, args[i]);
            }
        }
        PgganEngine.start();
        try (StudyRun run = StudyRun.open(study);
                NDManager manager = NDManager.newBaseManager()) {
            if (samples == 0) { // oracle only: no projection
                ObjectNode o = oracle(run, n, manager);
                AtomicFiles.writeString(
                        out.resolve("oracle.json"), Json.mapper().writeValueAsString(o));
                System.out.println(Json.mapper().writeValueAsString(o));
                return;
            }
            run(run, out, n, samples, cfg, manager);
        }
    }

    /** {@code cfg} with one field set from {@code field=value}. */
    static ProjectionConfig override(ProjectionConfig cfg, String assignment) throws Exception {
        int eq = assignment.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException(
                    "expected field=value for a ProjectionConfig field, got " + assignment);
        }
        ObjectNode node = Json.mapper().valueToTree(cfg);
        String field = assignment.substring(0, eq);
        if (!node.has(field)) {
            throw new IllegalArgumentException("ProjectionConfig has no field " + field);
        }
        node.set(field, Json.mapper().readTree(assignment.substring(eq + 1)));
        return Json.mapper().treeToValue(node, ProjectionConfig.class);
    }

    /**
     * The ground truth the edits are judged against: the same phantoms rendered 24 months older
     * (same index, so the same child: pose, exposure, marker and anatomy variation kept). Measures
     * the CNN's age gain and whether each truly older hand is closer to its own original (CNN
     * features, pixels) than to the other originals: the best an edit could score.
     */
    static ObjectNode oracle(StudyRun run, int n, NDManager manager) {
        int r = run.resolution();
        int pix = r * r;
        HandPhantoms phantoms =
                HandPhantoms.builder().seed(run.plan().seed()).resolution(r).build();
        float[] originals = new float[n * pix];
        float[] older = new float[n * pix];
        for (int i = 0; i < n; i++) {
            Phantom p = phantoms.render(HELD_OUT_FROM + i);
            System.arraycopy(p.pixels(), 0, originals, i * pix, pix);
            Phantom aged =
                    phantoms.render(p.truth().ageMonths() + 24, p.truth().sex(), HELD_OUT_FROM + i);
            System.arraycopy(aged.pixels(), 0, older, i * pix, pix);
        }
        AgePredictor.Prediction po;
        AgePredictor.Prediction pa;
        try (NDManager m = manager.newSubManager()) {
            Shape shape = new Shape(n, 1, r, r);
            po = run.ageCnn().predictWithFeatures(m.create(originals, shape));
            pa = run.ageCnn().predictWithFeatures(m.create(older, shape));
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("images", n);
        o.put("plus24CnnGainMean", mean(diff(toDoubles(pa.months()), toDoubles(po.months()))));
        o.put("plus24ClosestToOwnOriginal", fraction(closestToOwn(pa.features(), po.features())));
        o.put(
                "plus24ClosestToOwnOriginalInPixels",
                fraction(closestToOwn(rowsOf(older, n, pix), rowsOf(originals, n, pix))));
        return o;
    }

    static void run(
            StudyRun run, Path out, int n, int samples, ProjectionConfig cfg, NDManager manager)
            throws Exception {
        int r = run.resolution();
        int pix = r * r;
        HandPhantoms phantoms =
                HandPhantoms.builder().seed(run.plan().seed()).resolution(r).build();
        float[] originals = new float[n * pix];
        double[] trueMonths = new double[n];
        for (int i = 0; i < n; i++) {
            Phantom p = phantoms.render(HELD_OUT_FROM + i);
            System.arraycopy(p.pixels(), 0, originals, i * pix, pix);
            trueMonths[i] = p.truth().ageMonths();
        }
        Shape shape = new Shape(n, 1, r, r);

        // projection and edits
        AgeEditor editor = run.editor(cfg, tuning);
        double[] deltas = {-24, 24};
        long t0 = System.nanoTime();
        List<EditedImage> edits;
        try (NDManager m = manager.newSubManager()) {
            edits = editor.edit(m, m.create(originals, shape), deltas);
        }
        double projectSeconds = (System.nanoTime() - t0) / 1e9;
        int dim = run.generator().latentDim();
        float[] recon = flatten(edits.stream().map(EditedImage::reconstruction).toList());
        List<ProjectionAcceptanceReport.EditMode> modes = new ArrayList<>();
        modes.add(
                new ProjectionAcceptanceReport.EditMode(
                        tuning == null ? "axis" : "axis-tuned",
                        AgeEdit.along(run.axis()).describe()
                                + (tuning == null ? "" : ", pivotal tuning " + tuning),
                        flatten(edits.stream().map(e -> e.editedImages()[0]).toList()),
                        flatten(edits.stream().map(e -> e.editedImages()[1]).toList())));
        if (tuning == null) {
            otherEdits(run, manager, edits, deltas, dim, pix, modes);
        }

        // baselines: nearest training image, nearest Gs sample (pixels), top-K kept
        int[][] nnTrain;
        try (MultiResolutionStore store = MultiResolutionStore.open(run.layout().store(), false)) {
            nnTrain =
                    ProjectionBaselines.nearest(
                            originals, n, pix, store.size(), i -> store.image(i, r));
            float[] nnTrainImages =
                    ProjectionBaselines.gather(nnTrain, i -> store.image(i, r), pix);
            long t1 = System.nanoTime();
            int[][] nnGs = ProjectionBaselines.nearestGs(run, manager, originals, n, pix, samples);
            double gsSeconds = (System.nanoTime() - t1) / 1e9;
            float[] nnGsImages = ProjectionBaselines.gsImages(run, manager, nnGs, pix);
            ProjectionAcceptanceReport.write(
                    run,
                    tuning,
                    out,
                    manager,
                    cfg,
                    n,
                    r,
                    originals,
                    trueMonths,
                    recon,
                    modes,
                    edits,
                    nnTrain,
                    nnTrainImages,
                    nnGs,
                    nnGsImages,
                    store,
                    samples,
                    projectSeconds,
                    gsSeconds);
        }
    }

    // ------------------------------------------------------------------ rendering

    /** The CNN-calibrated and guided edits of the projected latents (untuned generator). */
    private static void otherEdits(
            StudyRun run,
            NDManager manager,
            List<EditedImage> edits,
            double[] deltas,
            int dim,
            int pix,
            List<ProjectionAcceptanceReport.EditMode> modes) {
        AgeEdit calibrated = AgeEdit.calibrated(run.axis(), run.generator(), run.ageCnn(), 4, 32);
        List<float[]> young = new ArrayList<>();
        List<float[]> old = new ArrayList<>();
        for (EditedImage e : edits) {
            young.add(calibrated.edit(e.projection().latent(), deltas[0]));
            old.add(calibrated.edit(e.projection().latent(), deltas[1]));
        }
        modes.add(
                new ProjectionAcceptanceReport.EditMode(
                        "calibrated",
                        calibrated.describe(),
                        renderLatents(run, manager, young, dim, pix),
                        renderLatents(run, manager, old, dim, pix)));
        for (String spec : guidedModes) {
            String[] parts = spec.split(":");
            boolean fromAxis = parts[0].equals("axis");
            AgeEdit guided =
                    AgeEdit.guided(
                            fromAxis ? AgeEdit.along(run.axis()) : AgeEdit.none(),
                            run.generator(),
                            run.ageCnn(),
                            guidedSteps,
                            guidedLearningRate,
                            Double.parseDouble(parts[1]),
                            12);
            young.clear();
            old.clear();
            for (EditedImage e : edits) {
                young.add(guided.edit(e.projection().latent(), deltas[0]));
                old.add(guided.edit(e.projection().latent(), deltas[1]));
            }
            modes.add(
                    new ProjectionAcceptanceReport.EditMode(
                            "guided-" + parts[0] + "-" + parts[1],
                            guided.describe(),
                            renderLatents(run, manager, young, dim, pix),
                            renderLatents(run, manager, old, dim, pix)));
        }
    }

    private static float[] flatten(List<float[]> parts) {
        int per = parts.get(0).length;
        float[] out = new float[parts.size() * per];
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, out, i * per, per);
        }
        return out;
    }

    /** An edit of every image by -24 and +24 months, as pixels. */
    private static float[] renderLatents(
            StudyRun run, NDManager manager, List<float[]> latents, int dim, int pix) {
        float[] z = new float[latents.size() * dim];
        for (int i = 0; i < latents.size(); i++) {
            System.arraycopy(latents.get(i), 0, z, i * dim, dim);
        }
        float[] out = new float[latents.size() * pix];
        for (int from = 0; from < latents.size(); from += 32) {
            int to = Math.min(latents.size(), from + 32);
            try (NDManager m = manager.newSubManager()) {
                NDArray img =
                        run.generator()
                                .generate(
                                        m.create(
                                                Arrays.copyOfRange(z, from * dim, to * dim),
                                                new Shape(to - from, dim)));
                System.arraycopy(img.toFloatArray(), 0, out, from * pix, (to - from) * pix);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ report
}
