package io.pggan.metrics.tracking;

import io.pggan.metrics.fid.InceptionScore;
import io.pggan.metrics.fid.InceptionScoreResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Inception Score from the classifier's logits, as torch-fidelity computes it ({@code is_mean},
 * {@code is_std}); the real sample's score is the reference line.
 */
final class InceptionScoreMetric implements TrackedMetric<InceptionScoreResult> {
    @Override
    public String name() {
        return "is";
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.CLASSIFIER);
    }

    @Override
    public InceptionScoreResult prepare(MetricSample reals, TrackerConfig config) {
        return InceptionScore.torchFidelity(reals.logits(), true);
    }

    @Override
    public Map<String, Double> referenceValues(InceptionScoreResult prepared) {
        return values(prepared);
    }

    @Override
    public Map<String, Double> compute(
            MetricSample fakes, InceptionScoreResult reals, TrackerConfig config) {
        return values(InceptionScore.torchFidelity(fakes.logits(), true));
    }

    private static Map<String, Double> values(InceptionScoreResult r) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("is_mean", r.mean());
        values.put("is_std", r.std());
        return values;
    }
}
