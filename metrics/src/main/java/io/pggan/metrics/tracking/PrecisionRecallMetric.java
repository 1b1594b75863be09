package io.pggan.metrics.tracking;

import io.pggan.metrics.fid.PrecisionRecall;
import io.pggan.metrics.fid.PrecisionRecallResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Improved precision and recall (k = 3) in feature space ({@code precision}, {@code recall}). */
final class PrecisionRecallMetric implements TrackedMetric<double[][]> {
    @Override
    public String name() {
        return "precision_recall";
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
        PrecisionRecallResult pr = PrecisionRecall.compute(reals, fakes.features().rows());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("precision", pr.precision());
        values.put("recall", pr.recall());
        return values;
    }
}
