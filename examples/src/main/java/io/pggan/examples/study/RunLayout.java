package io.pggan.examples.study;

import io.pggan.gan.training.BestGsSnapshot;
import io.pggan.latent.video.AgingVideo;
import io.pggan.metrics.tracking.MetricTracker;
import java.nio.file.Path;

/**
 * Every file and folder of a study run, in one place: the stages write and the report reads these
 * paths and no others. A stage's outputs live in the folder named after it; {@code
 * stages/<stage>.json} marks a stage as finished.
 */
public final class RunLayout {
    private final Path root;

    /** The layout of a run in {@code root}. */
    public RunLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The run's folder. */
    public Path root() {
        return root;
    }

    /** The plan the run was started with. */
    public Path plan() {
        return root.resolve("plan.json");
    }

    /** The marker a finished stage writes last. */
    public Path marker(String stage) {
        return root.resolve("stages").resolve(stage + ".json");
    }

    // ------------------------------------------------------------------ data

    /** The training images at every resolution of the progression. */
    public Path store() {
        return root.resolve("data/store");
    }

    /** Index, age in months and sex of every training image, in store order. */
    public Path trainingLabels() {
        return root.resolve("data/labels.csv");
    }

    /** The phantoms at 256x256, boys and girls by age (phantom runs only). */
    public Path contactSheet() {
        return root.resolve("data/phantom-contact-sheet.png");
    }

    /** The first training images at the GAN's resolution. */
    public Path realsGrid() {
        return root.resolve("data/reals.png");
    }

    // ------------------------------------------------------------------ age CNN

    /** The age CNN's saved model. */
    public Path ageCnnModel() {
        return root.resolve("agecnn/model");
    }

    /** Training and validation MAE per epoch, as a chart. */
    public Path ageCnnCurve() {
        return root.resolve("agecnn/curve.png");
    }

    /** The training history. */
    public Path ageCnnHistory() {
        return root.resolve("agecnn/history.json");
    }

    /** Test-set MAE overall and by age band. */
    public Path ageCnnEvaluation() {
        return root.resolve("agecnn/evaluation.json");
    }

    /** True and predicted age of every test image. */
    public Path ageCnnTestPredictions() {
        return root.resolve("agecnn/test_predictions.csv");
    }

    // ------------------------------------------------------------------ GAN

    /** The GAN's run folder (checkpoint, best snapshots). */
    public Path gan() {
        return root.resolve("gan");
    }

    /** The conditional GAN's folder: its labelled store, run, ages, video and summary (#17). */
    public Path conditional() {
        return root.resolve("conditional");
    }

    /** The final generator. */
    public Path generator() {
        return gan().resolve("generator.zip");
    }

    /**
     * The Gs the stages after training use: the best snapshot by the plan's {@code bestMetric}
     * (when it names one and a snapshot was saved), otherwise the final generator.
     */
    public Path ganWeights(StudyPlan plan) {
        if (plan.gan().bestMetric() != null) {
            return BestGsSnapshot.snapshotFile(gan()).orElse(generator());
        }
        return generator();
    }

    /** The tracker's folder: {@code metrics.csv} and its resume history. */
    public Path ganMetrics() {
        return gan().resolve("metrics");
    }

    /** The tracked metrics over kimg. */
    public Path ganMetricsCsv() {
        return MetricTracker.csvFile(ganMetrics());
    }

    /** The progress grids of the tracked latents (Fig. 1a). */
    public Path progressGrids() {
        return ganMetrics().resolve("progress");
    }

    /** A second real sample scored like the fakes: the reference lines of Fig. 2. */
    public Path ganRealVsReal() {
        return ganMetrics().resolve("real_vs_real.json");
    }

    /** The tracker folder of that second real sample. */
    public Path ganRealVsRealTracker() {
        return ganMetrics().resolve("real-vs-real");
    }

    // ------------------------------------------------------------------ evaluation

    /** The final evaluation's folder. */
    public Path eval() {
        return root.resolve("eval");
    }

    /** Final metrics, real-vs-real reference, nearest-neighbour distances. */
    public Path evaluation() {
        return eval().resolve("evaluation.json");
    }

    /** The tracker folder of the final metrics. */
    public Path evalTracker() {
        return eval().resolve("final");
    }

    /** The tracker folder of the final real-vs-real reference. */
    public Path evalRealVsRealTracker() {
        return eval().resolve("real-vs-real");
    }

    /** Generated samples of the final model (Fig. 1b). */
    public Path samplesGrid() {
        return eval().resolve("samples.png");
    }

    /** Nearest training images in pixels. */
    public Path nearestPixels() {
        return eval().resolve("nn_pixels.png");
    }

    /** Nearest training images in the CNN's features. */
    public Path nearestFeatures() {
        return eval().resolve("nn_features.png");
    }

    // ------------------------------------------------------------------ latent space

    /** The labelled latents (shards written by {@code LatentLabeler}). */
    public Path labelledLatents() {
        return root.resolve("labels");
    }

    /**
     * The labelled latents as Parquet, when {@code --spark} labelled them ({@code SparkLabeler}).
     */
    public Path labelledLatentsParquet() {
        return root.resolve("labels-parquet");
    }

    /** The age axis. */
    public Path ageAxis() {
        return root.resolve("axis/age-axis.json");
    }

    /** CNN and LASSO age of every labelled latent, train or held-out (Fig. 3a). */
    public Path lassoPredictions() {
        return root.resolve("axis/lasso_predictions.csv");
    }

    /** The LASSO and axis numbers. */
    public Path axisSummary() {
        return root.resolve("axis/summary.json");
    }

    /** The aging video's folder (frames, MP4, GIF, as {@code AgingVideo} names them). */
    public Path video() {
        return root.resolve("video");
    }

    /** Predicted and LOESS age per frame. */
    public Path videoFrames() {
        return video().resolve(AgingVideo.FRAMES_CSV);
    }

    /** The video's numbers. */
    public Path videoSummary() {
        return video().resolve("summary.json");
    }

    /** The aging video as H.264 MP4. */
    public Path videoMp4() {
        return video().resolve(AgingVideo.MP4);
    }

    /** The aging video as an animated GIF. */
    public Path videoGif() {
        return video().resolve(AgingVideo.GIF);
    }

    // ------------------------------------------------------------------ report

    /** The report's folder. */
    public Path report() {
        return root.resolve("report");
    }

    /** The report's page. */
    public Path reportIndex() {
        return report().resolve("index.html");
    }
}
