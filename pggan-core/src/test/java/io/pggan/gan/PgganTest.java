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
        assertThat(official.optimizer().gSmoothing()).isEqualTo(0.999);
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
}
