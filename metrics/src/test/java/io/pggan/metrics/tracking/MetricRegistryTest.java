package io.pggan.metrics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new metric is one class and one registration line (as the README shows). */
class MetricRegistryTest {
    /** Difference of mean brightness, generated minus real, in 8-bit levels. */
    static class MeanBrightness implements TrackedMetric<Double> {
        @Override
        public String name() {
            return "mean_brightness";
        }

        @Override
        public Double prepare(MetricSample reals, TrackerConfig config) {
            return mean(reals.images());
        }

        @Override
        public Map<String, Double> compute(MetricSample fakes, Double reals, TrackerConfig config) {
            return Map.of("brightness_diff", mean(fakes.images()) - reals);
        }

        static double mean(Uint8Images images) {
            double s = 0;
            int n = images.count() * images.imageSize();
            for (int i = 0; i < n; i++) {
                s += images.at(i);
            }
            return s / n;
        }
    }

    @Test
    void aRegisteredMetricIsTrackedLikeTheBuiltInOnes(@TempDir Path dir) throws Exception {
        MetricRegistry.register(new MeanBrightness());
        assertThat(MetricRegistry.names()).contains("swd", "is", "mean_brightness");
        TrackerConfig config =
                TrackerConfig.builder().sampleSize(8).metrics("mean_brightness", "swd").build();
        // registration order, whatever order the names were given in
        assertThat(config.metrics()).containsExactly("swd", "mean_brightness");
        Uint8Images reals = TestImages.random(8, 1, 32, 32, 1);
        Uint8Images fakes = TestImages.random(8, 1, 32, 32, 2);
        MetricTracker tracker = new MetricTracker(RealReference.compute(config, reals, null), dir);
        MetricRecord r = tracker.evaluate(1, fakes);
        assertThat(r.values().get("brightness_diff"))
                .isCloseTo(MeanBrightness.mean(fakes) - MeanBrightness.mean(reals), within(1e-12));
        assertThat(Files.readAllLines(dir.resolve("metrics.csv")).get(0))
                .isEqualTo(
                        "kimg,timestamp,seconds,swd_x1e3_32,swd_x1e3_16,swd_x1e3_avg,"
                                + "brightness_diff");
        assertThatThrownBy(() -> MetricRegistry.register(new MeanBrightness()))
                .hasMessageContaining("'mean_brightness' is registered");
        MeanBrightness badName =
                new MeanBrightness() {
                    @Override
                    public String name() {
                        return "Bad Name";
                    }
                };
        assertThatThrownBy(() -> MetricRegistry.register(badName))
                .hasMessageContaining("lower-case");
    }
}
