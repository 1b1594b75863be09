package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.gan.training.TrainingSchedule;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgganTest {
    private static Pggan.Builder tiny() {
        return Pggan.builder()
                .resolution(16)
                .latentDim(16)
                .fmapMax(8)
                .schedule(TrainingSchedule.shortRun(0.016, 0.32, 8))
                .progressBar(false)
                .configure(b -> b.imageSnapshotTicks(1));
    }

    @Test
    void configurationRoundTripsThroughReadableJson() {
        PgganConfig c = PgganConfig.cpuPreset(32).toBuilder().mirror(true).seed(7).build();
        String json = c.toJson();
        assertThat(json).contains("\"resolution\" : 32").contains("\"fmapMax\" : 64");
        assertThat(PgganConfig.fromJson(json)).isEqualTo(c);
        PgganConfig edited =
                PgganConfig.fromJson("{\"resolution\": 64, \"schedule\": {\"totalKimg\": 5}}");
        assertThat(edited.resolution()).isEqualTo(64);
        assertThat(edited.latentDim()).isEqualTo(512);
        assertThat(edited.schedule().totalKimg()).isEqualTo(5);
        assertThat(edited.schedule().minibatch())
                .isEqualTo(TrainingSchedule.official().minibatch());
        PgganConfig official = PgganConfig.official();
        assertThat(official.resolution()).isEqualTo(1024);
        assertThat(official.schedule().totalKimg()).isEqualTo(12000);
        assertThat(official.gSmoothing()).isEqualTo(0.999);
        assertThat(official.mirror()).isFalse();
    }

    @Test
    void badConfigurationsNameTheField() {
        assertThatThrownBy(() -> Pggan.builder().resolution(48).build())
                .hasMessageContaining("resolution")
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> Pggan.builder().latentDim(0).build())
                .hasMessageContaining("latentDim");
        assertThatThrownBy(() -> Pggan.builder().channels(2).build())
                .hasMessageContaining("channels");
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"resolutoin\": 64}"))
                .hasMessageContaining("resolutoin");
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"schedule\": {\"minibatchBase\": 0}}"))
                .hasMessageContaining("schedule.minibatchBase");
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"gSmoothing\": 1.5}"))
                .hasMessageContaining("gSmoothing");
    }

    @Test
    void generatesWritesSavesAndLoads(@TempDir Path dir) throws Exception {
        InMemorySource src = new InMemorySource(16, 1, 16, 9);
        Path run = dir.resolve("run");
        try (Pggan gan = tiny().runDirectory(run).build()) {
            gan.train(src, 8);
            assertThat(gan.position().resolution()).isEqualTo(8);
            NDArray a = gan.generate(5, 42L);
            NDArray b = gan.generate(5, 42L);
            assertThat(a.getShape().toString()).isEqualTo("(5, 1, 8, 8)");
            assertThat(a.sub(b).abs().max().getFloat()).isEqualTo(0f);
            List<Path> files = gan.writePngs(dir.resolve("png"), "img", a);
            assertThat(files).hasSize(5);
            BufferedImage first = ImageIO.read(files.get(0).toFile());
            float v = a.getFloat(0, 0, 3, 4);
            int expected = (int) Math.max(0, Math.min(255, Math.rint((v + 1) * 127.5)));
            assertThat(first.getRaster().getSample(4, 3, 0)).isEqualTo(expected);
            gan.writeGrid(dir.resolve("grid.png"), a, 5);
            assertThat(ImageIO.read(dir.resolve("grid.png").toFile()).getWidth()).isEqualTo(40);
            // snapshots of fixed latents were written at the ticks, at the final resolution
            try (var list = Files.list(run)) {
                List<Path> fakes =
                        list.filter(p -> p.getFileName().toString().startsWith("fakes")).toList();
                assertThat(fakes).isNotEmpty();
                assertThat(ImageIO.read(fakes.get(0).toFile()).getWidth()).isEqualTo(32 * 16);
            }
            gan.save(dir.resolve("model.zip"));
            try (Pggan loaded = Pggan.load(dir.resolve("model.zip"));
                    NDManager m = NDManager.newBaseManager()) {
                assertThat(loaded.config()).isEqualTo(gan.config());
                NDArray z = loaded.latents(m, 5, 42L);
                NDArray c = loaded.generate(z);
                assertThat(c.sub(a).abs().max().getFloat()).isCloseTo(0f, within(1e-6f));
            }
        }
        assertThatThrownBy(() -> Pggan.load(dir.resolve("missing.zip")))
                .hasMessageContaining("missing.zip");
        Files.writeString(dir.resolve("bad.zip"), "not a zip");
        assertThatThrownBy(() -> Pggan.load(dir.resolve("bad.zip")))
                .hasMessageContaining("bad.zip");
    }

    @Test
    void generateOfMoreThanOneBatchEqualsTheConcatenationOfItsBatches() {
        int n = 2 * Pggan.SAMPLE_BATCH + 3;
        try (Pggan gan = tiny().build();
                NDManager m = NDManager.newBaseManager()) {
            gan.train(new InMemorySource(16, 1, 16, 9), 6);
            NDArray all = gan.generate(n, 5L);
            int r = gan.position().resolution();
            assertThat(all.getShape().toString()).isEqualTo("(" + n + ", 1, " + r + ", " + r + ")");
            List<NDArray> parts = new java.util.ArrayList<>();
            for (int from = 0; from < n; from += Pggan.SAMPLE_BATCH) {
                int k = Math.min(Pggan.SAMPLE_BATCH, n - from);
                parts.add(gan.generate(gan.latents(m, 5L, from, k)));
            }
            NDArray concat = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 0);
            assertThat(all.sub(concat).abs().max().getFloat()).isEqualTo(0f);
            // Batching does not change an image: the last one rendered alone is the same.
            NDArray last = gan.generate(gan.latents(m, 5L, n - 1, 1));
            assertThat(all.get(n - 1).sub(last.get(0)).abs().max().getFloat())
                    .isCloseTo(0f, within(1e-5f));
            // The streaming form gives every index once, in order, batch by batch.
            List<Long> starts = new java.util.ArrayList<>();
            gan.generateBatches(n, 5L, 50, (from, images) -> starts.add(from));
            assertThat(starts).containsExactly(0L, 50L, 100L);
            all.close();
        }
    }

    @Test
    void latentsAreTheSamplersVectors() {
        try (Pggan gan = tiny().build();
                NDManager m = NDManager.newBaseManager()) {
            float[] rows = gan.latents(m, 7, 99L).toFloatArray();
            for (int i = 0; i < 7; i++) {
                assertThat(java.util.Arrays.copyOfRange(rows, i * 16, (i + 1) * 16))
                        .containsExactly(LatentSampler.latent(99L, i, 16));
            }
            assertThat(gan.latents(m, 99L, 5, 2).toFloatArray())
                    .containsExactly(java.util.Arrays.copyOfRange(rows, 5 * 16, 7 * 16));
        }
    }
}
