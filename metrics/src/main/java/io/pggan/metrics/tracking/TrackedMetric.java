package io.pggan.metrics.tracking;

/** Metrics a {@link MetricTracker} can record. */
public enum TrackedMetric {
    /** Sliced Wasserstein distance x 1e3 per level and average, generated vs real sample. */
    SWD,
    /** MS-SSIM diversity of the generated sample (consecutive pairs). */
    MS_SSIM,
    /** FID between generated and real features (needs a feature extractor). */
    FID,
    /** KID between generated and real features (needs a feature extractor). */
    KID,
    /** Improved precision and recall, k = 3 (needs a feature extractor). */
    PRECISION_RECALL
}
