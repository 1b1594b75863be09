package io.pggan.metrics.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation: training progress, wall time and metric values by name (e.g. {@code
 * swd_x1e3_avg}, {@code ms_ssim}, {@code fid}).
 *
 * @param kimg thousands of real images shown to the discriminator
 * @param timestamp ISO-8601 time of the evaluation
 * @param seconds seconds the evaluation took
 * @param values metric values in a stable order
 */
public record MetricRecord(
        @JsonProperty("kimg") double kimg,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("values") Map<String, Double> values) {
    /** Copies the values. */
    public MetricRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
