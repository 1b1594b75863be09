package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.TrainingSchedule;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgganTest {
    private static PgganBuilder tiny() {
        return Pggan.builder()
                .resolution(16)
                .latentDim(16)
                .fmapMax(8)
                .schedule(TrainingSchedule.shortRun(0.016, 0.32, 8))
                .progressBar(false)
                .configure(b -> b.imageSnapshotTicks(1));
    }

    @Test
    void configurationRoundTripsThroughReadableGroupedJson() {
        PgganConfig c = PgganConfig.cpuPreset(32).toBuilder().mirror(true).seed(7).build();
        String json = c.toJson();
        assertThat(json)
                .startsWith("{\n  \"version\" : 2,")
                .contains("\"architecture\" : {")
                .contains("\"resolution\" : 32")
                .contains("\"fmapMax\" : 64")
                .contains("\"loss\" : {")
                .contains("\"optimizer\" : {")
                .contains("\"run\" : {");
        assertThat(PgganConfig.fromJson(json)).isEqualTo(c);
        PgganConfig edited =
                PgganConfig.fromJson(
                        "{\"version\": 2, \"architecture\": {\"resolution\": 64},"
                                + " \"schedule\": {\"totalKimg\": 5}}");
        assertThat(edited.architecture().resolution()).isEqualTo(64);
        assertThat(edited.architecture().latentDim()).isEqualTo(512);
        assertThat(edited.schedule().totalKimg()).isEqualTo(5);
        assertThat(edited.schedule().minibatch())
                .isEqualTo(TrainingSchedule.official().minibatch());
        PgganConfig official = PgganConfig.official();
        assertThat(official.architecture().resolution()).isEqualTo(1024);
        assertThat(official.schedule().totalKimg()).isEqualTo(12000);
        assertThat(official.optimizer().gsAverage()).isEqualTo(GsAverage.perStep(0.999));
        assertThat(official.run().mirror()).isFalse();
        assertThat(official.loss()).isEqualTo(LossConfig.official());
    }

    @Test
    void flatBuilderSettersLandInTheirGroups() {
        PgganConfig c =
                PgganConfig.builder()
                        .latentDim(32)
                        .gpLambda(5)
                        .adamBeta2(0.9)
                        .seed(3)
                        .mbstdGroupSize(2)
                        .build();
        assertThat(c.architecture().latentDim()).isEqualTo(32);
        assertThat(c.architecture().mbstdGroupSize()).isEqualTo(2);
        assertThat(c.loss().gpLambda()).isEqualTo(5);
        assertThat(c.optimizer().adamBeta2()).isEqualTo(0.9);
        assertThat(c.run().seed()).isEqualTo(3);
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(PgganConfig.builder().optimizer(c.optimizer()).build().optimizer())
                .isEqualTo(c.optimizer());
    }

    @Test
    void aVersionOneFlatDocumentIsMigrated() throws Exception {
        // config.json of the quick study's checkpoint, written by the code before the grouping
        String v1;
        try (var in = PgganTest.class.getResourceAsStream("config-v1-quick-checkpoint.json")) {
            v1 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        PgganConfig c = PgganConfig.fromJson(v1);
        PgganConfig expected =
                PgganConfig.builder()
                        .resolution(32)
                        .latentDim(32)
                        .fmapMax(32)
                        .fmapBase(512)
                        .seed(2018)
                        .gSmoothing(0.99)
                        .imageSnapshotTicks(0)
                        .schedule(TrainingSchedule.shortRun(0.096, 0.672, 16))
                        .checkpointIntervalKimg(0.1)
                        .build();
        assertThat(c).isEqualTo(expected);
        assertThat(PgganConfig.fromJson("{\"version\": 1, \"latentDim\": 8}").architecture())
                .extracting(a -> a.latentDim())
                .isEqualTo(8);
        assertThat(PgganConfig.fromJson("{\"seed\": 9, \"gSmoothing\": 0.5}").run().seed())
                .isEqualTo(9);
    }

    @Test
    void anUnknownVersionIsRefusedByNumber() {
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"version\": 3}"))
                .hasMessageContaining("configuration version 3 is not supported")
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"version\": \"two\"}"))
                .hasMessageContaining("version must be a whole number");
        assertThatThrownBy(() -> PgganConfig.fromJson("{\"latentDim\": 8, \"loss\": {}}"))
                .hasMessageContaining("unknown configuration field loss")
                .hasMessageContaining("version-1");
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

    @Test
    void aCheckpointWrittenBeforeTheGroupingStillLoads(@TempDir Path dir) throws Exception {
        Path grouped = dir.resolve("model.zip");
        Path old = dir.resolve("model-v1.zip");
        float[] pixels;
        try (Pggan gan = tiny().build()) {
            gan.save(grouped);
            pixels = gan.generate(2, 5L).toFloatArray();
        }
        // the same checkpoint with config.json as the code before the grouping wrote it: flat
        var json = io.pggan.io.Json.mapper();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(grouped));
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(old))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("config.json")) {
                    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bytes);
                    var flat = json.createObjectNode();
                    doc.properties()
                            .forEach(
                                    p -> {
                                        if (p.getKey().equals("schedule")) {
                                            flat.set("schedule", p.getValue());
                                        } else if (p.getValue().isObject()) {
                                            flat.setAll(
                                                    (com.fasterxml.jackson.databind.node.ObjectNode)
                                                            p.getValue());
                                        }
                                    });
                    // version 1 had the per-step beta as the flat field gSmoothing
                    flat.set("gSmoothing", flat.remove("gsAverage").get("stepBeta"));
                    assertThat(flat.has("version")).isFalse();
                    assertThat(flat.has("gSmoothing")).isTrue();
                    bytes = json.writeValueAsBytes(flat);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        try (Pggan loaded = Pggan.load(old);
                Pggan same = Pggan.load(grouped)) {
            assertThat(loaded.config()).isEqualTo(same.config());
            assertThat(loaded.generate(2, 5L).toFloatArray()).isEqualTo(pixels);
        }
    }

    @Test
    void theGsAverageIsOneNestedRecordAndGSmoothingStillReads() {
        PgganConfig c = PgganConfig.builder().gsAverage(GsAverage.halfLife(10, 0.05)).build();
        assertThat(c.toJson()).contains("\"gsAverage\"").contains("\"halfLifeKimg\" : 10.0");
        assertThat(PgganConfig.fromJson(c.toJson())).isEqualTo(c);
        // a partial document merges into the defaults field by field
        PgganConfig half =
                PgganConfig.fromJson(
                        "{\"version\": 2, \"optimizer\": {\"gsAverage\": {\"halfLifeKimg\": 2}}}");
        assertThat(half.optimizer().gsAverage()).isEqualTo(new GsAverage(0.999, 2, 0));
        // the per-step beta as version 1 and the first version 2 wrote it
        assertThat(PgganConfig.fromJson("{\"gSmoothing\": 0.99}").optimizer().gsAverage())
                .isEqualTo(GsAverage.perStep(0.99));
        assertThat(
                        PgganConfig.fromJson(
                                        "{\"version\": 2, \"optimizer\": {\"gSmoothing\": 0.9}}")
                                .optimizer()
                                .gsAverage())
                .isEqualTo(GsAverage.perStep(0.9));
        assertThatThrownBy(
                        () ->
                                PgganConfig.fromJson(
                                        "{\"optimizer\": {\"gSmoothing\": 0.9, \"gsAverage\":"
                                                + " {\"stepBeta\": 0.5}}}"))
                .hasMessageContaining("keep one");
        assertThatThrownBy(
                        () ->
                                PgganConfig.fromJson(
                                        "{\"optimizer\": {\"gsAverage\": {\"rampup\": -1}}}"))
                .hasMessageContaining("optimizer.gsAverage.rampup");
    }
}
