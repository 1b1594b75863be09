package io.pggan.metrics.tracking;

import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link MetricTracker} needs from the real data, computed once: the real sample, each
 * chosen metric's prepared real side, the real sample's own values (reference lines such as the
 * real MS-SSIM), and the models the generated samples must be scored with too.
 */
public final class RealReference {
    private final TrackerConfig config;
    private final MetricSample sample;
    private final FeatureExtractor features;
    private final FeatureExtractor classifier;
    private final Map<String, Object> prepared;
    private final Map<String, Double> values;

    private RealReference(
            TrackerConfig config,
            MetricSample sample,
            FeatureExtractor features,
            FeatureExtractor classifier,
            Map<String, Object> prepared,
            Map<String, Double> values) {
        this.config = config;
        this.sample = sample;
        this.features = features;
        this.classifier = classifier;
        this.prepared = prepared;
        this.values = values;
    }

    /**
     * Computes the reference from a real sample of exactly {@code config.sampleSize()} images, for
     * metrics that need no classifier.
     *
     * @param features feature model, required when a chosen metric needs features, else may be null
     */
    public static RealReference compute(
            TrackerConfig config, Uint8Images reals, FeatureExtractor features) {
        return compute(config, reals, features, null);
    }

    /**
     * Computes the reference from a real sample of exactly {@code config.sampleSize()} images.
     *
     * @param features feature model for metrics that need features (FID, KID, precision/recall), or
     *     null
     * @param classifier a model returning class logits for metrics that need one (IS), or null
     * @throws IllegalArgumentException when the sample's size is wrong or a needed model is missing
     */
    public static RealReference compute(
            TrackerConfig config,
            Uint8Images reals,
            FeatureExtractor features,
            FeatureExtractor classifier) {
        if (reals.count() != config.sampleSize()) {
            throw new IllegalArgumentException(
                    "the real sample must hold sampleSize = "
                            + config.sampleSize()
                            + " images, got "
                            + reals.shapeString());
        }
        if (config.needs(TrackedMetric.Need.FEATURES) && features == null) {
            throw new IllegalArgumentException(
                    "metrics " + config.metrics() + " need a feature extractor");
        }
        if (config.needs(TrackedMetric.Need.CLASSIFIER) && classifier == null) {
            throw new IllegalArgumentException(
                    "metrics " + config.metrics() + " need a classifier returning logits");
        }
        MetricSample sample = new MetricSample(reals, features, classifier, config.batchSize());
        Map<String, Object> prepared = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (TrackedMetric<?> m : config.trackedMetrics()) {
            values.putAll(prepare(m, sample, config, prepared));
        }
        return new RealReference(config, sample, features, classifier, prepared, values);
    }

    private static <R> Map<String, Double> prepare(
            TrackedMetric<R> m,
            MetricSample sample,
            TrackerConfig config,
            Map<String, Object> prepared) {
        R r = m.prepare(sample, config);
        prepared.put(m.name(), r);
        return m.referenceValues(r);
    }

    /** Scores a generated sample with every chosen metric, in registration order. */
    Map<String, Double> score(Uint8Images fakes) {
        MetricSample sample = new MetricSample(fakes, features, classifier, config.batchSize());
        Map<String, Double> out = new LinkedHashMap<>();
        for (TrackedMetric<?> m : config.trackedMetrics()) {
            out.putAll(score(m, sample));
        }
        return out;
    }

    @SuppressWarnings("unchecked") // prepared.get(name) was made by this very metric's prepare
    private <R> Map<String, Double> score(TrackedMetric<R> m, MetricSample fakes) {
        return m.compute(fakes, (R) prepared.get(m.name()), config);
    }

    /** The settings the reference was computed with. */
    public TrackerConfig config() {
        return config;
    }

    /** The real sample. */
    public Uint8Images images() {
        return sample.images();
    }

    /** The real sample with its features and logits (each extracted at most once). */
    public MetricSample sample() {
        return sample;
    }

    /** Reference values of the real data (e.g. {@code ms_ssim}, {@code is_mean}). */
    public Map<String, Double> values() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
