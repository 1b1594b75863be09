package io.pggan.metrics.tracking;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * @param metrics names of the metrics to record ({@link MetricRegistry}), kept in registration
 *     order
 */
public record TrackerConfig(
        @JsonProperty("everyKimg") double everyKimg,
        @JsonProperty("sampleSize") int sampleSize,
        @JsonProperty("batchSize") int batchSize,
        @JsonProperty("seed") long seed,
        @JsonProperty("kidSubsets") int kidSubsets,
        @JsonProperty("kidSubsetSize") int kidSubsetSize,
        @JsonProperty("metrics") List<String> metrics) {

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
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : metrics) {
            wanted.add(MetricRegistry.get(name).name());
        }
        // registration order, so values and CSV columns come in a stable order
        List<String> ordered = new ArrayList<>(MetricRegistry.names());
        ordered.retainAll(wanted);
        metrics = List.copyOf(ordered);
    }

    /** The chosen metrics, in registration order. */
    public List<TrackedMetric<?>> trackedMetrics() {
        List<TrackedMetric<?>> out = new ArrayList<>();
        for (String name : metrics) {
            out.add(MetricRegistry.get(name));
        }
        return out;
    }

    /** Whether any chosen metric needs this. */
    public boolean needs(TrackedMetric.Need need) {
        return trackedMetrics().stream().anyMatch(m -> m.needs().contains(need));
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder with defaults: every 100 kimg, 1024 images, {@code swd} and {@code ms_ssim}. */
    public static final class Builder {
        private double everyKimg = 100;
        private int sampleSize = 1024;
        private int batchSize = 32;
        private long seed = 123;
        private int kidSubsets = 100;
        private int kidSubsetSize = 1000;
        private List<String> metrics = List.of("swd", "ms_ssim");

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

        /** Metrics to record, by registered name (e.g. {@code "swd", "fid"}). */
        public Builder metrics(String... names) {
            return metrics(List.of(names));
        }

        /** Metrics to record, by registered name. */
        public Builder metrics(List<String> names) {
            this.metrics = List.copyOf(names);
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
