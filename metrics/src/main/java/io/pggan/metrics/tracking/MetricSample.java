package io.pggan.metrics.tracking;

import ai.djl.ndarray.NDManager;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.ExtractedFeatures;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.FeatureStreams;

/**
 * One sample a metric scores: its 8-bit images, and on demand their features and class logits, each
 * extracted once however many metrics ask for them.
 */
public final class MetricSample {
    private final Uint8Images images;
    private final FeatureExtractor features;
    private final FeatureExtractor classifier;
    private final int batchSize;
    private ExtractedFeatures extracted;
    private double[][] logits;

    /**
     * A sample.
     *
     * @param images the images
     * @param features feature model for {@link TrackedMetric.Need#FEATURES}, or null
     * @param classifier model returning class logits for {@link TrackedMetric.Need#CLASSIFIER}, or
     *     null
     * @param batchSize images per model call
     */
    public MetricSample(
            Uint8Images images,
            FeatureExtractor features,
            FeatureExtractor classifier,
            int batchSize) {
        this.images = images;
        this.features = features;
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    /** The images. */
    public Uint8Images images() {
        return images;
    }

    /** Feature rows and statistics of the images (extracted on first use). */
    public ExtractedFeatures features() {
        if (extracted == null) {
            extracted = extract(features, "a feature extractor");
        }
        return extracted;
    }

    /** Class logits of the images, one row per image (computed on first use). */
    public double[][] logits() {
        if (logits == null) {
            logits =
                    extract(classifier, "a classifier (e.g. an Inception returning logits)").rows();
        }
        return logits;
    }

    private ExtractedFeatures extract(FeatureExtractor model, String what) {
        if (model == null) {
            throw new IllegalStateException("this metric needs " + what + ", none was given");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            return FeatureStreams.fromSource(
                    manager, model, images.asSource(), images.count(), batchSize, true);
        }
    }
}
