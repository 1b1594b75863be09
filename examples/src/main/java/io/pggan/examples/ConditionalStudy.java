package io.pggan.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.data.Sex;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.Labels;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.examples.study.Stage;
import io.pggan.examples.study.StudyPipeline;
import io.pggan.examples.study.StudyPlan;
import io.pggan.examples.study.report.Charts;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.latent.loess.Lowess;
import io.pggan.latent.loess.Spearman;
import io.pggan.latent.video.AgingVideo;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explicit age and sex control (issue #17): trains a PGGAN conditioned on sex and age ({@link
 * LabelSpec#ageAndSex()}) on the phantoms of a finished {@link EndToEnd} run, with that run's GAN
 * configuration (its CPU budget), and judges it with that run's age CNN:
 *
 * <ul>
 *   <li><b>ages</b>: images generated at requested ages 1..18 years ({@code perAge} each, boys and
 *       girls alternating, the same latents at every age): the CNN's MAE and Spearman against the
 *       requested age, a chart of requested against predicted ({@code ages.png});
 *   <li><b>video</b>: one latent held fixed while the age label sweeps 1 to 18 years, as many
 *       frames as the run's LASSO-axis video; per-frame Spearman of both and one chart of both
 *       ({@code video/frames_vs_lasso.png});
 *   <li><b>sex</b>: a logistic regression on the CNN's features, fitted on real phantoms, scored on
 *       real phantoms rendered at the requested ages and on the generated images.
 * </ul>
 *
 * Every number lands in {@code <out>/summary.json} with the acceptance checks of the issue. Each
 * stage is skipped when run again; the GAN resumes from its checkpoint.
 */
public final class ConditionalStudy {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalStudy.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** Requested ages: 1 to 18 years. */
    static final int YEARS = 18;

    private final Path study;
    private final Path out;
    private final int perAge;
    private final StudyPlan plan;

    /**
     * @param study a finished EndToEnd run on phantoms (its plan, GAN configuration, age CNN, axis
     *     and video are reused)
     * @param out output folder
     * @param perAge generated images per requested age (even)
     */
    public ConditionalStudy(Path study, Path out, int perAge) throws java.io.IOException {
        this.study = study.toAbsolutePath().normalize();
        this.out = out.toAbsolutePath().normalize();
        this.perAge = perAge;
        Path planFile = this.study.resolve("plan.json");
        if (!Files.isRegularFile(planFile)) {
            throw new IllegalArgumentException(planFile + ": no study plan; run EndToEnd first");
        }
        this.plan = StudyPlan.read(planFile);
        if (plan.data().rsna() != null) {
            throw new IllegalArgumentException(
                    "the conditional study runs on phantoms (the study used RSNA "
                            + plan.data().rsna()
                            + ")");
        }
        for (String need :
                List.of(
                        "gan/generator.zip",
                        "agecnn/model",
                        "axis/summary.json",
                        "video/summary.json")) {
            if (!Files.exists(this.study.resolve(need))) {
                throw new IllegalArgumentException(
                        this.study.resolve(need) + " is missing: finish the study first");
            }
        }
        if (perAge < 2 || perAge % 2 != 0) {
            throw new IllegalArgumentException("perAge must be even and at least 2, got " + perAge);
        }
    }

    /** {@code ConditionalStudy --study DIR [--out DIR] [--per-age N]}. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path studyDir = null;
        Path outDir = null;
        int perAge = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--study" -> studyDir = Path.of(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--per-age" -> perAge = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (studyDir == null) {
            throw new IllegalArgumentException(
                    "usage: ConditionalStudy --study DIR [--out DIR] [--per-age N]");
        }
        new ConditionalStudy(
                        studyDir, outDir == null ? studyDir.resolve("conditional") : outDir, perAge)
                .run();
    }

    /** Runs (or resumes) every stage and writes {@code summary.json}. */
    public Map<String, Object> run() throws Exception {
        Files.createDirectories(out);
        // The study's plan is this folder's plan: a rerun on another study is refused.
        StudyPipeline pipeline =
                new StudyPipeline(
                        List.of(
                                Stage.of("cgan-data", st -> data()),
                                Stage.of("cgan", st -> train()),
                                Stage.of("cgan-ages", st -> ages()),
                                Stage.of("cgan-video", st -> video())));
        pipeline.run(plan, out);
        Map<String, Object> summary = summary(pipeline);
        AtomicFiles.writeString(out.resolve("summary.json"), JSON.writeValueAsString(summary));
        LOG.info("conditional study: {}", summary);
        return summary;
    }

    private HandPhantoms phantoms() {
        return HandPhantoms.builder()
                .seed(plan.seed())
                .resolution(plan.data().resolution())
                .build();
    }

    /** The study's phantoms, with their age and sex, into a labelled store. */
    private void data() {
        MultiResolutionStore.builder()
                .source(phantoms().asSource(plan.data().size()))
                .labels(LabelSpec.ageAndSex())
                .folder(out.resolve("data/store"))
                .progress(true)
                .build()
                .close();
    }

    /** The study's GAN configuration (from its weights) with the age and sex labels. */
    private PgganConfig config() {
        try (Pggan g = Pggan.load(study.resolve("gan/generator.zip"))) {
            return g.config().toBuilder().labels(LabelSpec.ageAndSex()).build();
        }
    }

    private void train() {
        Path dir = out.resolve("gan");
        try (MultiResolutionStore store =
                        MultiResolutionStore.open(out.resolve("data/store"), false);
                Pggan gan = Pggan.builder().config(config()).runDirectory(dir).build()) {
            gan.train(store);
            gan.save(dir.resolve("generator.zip"));
        }
    }

    private Pggan gan() {
        return Pggan.load(out.resolve("gan/generator.zip"));
    }

    private AgeCnnPredictor ageModel() {
        return new AgeCnnPredictor(
                AgeRegressor.load(study.resolve("agecnn/model")), plan.cnnInput());
    }

    private static Sex sexOf(int i) {
        return i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
    }

    /** Requested against predicted age, and sex recoverability, on the same images. */
    private void ages() throws Exception {
        int n = YEARS * perAge;
        double[] requested = new double[n];
        double[] predicted = new double[n];
        int[] male = new int[n];
        float[][] fakeFeatures = new float[n][];
        float[][] realFeatures = new float[n][];
        double[] realPredicted = new double[n];
        HandPhantoms p = phantoms();
        int res = plan.data().resolution();
        try (Pggan gan = gan();
                AgeCnnPredictor age = ageModel();
                NDManager m = NDManager.newBaseManager()) {
            for (int y = 1; y <= YEARS; y++) {
                List<Labels> labels = new ArrayList<>();
                for (int i = 0; i < perAge; i++) {
                    labels.add(Labels.of(12.0 * y, sexOf(i)));
                }
                try (NDManager step = m.newSubManager()) {
                    // the same latents at every age: only the label changes
                    NDArray raw = gan.generate(plan.seed() + 101, labels);
                    NDArray images = raw.clip(-1f, 1f);
                    AgePredictor.Prediction fake = age.predictWithFeatures(images);
                    images.close();
                    raw.close();
                    float[] real = new float[perAge * res * res];
                    for (int i = 0; i < perAge; i++) {
                        float[] px =
                                p.render(12.0 * y, sexOf(i), 7_000_000L + y * 1000L + i).pixels();
                        System.arraycopy(px, 0, real, i * res * res, res * res);
                    }
                    AgePredictor.Prediction r =
                            age.predictWithFeatures(
                                    step.create(real, new Shape(perAge, 1, res, res)));
                    for (int i = 0; i < perAge; i++) {
                        int k = (y - 1) * perAge + i;
                        requested[k] = 12.0 * y;
                        predicted[k] = fake.months()[i];
                        realPredicted[k] = r.months()[i];
                        male[k] = sexOf(i) == Sex.MALE ? 1 : 0;
                        fakeFeatures[k] = fake.features()[i];
                        realFeatures[k] = r.features()[i];
                    }
                }
                LOG.info("requested {} years: generated and scored", y);
            }
            // the classifier learns sex from real phantoms of the study's age distribution
            int nTrain = 2000;
            float[][] trainX = new float[nTrain][];
            int[] trainY = new int[nTrain];
            for (int from = 0; from < nTrain; from += 50) {
                float[] real = new float[50 * res * res];
                for (int i = 0; i < 50; i++) {
                    long idx = 8_000_000L + from + i;
                    System.arraycopy(p.render(idx).pixels(), 0, real, i * res * res, res * res);
                    trainY[from + i] = p.sex(idx) == Sex.MALE ? 1 : 0;
                }
                try (NDManager step = m.newSubManager()) {
                    float[][] f =
                            age.predictWithFeatures(step.create(real, new Shape(50, 1, res, res)))
                                    .features();
                    System.arraycopy(f, 0, trainX, from, 50);
                }
            }
            SexClassifier sex = SexClassifier.fit(trainX, trainY, 1.0, plan.seed());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("images", n);
            s.put("perAge", perAge);
            s.put("mae", mae(requested, predicted));
            s.put("spearman", Spearman.rho(requested, predicted));
            double[] years = new double[YEARS];
            double[] meanPredicted = new double[YEARS];
            for (int k = 0; k < n; k++) {
                meanPredicted[k / perAge] += predicted[k] / perAge;
            }
            for (int y = 0; y < YEARS; y++) {
                years[y] = 12.0 * (y + 1);
            }
            s.put("spearmanOfMeans", Spearman.rho(years, meanPredicted));
            s.put("realMae", mae(requested, realPredicted));
            s.put("realSpearman", Spearman.rho(requested, realPredicted));
            s.put("sexTrainAccuracy", sex.accuracy(trainX, trainY));
            s.put("sexRealAccuracy", sex.accuracy(realFeatures, male));
            s.put("sexGeneratedAccuracy", sex.accuracy(fakeFeatures, male));
            Csv.Table csv =
                    Csv.table(
                            "requested_months", "sex", "predicted_months", "real_predicted_months");
            for (int k = 0; k < n; k++) {
                csv.row(requested[k], male[k] == 1 ? "M" : "F", predicted[k], realPredicted[k]);
            }
            csv.write(out.resolve("ages.csv"));
            XYChart c =
                    Charts.xy(
                            "Requested against predicted age",
                            "requested age (months)",
                            "CNN age (months)");
            Charts.scatter(c, "generated images", requested, predicted);
            Charts.line(c, "mean per requested age", years, meanPredicted, true);
            Charts.line(c, "identity", new double[] {0, 228}, new double[] {0, 228}, false);
            Charts.write(c, out.resolve("ages.png"));
            AtomicFiles.writeString(out.resolve("ages.json"), JSON.writeValueAsString(s));
        }
    }

    static double mae(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    /**
     * The conditional model as a latent generator whose last coordinate is the requested age in
     * months (sex fixed), so the aging video of the latent module renders a label sweep.
     */
    private static LatentGenerator ageSweep(Pggan gan, Sex sex) {
        int d = gan.config().architecture().latentDim();
        return new LatentGenerator() {
            @Override
            public int latentDim() {
                return d + 1;
            }

            @Override
            public NDArray generate(NDArray zAndAge) {
                long n = zAndAge.getShape().get(0);
                float[] all = zAndAge.toFloatArray();
                float[] z = new float[(int) n * d];
                List<Labels> labels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    System.arraycopy(all, i * (d + 1), z, i * d, d);
                    labels.add(Labels.of(all[i * (d + 1) + d], sex));
                }
                NDManager m = zAndAge.getManager();
                return gan.generate(m.create(z, new Shape(n, d)), gan.labelVectors(m, labels))
                        .clip(-1f, 1f);
            }

            @Override
            public String modelId() {
                return "conditional-pggan-age-sweep-" + sex;
            }
        };
    }

    private void video() throws Exception {
        int f = plan.latent().videoFrames();
        int d;
        Path dir = out.resolve("video");
        try (Pggan gan = gan();
                AgeCnnPredictor age = ageModel();
                NDManager m = NDManager.newBaseManager()) {
            d = gan.config().architecture().latentDim();
            float[] z = LatentSampler.latent(plan.seed() + 103, 0, d);
            List<float[]> frames = new ArrayList<>();
            double[] months = new double[f];
            for (int i = 0; i < f; i++) {
                months[i] = 12 + (216 - 12) * i / (double) (f - 1);
                float[] row = java.util.Arrays.copyOf(z, d + 1);
                row[d] = (float) months[i];
                frames.add(row);
            }
            AgingVideo.Result v =
                    AgingVideo.builder()
                            .fps(8)
                            .videoMinSide(256)
                            .trend(Lowess.builder().frac(0.3).iterations(3).build())
                            .build()
                            .write(dir, m, ageSweep(gan, Sex.MALE), age, frames, months);
            double[] index = new double[f];
            for (int i = 0; i < f; i++) {
                index[i] = i;
            }
            double[] lasso = lassoFrames();
            XYChart c = Charts.xy("Aging videos: CNN age per frame", "frame", "CNN age (months)");
            Charts.line(c, "age label sweep (conditional GAN)", index, v.months(), true);
            if (lasso != null) {
                double[] li = new double[lasso.length];
                for (int i = 0; i < li.length; i++) {
                    li[i] = i;
                }
                Charts.line(c, "LASSO axis (unconditional GAN)", li, lasso, true);
            }
            Charts.write(c, dir.resolve("frames_vs_lasso.png"));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("frames", f);
            s.put("spearmanPerFrame", Spearman.rho(index, v.months()));
            s.put("spearmanTrend", v.spearman());
            s.put("firstFrameMonths", v.months()[0]);
            s.put("lastFrameMonths", v.months()[f - 1]);
            AtomicFiles.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(s));
        }
    }

    /** The per-frame CNN ages of the study's LASSO-axis video. */
    private double[] lassoFrames() {
        Path csv = study.resolve("video/frames.csv");
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        List<Csv.Row> rows = Csv.read(csv, "predicted_months");
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).number("predicted_months");
        }
        return out;
    }

    private Map<String, Object> summary(StudyPipeline pipeline) throws java.io.IOException {
        JsonNode ages = JSON.readTree(out.resolve("ages.json").toFile());
        JsonNode video = JSON.readTree(out.resolve("video/summary.json").toFile());
        JsonNode axis = JSON.readTree(study.resolve("axis/summary.json").toFile());
        JsonNode lassoVideo = JSON.readTree(study.resolve("video/summary.json").toFile());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seed", plan.seed());
        s.put("ages", ages);
        s.put("video", video);
        double axisMae = axis.get("axisTestMae").asDouble();
        s.put("unconditionalAxisHeldOutMae", axisMae);
        s.put("lassoVideoSpearmanPerFrame", lassoVideo.get("spearmanPerFrame").asDouble());
        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("spearmanAbove0.95", ages.get("spearman").asDouble() > 0.95);
        acc.put("maeBelowAxisHeldOutMae", ages.get("mae").asDouble() < axisMae);
        acc.put("videoSpearmanAbove0.95", video.get("spearmanPerFrame").asDouble() > 0.95);
        acc.put(
                "sexRecoveredWithin10Points",
                ages.get("sexGeneratedAccuracy").asDouble()
                        >= ages.get("sexRealAccuracy").asDouble() - 0.10);
        s.put("acceptance", acc);
        s.put("seconds", pipeline.seconds(out));
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ConditionalStudy{study=%s, out=%s}", study, out);
    }
}
