package io.pggan.metrics.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.FeatureStreams;
import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.metrics.random.NumpyRandomState;
import io.pggan.metrics.swd.PatchCentres;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdDescriptors;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link MetricTracker} needs from the real data, computed once: the real sample, its SWD
 * descriptors, its features (rows and statistics) and the real MS-SSIM as a reference line.
 */
public final class RealReference {
    private final Uint8Images images;
    private final SwdDescriptors swd;
    private final double[][] features;
    private final FeatureStatistics statistics;
    private final Map<String, Double> values;

    private RealReference(
            Uint8Images images,
            SwdDescriptors swd,
            double[][] features,
            FeatureStatistics statistics,
            Map<String, Double> values) {
        this.images = images;
        this.swd = swd;
        this.features = features;
        this.statistics = statistics;
        this.values = values;
    }

    /**
     * Computes the reference from a real sample of exactly {@code config.sampleSize()} images.
     *
     * @param extractor feature model, required when a feature metric is chosen, else may be null
     */
    public static RealReference compute(
            TrackerConfig config, Uint8Images reals, FeatureExtractor extractor) {
        if (reals.count() != config.sampleSize()) {
            throw new IllegalArgumentException(
                    "the real sample must hold sampleSize = "
                            + config.sampleSize()
                            + " images, got "
                            + reals.shapeString());
        }
        if (config.needsFeatures() && extractor == null) {
            throw new IllegalArgumentException(
                    "metrics " + config.metrics() + " need a feature extractor");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        SwdDescriptors swd = null;
        if (config.metrics().contains(TrackedMetric.SWD)) {
            SlicedWasserstein s = SlicedWasserstein.pggan();
            swd =
                    s.describe(
                            SlicedWasserstein.batches(reals, config.batchSize()),
                            PatchCentres.numpy(new NumpyRandomState(config.seed())));
        }
        if (config.metrics().contains(TrackedMetric.MS_SSIM)) {
            values.put("ms_ssim", MsSsim.pggan().consecutivePairs(reals).mean());
        }
        double[][] rows = null;
        FeatureStatistics stats = null;
        if (config.needsFeatures()) {
            var f = features(extractor, reals, config.batchSize());
            rows = f.rows();
            stats = f.statistics();
        }
        return new RealReference(reals, swd, rows, stats, values);
    }

    static io.pggan.metrics.features.ExtractedFeatures features(
            FeatureExtractor extractor, Uint8Images images, int batchSize) {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One batch on the native side at a time: fromBatches closes each after use.
            Iterator<Uint8Images> it = SlicedWasserstein.batches(images, batchSize);
            Iterator<NDArray> batches =
                    new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public NDArray next() {
                            Uint8Images b = it.next();
                            return manager.create(
                                    b.toSignedFloats(),
                                    new Shape(b.count(), b.channels(), b.height(), b.width()));
                        }
                    };
            return FeatureStreams.fromBatches(extractor, batches, true);
        }
    }

    /** The real sample. */
    public Uint8Images images() {
        return images;
    }

    SwdDescriptors swd() {
        return swd;
    }

    double[][] features() {
        return features;
    }

    FeatureStatistics statistics() {
        return statistics;
    }

    /** Reference values of the real data (e.g. {@code ms_ssim}). */
    public Map<String, Double> values() {
        return Map.copyOf(values);
    }
}
