package io.pggan.examples.study;

import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.InputPipeline;
import io.pggan.metrics.features.TorchScriptFeatureExtractor;
import io.pggan.metrics.tracking.TrackerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage works with: the plan, the run's layout, and the inputs several stages open the same
 * way (the data source, the store, the age CNN, the GAN weights the later stages use, the metric
 * configuration).
 */
public final class StudyContext {
    private final StudyPlan plan;
    private final RunLayout layout;
    private final Map<String, Double> stageSeconds;

    StudyContext(StudyPlan plan, RunLayout layout, Map<String, Double> stageSeconds) {
        this.plan = plan;
        this.layout = layout;
        this.stageSeconds = stageSeconds;
    }

    /** The plan. */
    public StudyPlan plan() {
        return plan;
    }

    /** Where everything goes. */
    public RunLayout layout() {
        return layout;
    }

    /** The GAN's resolution. */
    public int resolution() {
        return plan.data().resolution();
    }

    /** Seconds of every stage finished so far (this session or earlier), in pipeline order. */
    public Map<String, Double> stageSeconds() {
        return new LinkedHashMap<>(stageSeconds);
    }

    // ------------------------------------------------------------------ data

    /** The hand phantoms at the GAN's resolution. */
    public HandPhantoms phantoms() {
        return HandPhantoms.builder().seed(plan.seed()).resolution(resolution()).build();
    }

    /** The RSNA folder split 80/10/10 with the seed. */
    public RsnaDataset.Split rsnaSplit() {
        RsnaDataset all =
                RsnaDataset.builder()
                        .root(Path.of(plan.data().rsna()))
                        .resolution(resolution())
                        .build();
        return all.split(plan.seed(), 0.1, 0.1);
    }

    /** The first {@code n} records of a dataset. */
    public static RsnaDataset first(RsnaDataset d, int n) {
        return d.size() <= n ? d : d.withRecords(d.records().subList(0, n));
    }

    /** Opens the training store (read-only). */
    public MultiResolutionStore store() {
        return MultiResolutionStore.open(layout.store(), false);
    }

    /** What the data stage wrote: ages and sexes of the training images. */
    public TrainingLabels trainingLabels() {
        return TrainingLabels.read(layout.trainingLabels());
    }

    /** Images {@code from .. from + n - 1} of the store as 8-bit images. */
    public Uint8Images reals(MultiResolutionStore store, int from, int n) {
        int res = resolution();
        byte[] all = new byte[n * res * res];
        for (int i = 0; i < n; i++) {
            byte[] img = store.imageBytes(from + i, res);
            System.arraycopy(img, 0, all, i * res * res, res * res);
        }
        return Uint8Images.of(all, n, 1, res, res);
    }

    // ------------------------------------------------------------------ models

    /** The trained age CNN at its input size. */
    public AgeCnnPredictor ageModel() {
        return new AgeCnnPredictor(AgeRegressor.load(layout.ageCnnModel()), plan.cnnInput());
    }

    /** Loads the Gs the later stages use ({@link RunLayout#ganWeights}). */
    public Pggan loadGan() {
        return Pggan.load(layout.ganWeights(plan));
    }

    /** That GAN as a latent generator identified by its weights. */
    public PgganLatentGenerator generator(Pggan gan) {
        return PgganLatentGenerator.of(gan, layout.ganWeights(plan));
    }

    /** The user's TorchScript Inception (class logits), or null without {@code --inception}. */
    public FeatureExtractor inception() throws IOException {
        MetricsPlan m = plan.metrics();
        return m.inception() == null
                ? null
                : TorchScriptFeatureExtractor.load(
                        Path.of(m.inception()), m.inceptionClasses(), InputPipeline.pytorchFid());
    }

    /**
     * The metrics tracked on {@code sample} images: SWD, MS-SSIM, FID, KID, with precision/recall
     * on request and IS when an Inception file is given.
     */
    public TrackerConfig trackerConfig(int sample, double every, boolean precisionRecall) {
        List<String> m = new ArrayList<>(List.of("swd", "ms_ssim", "fid", "kid"));
        if (precisionRecall) {
            m.add("precision_recall");
        }
        if (plan.metrics().inception() != null) {
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
}
