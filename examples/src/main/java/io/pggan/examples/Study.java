package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeDataset;
import io.pggan.agecnn.AgeDatasets;
import io.pggan.agecnn.AgeEvaluation;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.agecnn.TrainingCurves;
import io.pggan.agecnn.TrainingHistory;
import io.pggan.agecnn.training.Augmentation;
import io.pggan.data.Bilinear;
import io.pggan.data.ImageSource;
import io.pggan.data.phantom.ContactSheet;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.BoneAgeRecord;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.engine.PgganEngine;
import io.pggan.examples.report.ReportWriter;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.gan.training.BestGsSnapshot;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.io.AtomicFiles;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.axis.AxisMethod;
import io.pggan.latent.axis.LassoCvAxis;
import io.pggan.latent.axis.LatentAxisFinder;
import io.pggan.latent.axis.OlsAxis;
import io.pggan.latent.interpolation.Interpolation;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.ErrorSummary;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import io.pggan.latent.video.AgingVideo;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.InputPipeline;
import io.pggan.metrics.features.TorchScriptFeatureExtractor;
import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.neighbors.NeighborResult;
import io.pggan.metrics.tracking.GanMetricsListener;
import io.pggan.metrics.tracking.MetricRecord;
import io.pggan.metrics.tracking.MetricSample;
import io.pggan.metrics.tracking.MetricTracker;
import io.pggan.metrics.tracking.RealReference;
import io.pggan.metrics.tracking.TrackerConfig;
import io.pggan.random.Permutation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The study, stage by stage, in one output folder:
 *
 * <ol>
 *   <li>{@code data}: the training images in a multi-resolution store ({@code data/store}) and
 *       their ages ({@code data/labels.csv});
 *   <li>{@code agecnn}: the bone-age Xception, trained on the same images bilinearly upsampled to
 *       its input ({@code agecnn/model}). It is trained <em>before</em> the GAN so that FID and KID
 *       in its feature space can be tracked during GAN training (the study's Fig. 2);
 *   <li>{@code gan}: the progressive GAN ({@code gan/checkpoint.zip} resumes, {@code
 *       gan/generator.zip} at the end) with SWD, MS-SSIM, FID and KID every few kimg ({@code
 *       gan/metrics/metrics.csv});
 *   <li>{@code evaluate}: final metrics against a real sample and a real-vs-real reference,
 *       Inception Score with a user-supplied TorchScript Inception, nearest neighbours;
 *   <li>{@code label}: sampled latents labelled with the age CNN;
 *   <li>{@code axis}: LASSO with 10-fold CV, the age axis;
 *   <li>{@code video}: a hand moved along the age axis (MP4, GIF, frames, ages);
 *   <li>{@code report}: {@code report/index.html} with every figure.
 * </ol>
 */
final class Study {
    private static final Logger LOG = LoggerFactory.getLogger(Study.class);
    static final ObjectMapper JSON = Json.mapper();

    /** Stage names, in order. */
    static final String[] STAGES = {
        "data", "agecnn", "gan", "evaluate", "label", "axis", "video", "report"
    };

    private final StudyPlan plan;
    private final Path out;
    private final Stages stages;
    private final int res;

    Study(StudyPlan plan, Path out) {
        this.plan = plan;
        this.out = out.toAbsolutePath().normalize();
        this.stages = new Stages(this.out);
        this.res = plan.resolution();
    }

    /** Runs (or resumes) every stage. */
    void run() throws Exception {
        Files.createDirectories(out);
        checkPlan();
        PgganEngine.start();
        long t0 = System.nanoTime();
        stages.run("data", this::data);
        stages.run("agecnn", this::ageCnn);
        stages.run("gan", this::gan);
        stages.run("evaluate", this::evaluate);
        stages.run("label", this::label);
        stages.run("axis", this::axis);
        stages.run("video", this::video);
        stages.run(
                "report",
                () ->
                        new ReportWriter(out, plan, stages.seconds(STAGES))
                                .write(out.resolve("report")));
        LOG.info(
                "study finished in {} s this session; report: {}",
                String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9),
                out.resolve("report").resolve("index.html"));
    }

    /** A folder holds one plan: resuming with other options would mix two runs. */
    private void checkPlan() throws IOException {
        Path file = out.resolve("plan.json");
        if (Files.isRegularFile(file)) {
            StudyPlan old = JSON.readValue(file.toFile(), StudyPlan.class);
            if (!old.equals(plan)) {
                throw new IllegalArgumentException(
                        "the output folder "
                                + out
                                + " holds a run with other options (see "
                                + file
                                + "); use another --out or the same options");
            }
        } else {
            AtomicFiles.writeString(file, plan.toJson());
        }
    }

    // ------------------------------------------------------------------ data

    /** Ages and sexes of the training images, in store order. */
    record Labels(float[] ages, String[] sexes) {}

    private HandPhantoms phantoms() {
        return HandPhantoms.builder().seed(plan.seed()).resolution(res).build();
    }

    private RsnaDataset.Split rsnaSplit() {
        RsnaDataset all = RsnaDataset.builder().root(Path.of(plan.rsna())).resolution(res).build();
        return all.split(plan.seed(), 0.1, 0.1);
    }

    private static RsnaDataset first(RsnaDataset d, int n) {
        return d.size() <= n ? d : d.withRecords(d.records().subList(0, n));
    }

    private void data() throws IOException {
        ImageSource source;
        int n;
        float[] ages;
        String[] sexes;
        if (plan.rsna() == null) {
            HandPhantoms p = phantoms();
            // The phantoms at a size a person can read: ages 1 to 18 years, boys and girls.
            ContactSheet.write(
                    out.resolve("data/phantom-contact-sheet.png"),
                    HandPhantoms.builder().seed(plan.seed()).resolution(256).build());
            n = plan.datasetSize();
            source = p.asSource(n);
            ages = new float[n];
            sexes = new String[n];
            for (int i = 0; i < n; i++) {
                ages[i] = (float) p.ageMonths(i);
                sexes[i] = p.sex(i).name();
            }
        } else {
            RsnaDataset train = first(rsnaSplit().train(), plan.datasetSize());
            source = train;
            n = train.size();
            ages = new float[n];
            sexes = new String[n];
            for (int i = 0; i < n; i++) {
                BoneAgeRecord r = train.record(i);
                ages[i] = (float) r.ageMonths();
                sexes[i] = r.sex().name();
            }
        }
        Path storeDir = out.resolve("data/store");
        try (MultiResolutionStore store =
                Files.isRegularFile(storeDir.resolve(MultiResolutionStore.HEADER))
                        ? MultiResolutionStore.open(storeDir, false)
                        : MultiResolutionStore.builder()
                                .source(source)
                                .folder(storeDir)
                                .progress(true)
                                .build()) {
            int show = Math.min(32, store.size());
            float[] grid = new float[show * res * res];
            for (int i = 0; i < show; i++) {
                System.arraycopy(store.image(i, res), 0, grid, i * res * res, res * res);
            }
            ImageGrid.write(out.resolve("data/reals.png"), grid, show, 1, res, res, 8);
        }
        StringBuilder csv = new StringBuilder("index,age_months,sex\n");
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(ages[i]).append(',').append(sexes[i]).append('\n');
        }
        AtomicFiles.writeString(out.resolve("data/labels.csv"), csv.toString());
    }

    private Labels labels() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("data/labels.csv"));
        float[] ages = new float[lines.size() - 1];
        String[] sexes = new String[ages.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 3) {
                throw new IOException("data/labels.csv line " + (i + 1) + ": expected 3 fields");
            }
            ages[i - 1] = Float.parseFloat(f[1]);
            sexes[i - 1] = f[2];
        }
        return new Labels(ages, sexes);
    }

    private MultiResolutionStore store() {
        return MultiResolutionStore.open(out.resolve("data/store"), false);
    }

    /** Real images {@code from .. from + n - 1} of the store as 8-bit images. */
    private static Uint8Images reals(MultiResolutionStore store, int from, int n, int res) {
        byte[] all = new byte[n * res * res];
        for (int i = 0; i < n; i++) {
            byte[] img = store.imageBytes(from + i, res);
            System.arraycopy(img, 0, all, i * res * res, res * res);
        }
        return Uint8Images.of(all, n, 1, res, res);
    }

    // ------------------------------------------------------------------ age CNN

    /** A dataset at the CNN's input size from images at the GAN's resolution. */
    private AgeDataset upsampled(float[] images, int n, float[] ages) {
        int s = plan.cnnInput();
        float[] up = Bilinear.resize(images, n, res, res, s, s);
        for (int i = 0; i < up.length; i++) {
            up[i] = Math.max(-1f, Math.min(1f, up[i]));
        }
        return AgeDataset.of(up, 1, s, s, ages, null);
    }

    private AgeDataset upsampled(AgeDataset d) {
        int per = d.imageLength();
        float[] images = new float[d.size() * per];
        for (int i = 0; i < d.size(); i++) {
            d.copyImage(i, images, i * per);
        }
        return upsampled(images, d.size(), d.ages());
    }

    private void ageCnn() throws IOException {
        Labels labels = labels();
        AgeDataset train;
        try (MultiResolutionStore store = store()) {
            int n = store.size();
            float[] images = new float[n * res * res];
            for (int i = 0; i < n; i++) {
                System.arraycopy(store.image(i, res), 0, images, i * res * res, res * res);
            }
            train = upsampled(images, n, labels.ages());
        }
        AgeDataset validation;
        AgeDataset test;
        if (plan.rsna() == null) {
            HandPhantoms p = phantoms();
            validation = upsampled(AgeDatasets.phantoms(p, 1_000_000, plan.cnnValidation(), true));
            test = upsampled(AgeDatasets.phantoms(p, 2_000_000, plan.cnnTest(), true));
        } else {
            RsnaDataset.Split split = rsnaSplit();
            validation =
                    upsampled(
                            AgeDatasets.rsna(
                                    first(split.validation(), plan.cnnValidation()), true));
            test = upsampled(AgeDatasets.rsna(first(split.test(), plan.cnnTest()), true));
        }
        Path dir = out.resolve("agecnn");
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(plan.cnnWidth())
                        .useSex(false)
                        .epochs(plan.cnnEpochs())
                        .batchSize(plan.cnnBatch())
                        .learningRate((float) plan.cnnLearningRate())
                        .augmentation(
                                plan.cnnAugmentation()
                                        ? Augmentation.radiographDefaults()
                                        : Augmentation.none())
                        .patience(Math.max(3, plan.cnnEpochs() / 3))
                        .timeLimitMinutes(plan.cnnMinutes())
                        .seed(plan.seed())
                        .progressBar(true)
                        .build()) {
            TrainingHistory history =
                    model.fit(train, validation, List.of(e -> LOG.info("age CNN {}", e)));
            TrainingCurves.writePng(history, dir.resolve("curve.png"), "Age CNN: MAE per epoch");
            float[] predicted = model.predict(test);
            AgeEvaluation eval = AgeEvaluation.of(predicted, test.ages());
            LOG.info("age CNN on {} test images:\n{}", test.size(), eval.describe());
            StringBuilder csv = new StringBuilder("index,true_months,predicted_months\n");
            for (int i = 0; i < predicted.length; i++) {
                csv.append(i)
                        .append(',')
                        .append(test.age(i))
                        .append(',')
                        .append(predicted[i])
                        .append('\n');
            }
            AtomicFiles.writeString(dir.resolve("test_predictions.csv"), csv.toString());
            AtomicFiles.writeString(dir.resolve("history.json"), JSON.writeValueAsString(history));
            AtomicFiles.writeString(dir.resolve("evaluation.json"), JSON.writeValueAsString(eval));
            model.save(dir.resolve("model"));
        }
    }

    private AgeCnnPredictor ageModel() {
        return new AgeCnnPredictor(AgeRegressor.load(out.resolve("agecnn/model")), plan.cnnInput());
    }

    // ------------------------------------------------------------------ GAN

    private PgganConfig ganConfig() {
        PgganConfig.Builder b =
                PgganConfig.builder()
                        .resolution(res)
                        .latentDim(plan.latentDim())
                        .fmapMax(plan.fmapMax())
                        .fmapBase(plan.fmapBase())
                        .seed(plan.seed())
                        .gsAverage(plan.gsAverage())
                        .imageSnapshotTicks(0);
        if (plan.officialSchedule()) {
            b.checkpointIntervalKimg(100);
        } else {
            TrainingSchedule s =
                    TrainingSchedule.shortRun(plan.phaseKimg(), plan.totalKimg(), plan.minibatch());
            b.schedule(s.withLearningRate(plan.learningRate()))
                    .checkpointIntervalKimg(Math.max(plan.phaseKimg() / 2, 0.1));
        }
        return b.build();
    }

    private TrackerConfig trackerConfig(int sample, double every, boolean precisionRecall) {
        List<String> m = new ArrayList<>(List.of("swd", "ms_ssim", "fid", "kid"));
        if (precisionRecall) {
            m.add("precision_recall");
        }
        if (plan.inception() != null) {
            m.add("is");
        }
        return TrackerConfig.builder()
                .everyKimg(every)
                .sampleSize(sample)
                .batchSize(32)
                .seed(plan.seed())
                .kid(20, Math.min(sample, 100))
                .metrics(m)
                .build();
    }

    private void gan() throws IOException {
        Path dir = out.resolve("gan");
        Path metricsDir = dir.resolve("metrics");
        int m = plan.metricSample();
        TrackerConfig tc = trackerConfig(m, plan.metricEveryKimg(), false);
        try (MultiResolutionStore store = store();
                AgeCnnPredictor age = ageModel();
                FeatureExtractor features = age.featureExtractor();
                FeatureExtractor inception = inception()) {
            RealReference reference =
                    RealReference.compute(tc, reals(store, 0, m, res), features, inception);
            // The real-vs-real line of Fig. 2: a second real sample scored like the fakes.
            Path realLine = metricsDir.resolve("real_vs_real.json");
            if (!Files.isRegularFile(realLine) && store.size() >= 2 * m) {
                MetricRecord r =
                        new MetricTracker(reference, metricsDir.resolve("real-vs-real"))
                                .evaluate(0, reals(store, m, m, res));
                Map<String, Double> values = new LinkedHashMap<>(r.values());
                for (Map.Entry<String, Double> e : reference.values().entrySet()) {
                    values.put("reals_" + e.getKey(), e.getValue());
                }
                AtomicFiles.writeString(realLine, JSON.writeValueAsString(values));
            }
            MetricTracker tracker = new MetricTracker(reference, metricsDir);
            try (Pggan gan = Pggan.builder().config(ganConfig()).runDirectory(dir).build()) {
                GanMetricsListener listener =
                        new GanMetricsListener(
                                gan.state(),
                                tracker,
                                LatentSampler.latents(plan.seed() + 7, 0, m, plan.latentDim()),
                                metricsDir.resolve("progress"),
                                8);
                if (plan.bestMetric() != null) {
                    String metric = plan.bestMetric();
                    BestGsSnapshot best =
                            new BestGsSnapshot(
                                    gan.state(),
                                    dir,
                                    metric,
                                    metric.startsWith("is_")
                                                    || metric.equals("precision")
                                                    || metric.equals("recall")
                                            ? BestGsSnapshot.Goal.MAXIMIZE
                                            : BestGsSnapshot.Goal.MINIMIZE);
                    listener.onRecord(
                            (p, r) -> {
                                Double v = r.values().get(metric);
                                if (v == null) {
                                    throw new IllegalArgumentException(
                                            "bestMetric "
                                                    + metric
                                                    + " is not a tracked metric: "
                                                    + r.values().keySet());
                                }
                                best.offer(p, v);
                            });
                }
                gan.train(store, listener);
                gan.save(dir.resolve("generator.zip"));
            }
        }
    }

    /** The user's TorchScript Inception (class logits), or null without {@code --inception}. */
    private FeatureExtractor inception() throws IOException {
        return plan.inception() == null
                ? null
                : TorchScriptFeatureExtractor.load(
                        Path.of(plan.inception()),
                        plan.inceptionClasses(),
                        InputPipeline.pytorchFid());
    }

    // ------------------------------------------------------------------ evaluation

    private NDArray generate(PgganLatentGenerator g, NDManager mgr, float[] z, int from, int n) {
        int d = g.latentDim();
        NDArray zz = mgr.create(Arrays.copyOfRange(z, from * d, (from + n) * d), new Shape(n, d));
        return g.generate(zz);
    }

    private Uint8Images fakes(PgganLatentGenerator g, float[] z, int n) {
        List<Uint8Images> parts = new ArrayList<>();
        try (NDManager mgr = NDManager.newBaseManager()) {
            for (int i = 0; i < n; i += 32) {
                int k = Math.min(32, n - i);
                try (NDManager step = mgr.newSubManager()) {
                    parts.add(Uint8Images.fromSigned(generate(g, step, z, i, k)));
                }
            }
        }
        return Uint8Images.concat(parts);
    }

    /** Feature rows of images, streamed through the model in batches of 32. */
    private static double[][] features(FeatureExtractor f, Uint8Images images) {
        return new MetricSample(images, f, null, 32).features().rows();
    }

    private PgganLatentGenerator generator(Pggan gan) {
        return PgganLatentGenerator.of(gan, ganWeights());
    }

    /**
     * The Gs the later stages use: the best snapshot by the plan's {@code bestMetric}, or the last.
     */
    private Path ganWeights() {
        Path dir = out.resolve("gan");
        if (plan.bestMetric() != null) {
            return BestGsSnapshot.snapshotFile(dir).orElse(dir.resolve("generator.zip"));
        }
        return dir.resolve("generator.zip");
    }

    private void evaluate() throws IOException {
        Path dir = out.resolve("eval");
        Map<String, Object> result = new LinkedHashMap<>();
        try (Pggan gan = Pggan.load(ganWeights());
                MultiResolutionStore store = store();
                AgeCnnPredictor age = ageModel();
                FeatureExtractor features = age.featureExtractor()) {
            PgganLatentGenerator g = generator(gan);
            int m = Math.min(plan.evalSample(), store.size() / 2 * 2);
            float[] z = LatentSampler.latents(plan.seed() + 11, 0, m, g.latentDim());
            Uint8Images fake = fakes(g, z, m);
            Uint8Images real = reals(store, 0, m, res);
            TrackerConfig tc = trackerConfig(m, 1, true);
            RealReference reference;
            try (FeatureExtractor inception = inception()) {
                reference = RealReference.compute(tc, real, features, inception);
                double kimg = gan.counters().nimg() / 1000.0;
                result.put("kimg", kimg);
                result.put("sample", m);
                result.put(
                        "generated",
                        new MetricTracker(reference, dir.resolve("final"))
                                .evaluate(kimg, fake)
                                .values());
                if (store.size() >= 2 * m) {
                    Map<String, Double> v =
                            new LinkedHashMap<>(
                                    new MetricTracker(reference, dir.resolve("real-vs-real"))
                                            .evaluate(0, reals(store, m, m, res))
                                            .values());
                    v.putAll(reference.values());
                    result.put("realVsReal", v);
                }
            }
            // Fig. 1b: a grid of samples.
            try (NDManager mgr = NDManager.newBaseManager()) {
                float[] zs = LatentSampler.latents(plan.seed() + 17, 0, 32, g.latentDim());
                ImageGrid.write(dir.resolve("samples.png"), generate(g, mgr, zs, 0, 32), 8);
            }
            // Nearest training images of 8 generated images, in pixels and in CNN features.
            int nRef = Math.min(store.size(), 2000);
            Uint8Images training = reals(store, 0, nRef, res);
            Uint8Images query = fake.slice(0, Math.min(8, m));
            NeighborResult px = NearestNeighbors.pixel(query, training, 5, false);
            NearestNeighbors.writeGrid(dir.resolve("nn_pixels.png"), query, training, px, 8);
            NeighborResult ft =
                    NearestNeighbors.features(
                            features(features, query), features(features, training), 5, false);
            NearestNeighbors.writeGrid(dir.resolve("nn_features.png"), query, training, ft, 8);
            result.put("nearestPixelDistance", meanFirst(px));
            result.put("nearestFeatureDistance", meanFirst(ft));
        }
        AtomicFiles.writeString(dir.resolve("evaluation.json"), JSON.writeValueAsString(result));
    }

    private static double meanFirst(NeighborResult r) {
        double s = 0;
        for (double[] d : r.distance()) {
            s += d[0];
        }
        return s / r.distance().length;
    }

    // ------------------------------------------------------------------ latent space

    private void label() throws IOException {
        try (Pggan gan = Pggan.load(ganWeights());
                AgeCnnPredictor predictor = ageModel();
                NDManager mgr = NDManager.newBaseManager()) {
            LatentLabeler.builder()
                    .samples(plan.labelSamples())
                    .seed(plan.seed() + 13)
                    .batchSize(64)
                    .shardSize(Math.max(1000, plan.labelSamples() / 10))
                    .build()
                    .label(out.resolve("labels"), mgr, generator(gan), predictor);
        }
    }

    private void axis() throws IOException {
        Path dir = out.resolve("axis");
        try (Pggan gan = Pggan.load(ganWeights())) {
            PgganLatentGenerator g = generator(gan);
            LabelSet labels = LabelSet.open(out.resolve("labels"), g);
            float[][] z = labels.latents();
            double[] months = labels.months();
            LassoCv cv = LassoCv.builder().folds(10).build();
            AgeAxis axis;
            try {
                axis = finder(g, new LassoCvAxis(cv)).fit(z, months);
            } catch (IllegalStateException e) {
                // A barely trained GAN can give ages the LASSO cannot predict at all (every
                // coefficient 0): least squares still gives the best linear direction.
                LOG.warn("{}; falling back to least squares", e.getMessage());
                axis = finder(g, new OlsAxis()).fit(z, months);
            }
            axis.save(dir.resolve("age-axis.json"));
            LOG.info(
                    "age axis: held-out R2 {}, test MAE {} months (mean predictor {})",
                    axis.heldOutR2(),
                    axis.testErrors().mean(),
                    axis.testMaeOfMean());
            // Fig. 3a: a LASSO-CV fitted on 80 % of the samples, judged on the other 20 %.
            int n = z.length;
            int[] perm = Permutation.of(n, plan.seed() + 19);
            int nTest = Math.max(1, n / 5);
            float[][] zTrain = new float[n - nTest][];
            double[] yTrain = new double[n - nTest];
            for (int i = nTest; i < n; i++) {
                zTrain[i - nTest] = z[perm[i]];
                yTrain[i - nTest] = months[perm[i]];
            }
            LassoCvResult fit = cv.fit(Design.of(zTrain), yTrain);
            StringBuilder csv = new StringBuilder("sample,split,cnn_months,lasso_months\n");
            double[] trTruth = new double[n - nTest];
            double[] trPred = new double[n - nTest];
            double[] teTruth = new double[nTest];
            double[] tePred = new double[nTest];
            for (int i = 0; i < n; i++) {
                int s = perm[i];
                double[] row = new double[z[s].length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = z[s][j];
                }
                double p = fit.model().predict(row);
                boolean test = i < nTest;
                if (test) {
                    teTruth[i] = months[s];
                    tePred[i] = p;
                } else {
                    trTruth[i - nTest] = months[s];
                    trPred[i - nTest] = p;
                }
                csv.append(s)
                        .append(',')
                        .append(test ? "test" : "train")
                        .append(',')
                        .append(months[s])
                        .append(',')
                        .append(p)
                        .append('\n');
            }
            AtomicFiles.writeString(dir.resolve("lasso_predictions.csv"), csv.toString());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("samples", n);
            summary.put("alpha", fit.selectedAlpha());
            summary.put("nonZero", fit.model().nonZero());
            summary.put("trainErrors", ErrorSummary.of(trTruth, trPred));
            summary.put("testErrors", ErrorSummary.of(teTruth, tePred));
            summary.put("axisMethod", axis.method());
            summary.put("axisHeldOutR2", axis.heldOutR2());
            summary.put("axisMonthsPerUnit", axis.monthsPerUnit());
            summary.put("axisTestMae", axis.testErrors().mean());
            summary.put("axisTestMaeOfMean", axis.testMaeOfMean());
            AtomicFiles.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
        }
    }

    private LatentAxisFinder finder(PgganLatentGenerator g, AxisMethod method) {
        return LatentAxisFinder.builder()
                .generator(g)
                .method(method)
                .testFraction(0.2)
                .seed(plan.seed())
                .build();
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void video() throws IOException {
        Path dir = out.resolve("video");
        try (Pggan gan = Pggan.load(ganWeights());
                AgeCnnPredictor predictor = ageModel();
                NDManager mgr = NDManager.newBaseManager()) {
            PgganLatentGenerator g = generator(gan);
            AgeAxis axis = AgeAxis.load(out.resolve("axis/age-axis.json"), g);
            LabelSet labels = LabelSet.open(out.resolve("labels"), g);
            float[][] z = labels.latents();
            double[] months = labels.months();
            double median = median(months);
            // Start from the sampled hand whose predicted age is closest to the median.
            int start = 0;
            for (int i = 1; i < months.length; i++) {
                if (Math.abs(months[i] - median) < Math.abs(months[start] - median)) {
                    start = i;
                }
            }
            // Walk the axis coordinate from -3 to +3: z ~ N(0, I) projects onto the unit axis with
            // sd 1, so this spans the latent distribution (99.7 %) whatever the months per unit.
            double own = axis.predictMonths(z[start]);
            double p0 = axis.project(z[start]);
            double from = (-3 - p0) * axis.monthsPerUnit();
            double to = (3 - p0) * axis.monthsPerUnit();
            int f = plan.videoFrames();
            List<float[]> frames = Interpolation.alongAxis(axis, z[start], from, to, f);
            double[] position = new double[f];
            for (int i = 0; i < f; i++) {
                position[i] = own + from + (to - from) * i / (f - 1);
            }
            AgingVideo.Result v =
                    AgingVideo.builder()
                            .fps(8)
                            .videoMinSide(256)
                            .trend(Lowess.builder().frac(0.3).iterations(3).build())
                            .build()
                            .write(dir, mgr, g, predictor, frames, position);
            double[] index = new double[f];
            for (int i = 0; i < f; i++) {
                index[i] = i;
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("frames", f);
            summary.put("startSample", start);
            summary.put("axisMonthsFrom", own + from);
            summary.put("axisMonthsTo", own + to);
            summary.put("spearmanPerFrame", Spearman.rho(index, v.months()));
            summary.put("spearmanTrend", v.spearman());
            summary.put("firstFrameMonths", v.months()[0]);
            summary.put("lastFrameMonths", v.months()[f - 1]);
            AtomicFiles.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
            LOG.info(
                    "aging video: {} frames, predicted {} -> {} months, Spearman {}",
                    f,
                    v.months()[0],
                    v.months()[f - 1],
                    summary.get("spearmanPerFrame"));
        }
    }
}
