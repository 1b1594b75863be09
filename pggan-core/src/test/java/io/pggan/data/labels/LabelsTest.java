package io.pggan.data.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.data.Sex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
    private final LabelSpec spec = LabelSpec.ageAndSex();

    @Test
    void ageAndSexEncodeAsOneHotThenNormalisedAge() {
        assertThat(spec.size()).isEqualTo(3);
        assertThat(spec.names()).containsExactly("sex", "age");
        // sex M = class 1 -> [0, 1]; age 150 months -> (150 - 120) / 60 = 0.5
        assertThat(spec.encode(spec.raw(Labels.of(150, Sex.MALE), "x")))
                .containsExactly(0f, 1f, 0.5f);
        assertThat(spec.encode(spec.raw(Labels.of(30, Sex.FEMALE), "x")))
                .containsExactly(1f, 0f, -1.5f);
        // class names are case-insensitive, an index works too
        Labels idx = Labels.builder().put("sex", 1).put("age", 120).build();
        assertThat(spec.encode(spec.raw(idx, "x"))).containsExactly(0f, 1f, 0f);
        Labels lower = Labels.builder().put("sex", "f").put("age", "12").build();
        assertThat(spec.encode(spec.raw(lower, "x"))).containsExactly(1f, 0f, -1.8f);
    }

    @Test
    void specRoundTripsThroughJsonAndNamesItsDifferences() {
        String json = spec.toJson();
        assertThat(json).contains("\"name\" : \"sex\"").contains("\"classes\" : [ \"F\", \"M\" ]");
        assertThat(json).contains("\"mean\" : 120.0").doesNotContain("null");
        assertThat(LabelSpec.fromJson(json)).isEqualTo(spec);
        LabelSpec other =
                LabelSpec.of(
                        LabelGroup.discrete("sex", "F", "M"),
                        LabelGroup.continuous("age", 100, 60, 0, 240));
        assertThat(LabelSpec.difference(spec, other))
                .contains("group 1")
                .contains("age (mean 120.0")
                .contains("versus age (mean 100.0");
        assertThat(LabelSpec.difference(spec, null))
                .contains("labels [sex, age] versus unconditional");
        assertThat(LabelSpec.difference(spec, LabelSpec.ageAndSex())).isNull();
        assertThatThrownBy(
                        () ->
                                LabelSpec.fromJson(
                                        "{\"groups\": [{\"name\": \"sex\", \"kind\": \"DISCRETE\", \"classes\": [\"F\"]}]}"))
                .hasMessageContaining("labels.sex.classes must name at least 2 classes");
        assertThatThrownBy(() -> LabelGroup.continuous("age", 120, 0, 0, 240))
                .hasMessageContaining("labels.age.scale must be > 0");
    }

    @Test
    void badLabelsAreRefusedNamingTheImageAndField() {
        assertThatThrownBy(() -> spec.raw(Labels.of(300, Sex.MALE), "image 7 (a.png)"))
                .hasMessage("image 7 (a.png): label 'age' is 300.0, out of its range [0.0, 240.0]");
        assertThatThrownBy(
                        () ->
                                spec.raw(
                                        Labels.builder().put("sex", "X").put("age", 3).build(),
                                        "row 2"))
                .hasMessage("row 2: label 'sex' is 'X', not one of [F, M]");
        assertThatThrownBy(() -> spec.raw(Labels.builder().put("age", 3).build(), "row 3"))
                .hasMessage("row 3: label 'sex' is missing");
        assertThatThrownBy(
                        () ->
                                spec.raw(
                                        Labels.builder()
                                                .put("sex", "F")
                                                .put("age", 3)
                                                .put("site", 1)
                                                .build(),
                                        "row 4"))
                .hasMessageContaining("row 4: unknown label 'site'");
        assertThatThrownBy(
                        () ->
                                spec.raw(
                                        Labels.builder().put("sex", "F").put("age", "old").build(),
                                        "row 5"))
                .hasMessage("row 5: label 'age' is not a number: 'old'");
        assertThatThrownBy(() -> spec.raw(null, "phantom 3"))
                .hasMessage("phantom 3: no labels, but the model is conditional on [sex, age]");
        assertThatThrownBy(
                        () ->
                                LabelTable.of(
                                        spec,
                                        3,
                                        i -> i == 2 ? null : Labels.of(10, Sex.MALE),
                                        i -> "image " + i))
                .hasMessageContaining("image 2: no labels");
    }

    @Test
    void tableDrawsRowsAndRoundTripsThroughItsFile(@TempDir Path dir) {
        LabelTable t =
                LabelTable.of(
                        spec,
                        4,
                        i -> Labels.of(12 * (i + 1), i % 2 == 0 ? Sex.FEMALE : Sex.MALE),
                        i -> "image " + i);
        assertThat(t.encoded(new int[] {1, 0}))
                .containsExactly(0f, 1f, (24 - 120) / 60f, 1f, 0f, (12 - 120) / 60f);
        int[] rows = t.randomRows(new Random(3), 1000);
        assertThat(java.util.Arrays.stream(rows).allMatch(r -> r >= 0 && r < 4)).isTrue();
        assertThat(java.util.Arrays.stream(rows).distinct().count()).isEqualTo(4);
        Path f = dir.resolve(LabelTable.FILE);
        t.write(f);
        LabelTable back = LabelTable.read(f, 4);
        assertThat(back.spec()).isEqualTo(spec);
        for (int i = 0; i < 4; i++) {
            assertThat(back.raw(i)).containsExactly(t.raw(i));
        }
        assertThatThrownBy(() -> LabelTable.read(f, 5))
                .hasMessageContaining("has 4 rows but the store has 5 images");
    }

    @Test
    void labelsCsvBesideAFolder(@TempDir Path dir) throws Exception {
        List<Path> images = List.of(dir.resolve("a.png"), dir.resolve("sub/b.png"));
        Files.writeString(
                dir.resolve("labels.csv"), "file,sex,age\nsub/b.png,M,100\na.png,F,12.5\n");
        LabelTable t = LabelsCsv.read(dir, images, spec);
        assertThat(t.raw(0)).containsExactly(0, 12.5);
        assertThat(t.raw(1)).containsExactly(1, 100);
        // written back, read back
        LabelsCsv.write(dir, images, t);
        assertThat(Files.readString(dir.resolve("labels.csv"))).contains("a.png,F,12.5");
        assertThat(LabelsCsv.read(dir, images, spec).raw(1)).containsExactly(1, 100);

        Files.writeString(
                dir.resolve("labels.csv"), "file,sex,age\na.png,F,12.5\nsub/b.png,M,999\n");
        assertThatThrownBy(() -> LabelsCsv.read(dir, images, spec))
                .hasMessageContaining("labels.csv line 3: label 'age' is 999.0, out of its range");
        Files.writeString(dir.resolve("labels.csv"), "file,sex,age\na.png,F,12.5\n");
        assertThatThrownBy(() -> LabelsCsv.read(dir, images, spec))
                .hasMessageContaining("image sub/b.png: no labels");
        Files.writeString(
                dir.resolve("labels.csv"),
                "file,sex,age\na.png,F,12.5\nsub/b.png,M,1\nc.png,M,1\n");
        assertThatThrownBy(() -> LabelsCsv.read(dir, images, spec))
                .hasMessageContaining("line 4: file c.png is not an image of");
        Files.writeString(dir.resolve("labels.csv"), "file,sex\na.png,F\n");
        assertThatThrownBy(() -> LabelsCsv.read(dir, images, spec))
                .hasMessageContaining("no column 'age'");
        Files.delete(dir.resolve("labels.csv"));
        assertThatThrownBy(() -> LabelsCsv.read(dir, images, spec))
                .hasMessageContaining("no labels file, but the model is conditional on [sex, age]");
    }
}
