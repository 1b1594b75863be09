package io.pggan.metrics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.features.ImageBatchSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricTrackerTest {
    /** A generator stand-in that replays fixed images (as fixed latents would). */
    static ImageBatchSource replay(Uint8Images images) {
        int[] next = {0};
        return (m, n) -> {
            Uint8Images part = images.slice(next[0] % images.count(), next[0] % images.count() + n);
            next[0] += n;
            return m.create(
                    part.toSignedFloats(),
                    new Shape(n, part.channels(), part.height(), part.width()));
        };
    }

    @Test
    void recordsChosenMetricsEveryNKimgToCsvAndJson(@TempDir Path dir) throws Exception {
        TrackerConfig config =
                TrackerConfig.builder()
                        .everyKimg(10)
                        .sampleSize(16)
                        .batchSize(4)
                        .kid(5, 8)
                        .metrics(MetricRegistry.names())
                        .build();
        Uint8Images reals = TestImages.random(16, 1, 32, 32, 1);
        FeatureExtractor fx =
                FeatureExtractor.of(
                        4, x -> x.reshape(x.getShape().get(0), 4, 256).mean(new int[] {2}));
        RealReference ref = RealReference.compute(config, reals, fx, fx);
        MetricTracker tracker = new MetricTracker(ref, dir);
        assertThat(tracker.maybeEvaluate(0, replay(reals))).isPresent();
        assertThat(tracker.maybeEvaluate(5, replay(reals))).isEmpty();
        Uint8Images fakes = TestImages.random(16, 1, 32, 32, 2);
        MetricRecord rec = tracker.maybeEvaluate(10, replay(fakes)).orElseThrow();
        MetricRecord first = tracker.history().get(0);
        // the generator reproducing the real sample: zero SWD and FID, real MS-SSIM
        assertThat(first.values().get("swd_x1e3_avg")).isGreaterThanOrEqualTo(0.0);
        assertThat(first.values().get("fid")).isLessThan(1e-6);
        assertThat(first.values().get("ms_ssim")).isEqualTo(ref.values().get("ms_ssim"));
        assertThat(first.values().get("precision")).isEqualTo(1.0);
        assertThat(rec.values().get("fid")).isGreaterThan(first.values().get("fid"));
        assertThat(rec.values().keySet())
                .startsWith("swd_x1e3_32", "swd_x1e3_16", "swd_x1e3_avg", "ms_ssim", "fid")
                .contains("kid_mean", "recall", "is_mean", "is_std");
        // the IS of a sample that replays the reals is the reals' own IS (the reference line)
        assertThat(first.values().get("is_mean")).isEqualTo(ref.values().get("is_mean"));
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("kimg,timestamp,seconds,swd_x1e3_32");
        assertThat(csv.get(2)).startsWith("10.0,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(1).get("values").get("fid").asDouble())
                .isEqualTo(rec.values().get("fid"));
        JsonNode cfg = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertThat(cfg.get("sampleSize").asInt()).isEqualTo(16);
        TrackerConfig back =
                new ObjectMapper()
                        .readValue(dir.resolve("config.json").toFile(), TrackerConfig.class);
        assertThat(back).isEqualTo(config);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void badConfigurationsGetClearErrors() {
        assertThatThrownBy(() -> TrackerConfig.builder().sampleSize(7).build())
                .hasMessageContaining("sampleSize");
        TrackerConfig needsFeatures = TrackerConfig.builder().sampleSize(4).metrics("fid").build();
        assertThatThrownBy(
                        () ->
                                RealReference.compute(
                                        needsFeatures, TestImages.random(4, 1, 16, 16, 1), null))
                .hasMessageContaining("feature extractor");
        assertThatThrownBy(() -> TrackerConfig.builder().metrics("fid", "fdi").build())
                .hasMessageContaining("unknown metric 'fdi'")
                .hasMessageContaining("precision_recall");
        TrackerConfig is = TrackerConfig.builder().sampleSize(4).metrics("is").build();
        assertThatThrownBy(
                        () -> RealReference.compute(is, TestImages.random(4, 1, 16, 16, 1), null))
                .hasMessageContaining("classifier");
        TrackerConfig swd = TrackerConfig.builder().sampleSize(4).build();
        assertThatThrownBy(
                        () -> RealReference.compute(swd, TestImages.random(6, 1, 16, 16, 1), null))
                .hasMessageContaining("sampleSize = 4");
    }

    @Test
    void aResumedTrackerContinuesTheHistoryInOneCsv(@TempDir Path dir) throws Exception {
        TrackerConfig config =
                TrackerConfig.builder().everyKimg(10).sampleSize(8).batchSize(4).build();
        Uint8Images reals = TestImages.random(8, 1, 32, 32, 1);
        Uint8Images fakes = TestImages.random(8, 1, 32, 32, 2);
        RealReference ref = RealReference.compute(config, reals, null);
        MetricTracker first = new MetricTracker(ref, dir);
        first.evaluate(0, fakes);
        first.evaluate(10, fakes);
        // a new session (a resumed run) reads the history back and waits for the next interval
        MetricTracker second = new MetricTracker(ref, dir);
        assertThat(second.history()).hasSize(2);
        assertThat(second.lastKimg()).isEqualTo(10);
        assertThat(second.maybeEvaluate(15, replay(fakes))).isEmpty();
        assertThat(second.maybeEvaluate(20, replay(fakes))).isPresent();
        assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(4);
        // re-evaluating an earlier point replaces the records from there on
        second.evaluate(10, reals);
        assertThat(second.history()).extracting(MetricRecord::kimg).containsExactly(0.0, 10.0);
        assertThat(MetricTracker.readHistory(dir.resolve("metrics.json"))).hasSize(2);
        assertThat(second.history().get(1).values().get("ms_ssim"))
                .isEqualTo(ref.values().get("ms_ssim"));
    }
}
