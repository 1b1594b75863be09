package io.pggan.metrics.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.ImageBatchSource;
import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.fid.FidCalculator;
import io.pggan.metrics.fid.KidCalculator;
import io.pggan.metrics.fid.KidResult;
import io.pggan.metrics.fid.PrecisionRecall;
import io.pggan.metrics.fid.PrecisionRecallResult;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.metrics.random.NumpyRandomState;
import io.pggan.metrics.swd.PatchCentres;
import io.pggan.metrics.swd.ProjectionDirections;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdDescriptors;
import io.pggan.metrics.swd.SwdResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records GAN metrics during training (the curves of the study's Fig. 2). Independent of the GAN
 * module: call {@link #maybeEvaluate(double, ImageBatchSource)} with the training progress in kimg
 * and a source of generated images (ideally from fixed latents); every {@code everyKimg} it
 * generates {@code sampleSize} images, computes the chosen metrics against the {@link
 * RealReference} computed once, and rewrites {@code metrics.csv} and {@code metrics.json} in the
 * output folder atomically ({@code config.json} and {@code reals.json} are written at start).
 */
public final class MetricTracker {
    private static final Logger LOG = LoggerFactory.getLogger(MetricTracker.class);

    private final TrackerConfig config;
    private final RealReference reference;
    private final FeatureExtractor extractor;
    private final Path outDir;
    private final List<MetricRecord> history = new ArrayList<>();
    private final ObjectMapper json = Json.mapper();
    private double lastKimg = Double.NaN;

    /**
     * Creates a tracker and writes {@code config.json} and {@code reals.json}.
     *
     * @param extractor feature model for FID/KID/precision-recall, or null if none is chosen
     */
    public MetricTracker(
            TrackerConfig config, RealReference reference, FeatureExtractor extractor, Path outDir)
            throws IOException {
        if (config.needsFeatures() && (extractor == null || reference.features() == null)) {
            throw new IllegalArgumentException(
                    "metrics "
                            + config.metrics()
                            + " need a feature extractor and a reference computed with it");
        }
        if (config.metrics().contains(TrackedMetric.SWD) && reference.swd() == null) {
            throw new IllegalArgumentException("the real reference has no SWD descriptors");
        }
        this.config = config;
        this.reference = reference;
        this.extractor = extractor;
        this.outDir = outDir;
        AtomicFiles.writeString(outDir.resolve("config.json"), json.writeValueAsString(config));
        AtomicFiles.writeString(
                outDir.resolve("reals.json"), json.writeValueAsString(reference.values()));
    }

    /** Evaluates if {@code everyKimg} has passed since the last evaluation (or none was made). */
    public Optional<MetricRecord> maybeEvaluate(double kimg, ImageBatchSource generator)
            throws IOException {
        if (!Double.isNaN(lastKimg) && kimg < lastKimg + config.everyKimg()) {
            return Optional.empty();
        }
        return Optional.of(evaluate(kimg, generator));
    }

    /** Evaluates now and appends the record to the CSV and JSON files. */
    public MetricRecord evaluate(double kimg, ImageBatchSource generator) throws IOException {
        long t0 = System.nanoTime();
        Uint8Images fakes = generate(generator);
        fakes.requireSameImageShape(reference.images(), "metric tracker");
        Map<String, Double> values = new LinkedHashMap<>();
        Set<TrackedMetric> m = config.metrics();
        if (m.contains(TrackedMetric.SWD)) {
            SlicedWasserstein swd = SlicedWasserstein.pggan();
            SwdDescriptors d =
                    swd.describe(
                            SlicedWasserstein.batches(fakes, config.batchSize()),
                            PatchCentres.numpy(new NumpyRandomState(config.seed() + 1)));
            SwdResult r =
                    swd.distance(
                            reference.swd(),
                            d,
                            ProjectionDirections.numpy(new NumpyRandomState(config.seed() + 2)));
            for (int l = 0; l < r.perLevel().length; l++) {
                values.put("swd_x1e3_" + r.resolutions()[l], r.perLevel()[l]);
            }
            values.put("swd_x1e3_avg", r.average());
        }
        if (m.contains(TrackedMetric.MS_SSIM)) {
            values.put("ms_ssim", MsSsim.pggan().consecutivePairs(fakes).mean());
        }
        if (config.needsFeatures()) {
            var f = RealReference.features(extractor, fakes, config.batchSize());
            double[][] rows = f.rows();
            FeatureStatistics stats = f.statistics();
            if (m.contains(TrackedMetric.FID)) {
                values.put("fid", FidCalculator.compute(reference.statistics(), stats).fid());
            }
            if (m.contains(TrackedMetric.KID)) {
                KidResult k =
                        KidCalculator.builder()
                                .subsets(config.kidSubsets())
                                .subsetSize(config.kidSubsetSize())
                                .build()
                                .compute(reference.features(), rows);
                values.put("kid_mean", k.mean());
                values.put("kid_std", k.std());
            }
            if (m.contains(TrackedMetric.PRECISION_RECALL)) {
                PrecisionRecallResult pr = PrecisionRecall.compute(reference.features(), rows);
                values.put("precision", pr.precision());
                values.put("recall", pr.recall());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        MetricRecord rec = new MetricRecord(kimg, Instant.now().toString(), seconds, values);
        history.add(rec);
        lastKimg = kimg;
        write();
        LOG.info(
                "metrics at {} kimg ({} s): {}",
                kimg,
                String.format(Locale.ROOT, "%.1f", seconds),
                values);
        return rec;
    }

    private Uint8Images generate(ImageBatchSource generator) {
        List<Uint8Images> parts = new ArrayList<>();
        int done = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            while (done < config.sampleSize()) {
                int n = Math.min(config.batchSize(), config.sampleSize() - done);
                try (NDManager step = manager.newSubManager()) {
                    NDArray images = generator.next(step, n);
                    if (images.getShape().dimension() != 4 || images.getShape().get(0) != n) {
                        throw new IllegalStateException(
                                "generator returned shape "
                                        + images.getShape()
                                        + ", expected ["
                                        + n
                                        + ", C, H, W]");
                    }
                    parts.add(Uint8Images.fromSigned(images));
                }
                done += n;
            }
        }
        return Uint8Images.concat(parts);
    }

    private void write() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (MetricRecord r : history) {
            keys.addAll(r.values().keySet());
        }
        StringBuilder csv = new StringBuilder("kimg,timestamp,seconds");
        for (String k : keys) {
            csv.append(',').append(k);
        }
        csv.append('\n');
        for (MetricRecord r : history) {
            csv.append(num(r.kimg())).append(',').append(r.timestamp()).append(',');
            csv.append(num(r.seconds()));
            for (String k : keys) {
                Double v = r.values().get(k);
                csv.append(',').append(v == null ? "" : num(v));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(outDir.resolve("metrics.csv"), csv.toString());
        AtomicFiles.writeString(outDir.resolve("metrics.json"), json.writeValueAsString(history));
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    /** The records so far. */
    public List<MetricRecord> history() {
        return List.copyOf(history);
    }
}
