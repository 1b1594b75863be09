package io.pggan.metrics.tracking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Immutable configuration of a {@link MetricTracker}; serialises to readable JSON.
 *
 * @param everyKimg evaluate every this many thousand training images
 * @param sampleSize generated (and real) images per evaluation; even, for MS-SSIM pairs
 * @param batchSize images generated per batch
 * @param seed seed of the SWD patch centres and directions
 * @param kidSubsets KID subsets
 * @param kidSubsetSize KID rows per subset (at most the sample size)
 * @param metrics the metrics to record
 */
public record TrackerConfig(
        @JsonProperty("everyKimg") double everyKimg,
        @JsonProperty("sampleSize") int sampleSize,
        @JsonProperty("batchSize") int batchSize,
        @JsonProperty("seed") long seed,
        @JsonProperty("kidSubsets") int kidSubsets,
        @JsonProperty("kidSubsetSize") int kidSubsetSize,
        @JsonProperty("metrics") Set<TrackedMetric> metrics) {

    /** Validates and copies. */
    @JsonCreator
    public TrackerConfig {
        if (!(everyKimg > 0)) {
            throw new IllegalArgumentException("everyKimg must be positive, got " + everyKimg);
        }
        if (sampleSize < 2 || sampleSize % 2 != 0) {
            throw new IllegalArgumentException(
                    "sampleSize must be even and >= 2, got " + sampleSize);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (kidSubsets <= 0 || kidSubsetSize < 2 || kidSubsetSize > sampleSize) {
            throw new IllegalArgumentException(
                    "KID needs kidSubsets > 0 and 2 <= kidSubsetSize <= sampleSize ("
                            + sampleSize
                            + "), got "
                            + kidSubsets
                            + ", "
                            + kidSubsetSize);
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("choose at least one metric");
        }
        // EnumSet keeps the declaration order, so the JSON lists metrics in a stable order
        metrics = Collections.unmodifiableSet(EnumSet.copyOf(metrics));
    }

    /** Whether any chosen metric needs image features. */
    public boolean needsFeatures() {
        return metrics.contains(TrackedMetric.FID)
                || metrics.contains(TrackedMetric.KID)
                || metrics.contains(TrackedMetric.PRECISION_RECALL);
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder with defaults: every 100 kimg, 1024 images, SWD and MS-SSIM. */
    public static final class Builder {
        private double everyKimg = 100;
        private int sampleSize = 1024;
        private int batchSize = 32;
        private long seed = 123;
        private int kidSubsets = 100;
        private int kidSubsetSize = 1000;
        private Set<TrackedMetric> metrics = EnumSet.of(TrackedMetric.SWD, TrackedMetric.MS_SSIM);

        private Builder() {}

        /** Evaluation interval in kimg. */
        public Builder everyKimg(double v) {
            this.everyKimg = v;
            return this;
        }

        /** Images per evaluation (even). */
        public Builder sampleSize(int v) {
            this.sampleSize = v;
            return this;
        }

        /** Generator batch size. */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** SWD seed. */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** KID subsets and their size. */
        public Builder kid(int subsets, int subsetSize) {
            this.kidSubsets = subsets;
            this.kidSubsetSize = subsetSize;
            return this;
        }

        /** Metrics to record. */
        public Builder metrics(Set<TrackedMetric> v) {
            this.metrics = v;
            return this;
        }

        /** Builds the configuration. */
        public TrackerConfig build() {
            return new TrackerConfig(
                    everyKimg,
                    sampleSize,
                    batchSize,
                    seed,
                    kidSubsets,
                    Math.min(kidSubsetSize, sampleSize),
                    metrics);
        }
    }
}
