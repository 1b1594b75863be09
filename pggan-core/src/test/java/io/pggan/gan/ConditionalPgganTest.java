package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import io.pggan.data.Sex;
import io.pggan.data.labels.LabelGroup;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.data.labels.Labels;
import io.pggan.gan.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalPgganTest {
    private static final LabelSpec SPEC = LabelSpec.ageAndSex();

    private static PgganBuilder tiny(Path dir) {
        return Pggan.builder()
                .resolution(8)
                .latentDim(8)
                .fmapMax(8)
                .seed(3)
                .labels(SPEC)
                .schedule(TrainingSchedule.shortRun(0.016, 0.064, 4))
                .progressBar(false)
                .runDirectory(dir)
                .configure(b -> b.imageSnapshotTicks(1));
    }

    private static InMemorySource labelled() {
        return new InMemorySource(12, 1, 8, 5)
                .withLabels(
                        LabelTable.of(
                                SPEC,
                                12,
                                i -> Labels.of(12 + 18 * i, i % 2 == 0 ? Sex.MALE : Sex.FEMALE),
                                i -> "image " + i));
    }

    @Test
    void trainsGeneratesAndRoundTripsItsLabelsThroughTheCheckpoint(@TempDir Path dir)
            throws Exception {
        float[] boy;
        try (Pggan gan = tiny(dir).build()) {
            assertThat(gan.labels()).isEqualTo(SPEC);
            gan.train(labelled());
            assertThat(gan.counters().nimg()).isGreaterThanOrEqualTo(64);
            assertThat(gan.counters().skippedUpdates()).isZero();
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("fakes"));
            NDArray a = gan.generate(3, 42L, Labels.of(120, Sex.MALE));
            assertThat(a.getShape().get(0)).isEqualTo(3);
            boy = a.toFloatArray();
            NDArray b = gan.generate(3, 42L, Labels.of(200, Sex.FEMALE));
            assertThat(a.sub(b).abs().max().getFloat())
                    .as("labels change the image")
                    .isGreaterThan(1e-4f);
            NDArray mixed =
                    gan.generate(
                            42L, List.of(Labels.of(120, Sex.MALE), Labels.of(200, Sex.FEMALE)));
            assertThat(mixed.get(0).sub(a.get(0)).abs().max().getFloat()).isEqualTo(0f);
            assertThat(mixed.get(1).sub(b.get(1)).abs().max().getFloat()).isEqualTo(0f);
            assertThatThrownBy(() -> gan.generate(2, 1L))
                    .hasMessageContaining("the model is conditional on labels [sex, age]");
            assertThatThrownBy(() -> gan.generate(2, 1L, Labels.of(241, Sex.MALE)))
                    .hasMessageContaining("labels entry 0: label 'age' is 241.0, out of its range");
            gan.save(dir.resolve("model.zip"));
        }
        assertThat(
                        new String(
                                Files.readAllBytes(
                                        dir.resolve(io.pggan.gan.training.PgganTrainer.CHECKPOINT)),
                                java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("\"labels\"");
        try (Pggan loaded = Pggan.load(dir.resolve("model.zip"))) {
            assertThat(loaded.config().labels()).isEqualTo(SPEC);
            assertThat(loaded.generate(3, 42L, Labels.of(120, Sex.MALE)).toFloatArray())
                    .containsExactly(boy);
        }
        LabelSpec older =
                LabelSpec.of(
                        LabelGroup.discrete("sex", "F", "M"),
                        LabelGroup.continuous("age", 100, 50, 0, 240));
        assertThatThrownBy(() -> tiny(dir).labels(older).build())
                .hasMessageContaining("trained with other labels than the configuration's")
                .hasMessageContaining("age (mean 120.0, scale 60.0")
                .hasMessageContaining("versus age (mean 100.0, scale 50.0");
        assertThatThrownBy(() -> tiny(dir).labels(null).build())
                .hasMessageContaining("labels [sex, age] versus unconditional");
    }

    @Test
    void aConditionalModelRefusesASourceWithoutLabelsOrWithOtherLabels() {
        try (Pggan gan = tiny(null).build()) {
            assertThatThrownBy(() -> gan.train(new InMemorySource(4, 1, 8, 1)))
                    .hasMessageContaining(
                            "the model is conditional on labels [sex, age] but the minibatch source"
                                    + " has no labels");
            LabelSpec sexOnly = LabelSpec.of(LabelGroup.discrete("sex", "F", "M"));
            InMemorySource other =
                    new InMemorySource(4, 1, 8, 1)
                            .withLabels(
                                    LabelTable.constant(
                                            sexOnly, 4, Labels.builder().put("sex", "M").build()));
            assertThatThrownBy(() -> gan.train(other))
                    .hasMessageContaining("the minibatch source's labels differ")
                    .hasMessageContaining("group 1: none versus age");
        }
        try (Pggan plain = tiny(null).labels(null).build()) {
            assertThatThrownBy(
                            () ->
                                    plain.generate(
                                            plain.latents(plain.state().manager(), 2, 1L),
                                            plain.state()
                                                    .manager()
                                                    .zeros(new ai.djl.ndarray.types.Shape(2, 3))))
                    .hasMessageContaining("the model is unconditional");
        }
    }

    @Test
    void theLabelsGroupIsOptionalInTheConfigurationJson() {
        PgganConfig plain = PgganConfig.cpuPreset(32);
        assertThat(plain.toJson()).doesNotContain("labels");
        PgganConfig cond = plain.toBuilder().labels(SPEC).build();
        String json = cond.toJson();
        assertThat(json).contains("\"labels\" : {").contains("\"groups\" : [");
        assertThat(PgganConfig.fromJson(json)).isEqualTo(cond);
        assertThat(PgganConfig.fromJson(json).labelSize()).isEqualTo(3);
        assertThat(PgganConfig.fromJson("{\"version\": 2, \"labels\": null}").conditional())
                .isFalse();
        assertThatThrownBy(
                        () ->
                                PgganConfig.fromJson(
                                        "{\"version\": 2, \"labels\": {\"groups\": [{\"name\": \"age\","
                                                + " \"kind\": \"CONTINUOUS\", \"mean\": 1, \"scale\": -1,"
                                                + " \"min\": 0, \"max\": 2}]}}"))
                .hasMessageContaining("labels.age.scale must be > 0");
    }
}
