package io.pggan.metrics.tracking;

import java.util.Map;
import java.util.Set;

/**
 * A metric a {@link MetricTracker} records, in two halves: {@link #prepare} once on the real sample
 * (SWD descriptors, feature statistics, ...), then {@link #compute} on each generated sample.
 * Register an implementation with {@link MetricRegistry#register} and name it in {@link
 * TrackerConfig#metrics()}: that is all a new metric takes.
 *
 * @param <R> what the real side hands to {@link #compute}
 */
public interface TrackedMetric<R> {
    /** What a metric needs besides the 8-bit images. */
    enum Need {
        /** Feature rows of the tracker's feature extractor ({@link MetricSample#features()}). */
        FEATURES,
        /** Class logits of the tracker's classifier ({@link MetricSample#logits()}). */
        CLASSIFIER
    }

    /** The name used in {@link TrackerConfig#metrics()}: lower case, e.g. {@code fid}. */
    String name();

    /** What it needs besides the images (none by default). */
    default Set<Need> needs() {
        return Set.of();
    }

    /**
     * Prepares the real side, once per reference.
     *
     * @param reals the real sample
     * @param config the tracker's settings (seeds, batch size, ...)
     * @return what {@link #compute} needs of the reals
     */
    R prepare(MetricSample reals, TrackerConfig config);

    /** Values of the real sample itself, drawn as reference lines (e.g. real MS-SSIM). */
    default Map<String, Double> referenceValues(R prepared) {
        return Map.of();
    }

    /**
     * Scores a generated sample against the prepared reals.
     *
     * @return values by column name, in a stable order (e.g. {@code kid_mean}, {@code kid_std})
     */
    Map<String, Double> compute(MetricSample fakes, R reals, TrackerConfig config);
}
