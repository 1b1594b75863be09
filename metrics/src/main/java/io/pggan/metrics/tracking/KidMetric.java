package io.pggan.metrics.tracking;

import io.pggan.metrics.fid.KidCalculator;
import io.pggan.metrics.fid.KidResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Kernel inception distance over feature rows ({@code kid_mean}, {@code kid_std}), with the
 * tracker's subset count and size.
 */
final class KidMetric implements TrackedMetric<double[][]> {
    @Override
    public String name() {
        return "kid";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.FEATURES);
    }

    @Override
    public double[][] prepare(MetricSample reals, TrackerConfig config) {
        return reals.features().rows();
    }

    @Override
    public Map<String, Double> compute(MetricSample fakes, double[][] reals, TrackerConfig config) {
        KidResult k =
                KidCalculator.builder()
                        .subsets(config.kidSubsets())
                        .subsetSize(config.kidSubsetSize())
                        .build()
                        .compute(reals, fakes.features().rows());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("kid_mean", k.mean());
        values.put("kid_std", k.std());
        return values;
    }
}
