package io.pggan.metrics.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics a tracker can record, by name, in the order their values appear. The study's metrics
 * are registered here; a new one is a class implementing {@link TrackedMetric} and one call of
 * {@link #register}.
 */
public final class MetricRegistry {
    private static final Map<String, TrackedMetric<?>> METRICS = new LinkedHashMap<>();

    static {
        register(new SwdMetric());
        register(new MsSsimMetric());
        register(new FidMetric());
        register(new KidMetric());
        register(new PrecisionRecallMetric());
        register(new InceptionScoreMetric());
    }

    private MetricRegistry() {}

    /**
     * Adds a metric.
     *
     * @throws IllegalArgumentException if its name is taken or not lower-case letters, digits and
     *     {@code _}
     */
    public static synchronized void register(TrackedMetric<?> metric) {
        String name = metric.name();
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "a metric name is lower-case letters, digits and '_', got '" + name + "'");
        }
        TrackedMetric<?> old = METRICS.putIfAbsent(name, metric);
        if (old != null && old != metric) {
            throw new IllegalArgumentException("a metric named '" + name + "' is registered");
        }
    }

    /**
     * The metric of a name (case-insensitive, so {@code PRECISION_RECALL} of older files works).
     *
     * @throws IllegalArgumentException naming the registered metrics when there is none
     */
    public static synchronized TrackedMetric<?> get(String name) {
        TrackedMetric<?> m = METRICS.get(name.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException(
                    "unknown metric '" + name + "'; registered: " + names());
        }
        return m;
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return new ArrayList<>(METRICS.keySet());
    }
}
