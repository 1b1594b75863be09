package io.pggan.metrics.tracking;

import io.pggan.metrics.random.NumpyRandomState;
import io.pggan.metrics.swd.PatchCentres;
import io.pggan.metrics.swd.ProjectionDirections;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdDescriptors;
import io.pggan.metrics.swd.SwdResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sliced Wasserstein distance x 1e3 per Laplacian level ({@code swd_x1e3_<resolution>}) and their
 * average ({@code swd_x1e3_avg}), as the official PGGAN computes it; patch centres and projection
 * directions are drawn from the tracker's seed.
 */
final class SwdMetric implements TrackedMetric<SwdDescriptors> {
    @Override
    public String name() {
        return "swd";
    }

    @Override
    public SwdDescriptors prepare(MetricSample reals, TrackerConfig config) {
        return SlicedWasserstein.pggan()
                .describe(
                        SlicedWasserstein.batches(reals.images(), config.batchSize()),
                        PatchCentres.numpy(new NumpyRandomState(config.seed())));
    }

    @Override
    public Map<String, Double> compute(
            MetricSample fakes, SwdDescriptors reals, TrackerConfig config) {
        SlicedWasserstein swd = SlicedWasserstein.pggan();
        SwdDescriptors d =
                swd.describe(
                        SlicedWasserstein.batches(fakes.images(), config.batchSize()),
                        PatchCentres.numpy(new NumpyRandomState(config.seed() + 1)));
        SwdResult r =
                swd.distance(
                        reals,
                        d,
                        ProjectionDirections.numpy(new NumpyRandomState(config.seed() + 2)));
        Map<String, Double> values = new LinkedHashMap<>();
        for (int l = 0; l < r.perLevel().length; l++) {
            values.put("swd_x1e3_" + r.resolutions()[l], r.perLevel()[l]);
        }
        values.put("swd_x1e3_avg", r.average());
        return values;
    }
}
