package io.pggan.metrics.tracking;

import io.pggan.metrics.msssim.MsSsim;
import java.util.Map;

/**
 * MS-SSIM of consecutive pairs of the sample ({@code ms_ssim}): diversity, lower is more diverse;
 * the real sample's value is the reference line.
 */
final class MsSsimMetric implements TrackedMetric<Double> {
    @Override
    public String name() {
        return "ms_ssim";
    }

    @Override
    public Double prepare(MetricSample reals, TrackerConfig config) {
        return MsSsim.pggan().consecutivePairs(reals.images()).mean();
    }

    @Override
    public Map<String, Double> referenceValues(Double prepared) {
        return Map.of("ms_ssim", prepared);
    }

    @Override
    public Map<String, Double> compute(MetricSample fakes, Double reals, TrackerConfig config) {
        return Map.of("ms_ssim", MsSsim.pggan().consecutivePairs(fakes.images()).mean());
    }
}
