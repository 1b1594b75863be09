package io.pggan.metrics.tracking;

import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.fid.FidCalculator;
import java.util.Map;
import java.util.Set;

/** Fréchet distance between the feature statistics of the generated and real samples. */
final class FidMetric implements TrackedMetric<FeatureStatistics> {
    @Override
    public String name() {
        return "fid";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.FEATURES);
    }

    @Override
    public FeatureStatistics prepare(MetricSample reals, TrackerConfig config) {
        return reals.features().statistics();
    }

    @Override
    public Map<String, Double> compute(
            MetricSample fakes, FeatureStatistics reals, TrackerConfig config) {
        return Map.of("fid", FidCalculator.compute(reals, fakes.features().statistics()).fid());
    }
}
