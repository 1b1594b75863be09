package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.phantom.Phantom;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.study.StudyRun;
import io.pggan.gan.LatentSampler;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.latent.editing.AgeEdit;
import io.pggan.latent.editing.AgeEditor;
import io.pggan.latent.editing.EditedImage;
import io.pggan.latent.projection.PivotalTuningConfig;
import io.pggan.latent.projection.ProjectionConfig;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.model.AgePredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    private static final long HELD_OUT_FROM = 3_000_000L;
    private static final int TOP_K = 20;
    private static final long GS_BASELINE_SEED = 7_000_000L;

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
        List<EditMode> modes = new ArrayList<>();
        modes.add(
                new EditMode(
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
            nnTrain = nearest(originals, n, pix, store.size(), i -> store.image(i, r));
            float[] nnTrainImages = gather(nnTrain, i -> store.image(i, r), pix);
            long t1 = System.nanoTime();
            int[][] nnGs = nearestGs(run, manager, originals, n, pix, samples);
            double gsSeconds = (System.nanoTime() - t1) / 1e9;
            float[] nnGsImages = gsImages(run, manager, nnGs, pix);
            report(
                    run,
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
            List<EditMode> modes) {
        AgeEdit calibrated = AgeEdit.calibrated(run.axis(), run.generator(), run.ageCnn(), 4, 32);
        List<float[]> young = new ArrayList<>();
        List<float[]> old = new ArrayList<>();
        for (EditedImage e : edits) {
            young.add(calibrated.edit(e.projection().latent(), deltas[0]));
            old.add(calibrated.edit(e.projection().latent(), deltas[1]));
        }
        modes.add(
                new EditMode(
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
                    new EditMode(
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
    private record EditMode(String name, String description, float[] younger, float[] older) {}

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

    /** A source of candidate images by index. */
    private interface Images {
        float[] image(int index);
    }

    /** The {@value #TOP_K} pixel-nearest candidates of every target, nearest first. */
    private static int[][] nearest(float[] targets, int n, int pix, int count, Images images) {
        int[][] best = new int[n][TOP_K];
        double[][] dist = new double[n][TOP_K];
        for (double[] d : dist) {
            Arrays.fill(d, Double.POSITIVE_INFINITY);
        }
        for (int c = 0; c < count; c++) {
            offer(targets, n, pix, images.image(c), 0, c, best, dist);
        }
        return best;
    }

    private static void offer(
            float[] targets,
            int n,
            int pix,
            float[] candidate,
            int offset,
            int index,
            int[][] best,
            double[][] dist) {
        for (int t = 0; t < n; t++) {
            double d = 0;
            for (int q = 0; q < pix; q++) {
                double e = targets[t * pix + q] - candidate[offset + q];
                d += e * e;
            }
            if (d < dist[t][TOP_K - 1]) {
                int k = TOP_K - 1;
                while (k > 0 && dist[t][k - 1] > d) {
                    dist[t][k] = dist[t][k - 1];
                    best[t][k] = best[t][k - 1];
                    k--;
                }
                dist[t][k] = d;
                best[t][k] = index;
            }
        }
    }

    private static float[] gather(int[][] nn, Images images, int pix) {
        float[] out = new float[nn.length * pix];
        for (int t = 0; t < nn.length; t++) {
            System.arraycopy(images.image(nn[t][0]), 0, out, t * pix, pix);
        }
        return out;
    }

    /** Latents of the Gs baseline: {@link LatentSampler} latents of a fixed seed. */
    private static float[] gsLatents(int from, int to, int dim) {
        return LatentSampler.latents(GS_BASELINE_SEED, from, to - from, dim);
    }

    private static int[][] nearestGs(
            StudyRun run, NDManager manager, float[] targets, int n, int pix, int samples) {
        int dim = run.generator().latentDim();
        int[][] best = new int[n][TOP_K];
        double[][] dist = new double[n][TOP_K];
        for (double[] d : dist) {
            Arrays.fill(d, Double.POSITIVE_INFINITY);
        }
        for (int from = 0; from < samples; from += 64) {
            int to = Math.min(samples, from + 64);
            try (NDManager m = manager.newSubManager()) {
                float[] img =
                        run.generator()
                                .generate(
                                        m.create(
                                                gsLatents(from, to, dim),
                                                new Shape(to - from, dim)))
                                .toFloatArray();
                for (int c = from; c < to; c++) {
                    offer(targets, n, pix, img, (c - from) * pix, c, best, dist);
                }
            }
        }
        return best;
    }

    /** Gs images of the given baseline indices ({@code [n][TOP_K]}), flattened row by row. */
    private static float[] gsImages(StudyRun run, NDManager manager, int[][] nn, int pix) {
        int dim = run.generator().latentDim();
        int k = nn[0].length;
        float[] out = new float[nn.length * k * pix];
        for (int t = 0; t < nn.length; t++) {
            float[] z = new float[k * dim];
            for (int j = 0; j < k; j++) {
                System.arraycopy(gsLatents(nn[t][j], nn[t][j] + 1, dim), 0, z, j * dim, dim);
            }
            try (NDManager m = manager.newSubManager()) {
                float[] img =
                        run.generator().generate(m.create(z, new Shape(k, dim))).toFloatArray();
                System.arraycopy(img, 0, out, t * k * pix, k * pix);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ report

    private static Uint8Images bytes(float[] signed, int count, int r) {
        byte[] b = new byte[signed.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, (int) Math.rint((signed[i] + 1) * 127.5)));
        }
        return Uint8Images.of(b, count, 1, r, r);
    }

    /** PSNR in dB of two 8-bit images (peak 255). */
    static double psnr(Uint8Images a, int i, Uint8Images b, int j) {
        int size = a.imageSize();
        double se = 0;
        for (int q = 0; q < size; q++) {
            double e = a.at(i * size + q) - b.at(j * size + q);
            se += e * e;
        }
        double mse = se / size;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double fraction(boolean[] v) {
        int k = 0;
        for (boolean b : v) {
            k += b ? 1 : 0;
        }
        return (double) k / v.length;
    }

    private static void report(
            StudyRun run,
            Path out,
            NDManager manager,
            ProjectionConfig cfg,
            int n,
            int r,
            float[] originals,
            double[] trueMonths,
            float[] recon,
            List<EditMode> modes,
            List<EditedImage> edits,
            int[][] nnTrain,
            float[] nnTrainImages,
            int[][] nnGs,
            float[] nnGsTopK,
            MultiResolutionStore store,
            int samples,
            double projectSeconds,
            double gsSeconds)
            throws Exception {
        int pix = r * r;
        MsSsim ms = MsSsim.pggan();
        Uint8Images orig8 = bytes(originals, n, r);
        Uint8Images recon8 = bytes(recon, n, r);
        Uint8Images train8 = bytes(nnTrainImages, n, r);
        Uint8Images gsTop8 = bytes(nnGsTopK, n * TOP_K, r);
        double[] psnrRecon = new double[n];
        double[] psnrTrain = new double[n];
        double[] psnrGs = new double[n];
        double[] ssimRecon = new double[n];
        double[] ssimTrain = new double[n];
        double[] ssimGs = new double[n];
        double[] ssimTrainBest = new double[n];
        double[] ssimGsBest = new double[n];
        float[] gsNearest = new float[n * pix];
        for (int t = 0; t < n; t++) {
            System.arraycopy(nnGsTopK, t * TOP_K * pix, gsNearest, t * pix, pix);
            psnrRecon[t] = psnr(orig8, t, recon8, t);
            psnrTrain[t] = psnr(orig8, t, train8, t);
            psnrGs[t] = psnr(orig8, t, gsTop8, t * TOP_K);
            ssimRecon[t] = ms.score(orig8, t, recon8, t);
            ssimTrain[t] = ms.score(orig8, t, train8, t);
            ssimGs[t] = ms.score(orig8, t, gsTop8, t * TOP_K);
            double bestGs = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < TOP_K; k++) {
                bestGs = Math.max(bestGs, ms.score(orig8, t, gsTop8, t * TOP_K + k));
            }
            ssimGsBest[t] = bestGs;
            double bestTrain = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < TOP_K; k++) {
                Uint8Images one = bytes(store.image(nnTrain[t][k], r), 1, r);
                bestTrain = Math.max(bestTrain, ms.score(orig8, t, one, 0));
            }
            ssimTrainBest[t] = bestTrain;
        }
        boolean[] winsPsnr = new boolean[n];
        boolean[] winsSsim = new boolean[n];
        for (int t = 0; t < n; t++) {
            winsPsnr[t] = psnrRecon[t] > Math.max(psnrTrain[t], psnrGs[t]);
            winsSsim[t] =
                    ssimRecon[t]
                            > Math.max(
                                    Math.max(ssimTrain[t], ssimGs[t]),
                                    Math.max(ssimTrainBest[t], ssimGsBest[t]));
        }

        // the CNN: ages and features of originals and reconstructions
        AgePredictor cnn = run.ageCnn();
        Shape shape = new Shape(n, 1, r, r);
        AgePredictor.Prediction po;
        AgePredictor.Prediction pRecon;
        try (NDManager m = manager.newSubManager()) {
            po = cnn.predictWithFeatures(m.create(originals, shape));
            pRecon = cnn.predictWithFeatures(m.create(recon, shape));
        }
        double[] ageOrig = toDoubles(po.months());
        double[] ageRecon = toDoubles(pRecon.months());
        double[] reconAgeError = new double[n];
        for (int t = 0; t < n; t++) {
            reconAgeError[t] = Math.abs(ageRecon[t] - ageOrig[t]);
        }
        boolean[] ownRecon = closestToOwn(pRecon.features(), po.features());

        ObjectNode s = Json.mapper().createObjectNode();
        s.put("study", run.layout().root().toString());
        s.put("modelId", run.generator().modelId());
        s.put("images", n);
        s.put("heldOutPhantomsFrom", HELD_OUT_FROM);
        s.put("gsSamples", samples);
        s.put("trainingImages", store.size());
        s.set("projector", Json.mapper().valueToTree(cfg));
        if (tuning != null) {
            s.set("pivotalTuning", Json.mapper().valueToTree(tuning));
        }
        s.put("projectAndEditSeconds", projectSeconds);
        s.put("gsBaselineSeconds", gsSeconds);
        ObjectNode q = s.putObject("reconstruction");
        q.put("psnrMean", mean(psnrRecon));
        q.put("psnrNearestTrainingMean", mean(psnrTrain));
        q.put("psnrNearestGsMean", mean(psnrGs));
        q.put("msSsimMean", mean(ssimRecon));
        q.put("msSsimNearestTrainingMean", mean(ssimTrain));
        q.put("msSsimNearestGsMean", mean(ssimGs));
        q.put("msSsimBestOfTop20TrainingMean", mean(ssimTrainBest));
        q.put("msSsimBestOfTop20GsMean", mean(ssimGsBest));
        q.put("fractionPsnrBeatsBothBaselines", fraction(winsPsnr));
        q.put("fractionMsSsimBeatsAllBaselines", fraction(winsSsim));
        q.put(
                "pixelMseMean",
                edits.stream().mapToDouble(e -> e.projection().pixelLoss()).average().orElse(0));
        q.put(
                "featureLossMean",
                edits.stream().mapToDouble(e -> e.projection().featureLoss()).average().orElse(0));
        q.put("reconstructionClosestToOwnOriginal", fraction(ownRecon));
        ObjectNode a = s.putObject("age");
        a.put("cnnTestMae", run.cnnTestMae());
        a.put("trueMonthsMean", mean(trueMonths));
        a.put("originalMonthsMean", mean(ageOrig));
        a.put("reconstructionAbsErrorMean", mean(reconAgeError));
        a.put("reconstructionSignedErrorMean", mean(diff(ageRecon, ageOrig)));
        s.set("oracle", oracle(run, n, manager));
        ObjectNode acc = s.putObject("acceptance");
        acc.put(
                "reconstructionBeatsBaselinesPsnr",
                mean(psnrRecon) > Math.max(mean(psnrTrain), mean(psnrGs)));
        acc.put(
                "reconstructionBeatsBaselinesMsSsim",
                mean(ssimRecon)
                        > Math.max(
                                Math.max(mean(ssimTrain), mean(ssimGs)),
                                Math.max(mean(ssimTrainBest), mean(ssimGsBest))));
        acc.put("reconstructionAgeWithinCnnTestMae", mean(reconAgeError) <= run.cnnTestMae());

        StringBuilder csv =
                new StringBuilder(
                        "index,true_months,cnn_original,cnn_reconstruction,"
                                + "psnr_reconstruction,psnr_nearest_training,psnr_nearest_gs,"
                                + "msssim_reconstruction,msssim_nearest_training,msssim_nearest_gs,"
                                + "pixel_mse,feature_loss,restart");
        List<double[]> editColumns = new ArrayList<>();
        ObjectNode editsNode = s.putObject("edits");
        for (EditMode mode : modes) {
            AgePredictor.Prediction pOld;
            AgePredictor.Prediction pYoung;
            try (NDManager m = manager.newSubManager()) {
                pOld = cnn.predictWithFeatures(m.create(mode.older(), shape));
                pYoung = cnn.predictWithFeatures(m.create(mode.younger(), shape));
            }
            double[] ageOld = toDoubles(pOld.months());
            double[] ageYoung = toDoubles(pYoung.months());
            double[] gainOld = diff(ageOld, ageRecon);
            double[] gainYoung = diff(ageYoung, ageRecon);
            boolean[] ownOld = closestToOwn(pOld.features(), po.features());
            boolean[] ownYoung = closestToOwn(pYoung.features(), po.features());
            boolean[] ownOldPixels =
                    closestToOwn(rowsOf(mode.older(), n, pix), rowsOf(originals, n, pix));
            ObjectNode e = editsNode.putObject(mode.name());
            e.put("edit", mode.description());
            e.put("plus24GainOverReconstructionMean", mean(gainOld));
            e.put("plus24GainOverOriginalMean", mean(diff(ageOld, ageOrig)));
            e.put("minus24GainOverReconstructionMean", mean(gainYoung));
            e.put("fractionPlus24RaisesAge", fraction(positive(gainOld)));
            e.put("plus24ClosestToOwnOriginal", fraction(ownOld));
            e.put("minus24ClosestToOwnOriginal", fraction(ownYoung));
            e.put("plus24ClosestToOwnOriginalInPixels", fraction(ownOldPixels));
            acc.put(mode.name() + "Plus24RaisesAgeBy12", mean(gainOld) >= 12);
            acc.put(mode.name() + "Plus24IdentityAt80", fraction(ownOld) >= 0.8);
            csv.append(",cnn_minus24_")
                    .append(mode.name())
                    .append(",cnn_plus24_")
                    .append(mode.name())
                    .append(",plus24_own_closest_")
                    .append(mode.name());
            editColumns.add(ageYoung);
            editColumns.add(ageOld);
            double[] own = new double[n];
            for (int t = 0; t < n; t++) {
                own[t] = ownOld[t] ? 1 : 0;
            }
            editColumns.add(own);
        }
        AtomicFiles.writeString(out.resolve("summary.json"), Json.mapper().writeValueAsString(s));
        csv.append('\n');
        for (int t = 0; t < n; t++) {
            EditedImage e = edits.get(t);
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "%d,%.2f,%.2f,%.2f,%.3f,%.3f,%.3f,%.4f,%.4f,%.4f,%.5f,%.5f,%d",
                            t,
                            trueMonths[t],
                            ageOrig[t],
                            ageRecon[t],
                            psnrRecon[t],
                            psnrTrain[t],
                            psnrGs[t],
                            ssimRecon[t],
                            ssimTrain[t],
                            ssimGs[t],
                            e.projection().pixelLoss(),
                            e.projection().featureLoss(),
                            e.projection().restart()));
            for (double[] c : editColumns) {
                csv.append(String.format(Locale.ROOT, ",%.2f", c[t]));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out.resolve("per_image.csv"), csv.toString());

        int show = Math.min(n, 10);
        List<float[]> rows = new ArrayList<>(List.of(originals, recon, nnTrainImages, gsNearest));
        for (EditMode mode : modes) {
            rows.add(mode.younger());
            rows.add(mode.older());
        }
        float[] grid = new float[rows.size() * show * pix];
        for (int row = 0; row < rows.size(); row++) {
            System.arraycopy(rows.get(row), 0, grid, row * show * pix, show * pix);
        }
        ImageGrid.write(out.resolve("examples.png"), grid, rows.size() * show, 1, r, r, show);
        LOG.info("projection acceptance written to {}", out);
        System.out.println(Json.mapper().writeValueAsString(s));
    }

    private static float[][] rowsOf(float[] flat, int n, int per) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * per, (i + 1) * per);
        }
        return out;
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static boolean[] positive(double[] v) {
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > 0;
        }
        return out;
    }

    /** For each edited image: is its own original the nearest of all originals (features)? */
    static boolean[] closestToOwn(float[][] edited, float[][] originals) {
        boolean[] out = new boolean[edited.length];
        for (int i = 0; i < edited.length; i++) {
            double own = distance(edited[i], originals[i]);
            boolean closest = true;
            for (int j = 0; j < originals.length && closest; j++) {
                if (j != i && distance(edited[i], originals[j]) <= own) {
                    closest = false;
                }
            }
            out[i] = closest;
        }
        return out;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double e = a[k] - b[k];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
