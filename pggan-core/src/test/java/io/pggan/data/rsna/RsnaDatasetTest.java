package io.pggan.data.rsna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.data.DataException;
import io.pggan.data.Sex;
import io.pggan.data.SquareMode;
import io.pggan.io.ImagePng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsnaDatasetTest {
    @TempDir Path root;

    /** A training-layout fixture: CSV lines (without header) and an image per listed id. */
    private Path training(boolean nested, String... rows) throws IOException {
        Path images = root.resolve("boneage-training-dataset");
        if (nested) {
            images = images.resolve("boneage-training-dataset");
        }
        Files.createDirectories(images);
        StringBuilder csv = new StringBuilder("id,boneage,male\n");
        for (String row : rows) {
            csv.append(row).append('\n');
            String id = row.split(",")[0];
            if (id.matches("[0-9]+")) {
                image(images.resolve(id + ".png"), 40, 48, Integer.parseInt(id) % 200);
            }
        }
        Path f = root.resolve("boneage-training-dataset.csv");
        Files.writeString(f, csv.toString());
        return f;
    }

    private static void image(Path file, int w, int h, int value) {
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = value / 127.5f - 1f;
        }
        ImagePng.writeGray(file, px, w, h);
    }

    @Test
    void readsTheTrainingLayoutFlatOrNested() throws IOException {
        for (boolean nested : new boolean[] {false, true}) {
            deleteAll();
            training(nested, "1377,180,False", "1378,12,True", "1379,94.5,true");
            RsnaDataset ds = RsnaDataset.builder().root(root).resolution(32).build();
            assertThat(ds.format()).isEqualTo(RsnaCsvFormat.TRAINING);
            assertThat(ds.records())
                    .extracting(BoneAgeRecord::id)
                    .containsExactly("1377", "1378", "1379");
            assertThat(ds.records())
                    .extracting(BoneAgeRecord::ageMonths)
                    .containsExactly(180.0, 12.0, 94.5);
            assertThat(ds.records())
                    .extracting(BoneAgeRecord::sex)
                    .containsExactly(Sex.FEMALE, Sex.MALE, Sex.MALE);
            assertThat(ds.record(0).image().getParent().getFileName().toString())
                    .isEqualTo("boneage-training-dataset");
            float[] px = ds.load(1);
            assertThat(px).hasSize(32 * 32);
            // 40x48 padded to 48x48 with black: the centre keeps the value, the left edge is black.
            assertThat(px[16 * 32 + 16])
                    .isCloseTo(178 / 127.5f - 1f, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(px[16 * 32]).isEqualTo(-1f);
        }
    }

    @Test
    void readsValidationAndTestLayouts() throws IOException {
        Path dir = Files.createDirectories(root.resolve("val-images"));
        image(dir.resolve("1386.png"), 40, 40, 10);
        image(dir.resolve("1392.png"), 40, 40, 10);
        Path val = root.resolve("validation.csv");
        Files.writeString(val, "Image ID,Bone Age (months),male\n1386,30,FALSE\n1392,162,TRUE\n");
        RsnaDataset v = RsnaDataset.builder().csv(val).imageDir(dir).resolution(32).build();
        assertThat(v.format()).isEqualTo(RsnaCsvFormat.VALIDATION);
        assertThat(v.ages()).containsExactly(30, 162);
        Path test = root.resolve("test.csv");
        Files.writeString(test, "Case ID,Sex\n1386,M\n1392,F\n");
        RsnaDataset t = RsnaDataset.builder().csv(test).imageDir(dir).resolution(32).build();
        assertThat(t.format()).isEqualTo(RsnaCsvFormat.TEST);
        assertThat(t.records()).allMatch(r -> !r.hasAge());
        assertThat(t.records())
                .extracting(BoneAgeRecord::sex)
                .containsExactly(Sex.MALE, Sex.FEMALE);
        assertThatThrownBy(
                        () ->
                                RsnaDataset.builder()
                                        .csv(test)
                                        .imageDir(dir)
                                        .ageRange(1, 100)
                                        .build())
                .hasMessageContaining("test.csv")
                .hasMessageContaining("needs ages");
    }

    @Test
    void filtersByAgeAndSexAndSplitsReproducibly() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add((100 + i) + "," + (5 * i + 1) + "," + (i % 2 == 0 ? "True" : "False"));
        }
        training(false, rows.toArray(new String[0]));
        RsnaDataset girls =
                RsnaDataset.builder()
                        .root(root)
                        .resolution(32)
                        .sex(Sex.FEMALE)
                        .ageRange(50, 150)
                        .build();
        assertThat(girls.records())
                .allMatch(
                        r -> r.sex() == Sex.FEMALE && r.ageMonths() >= 50 && r.ageMonths() <= 150);
        assertThat(girls.size()).isEqualTo(10);
        RsnaDataset all = RsnaDataset.builder().root(root).resolution(32).build();
        RsnaDataset.Split a = all.split(7, 0.2, 0.1);
        RsnaDataset.Split b = all.split(7, 0.2, 0.1);
        RsnaDataset.Split c = all.split(8, 0.2, 0.1);
        assertThat(a.train().size()).isEqualTo(28);
        assertThat(a.validation().size()).isEqualTo(8);
        assertThat(a.test().size()).isEqualTo(4);
        assertThat(a.validation().records()).isEqualTo(b.validation().records());
        assertThat(a.validation().records()).isNotEqualTo(c.validation().records());
        Set<String> ids = new HashSet<>();
        for (RsnaDataset part : List.of(a.train(), a.validation(), a.test())) {
            part.records().forEach(r -> assertThat(ids.add(r.id())).isTrue());
        }
        assertThat(ids).hasSize(40);
    }

    @Test
    void cropModeCutsTheLongSide() throws IOException {
        Path images = Files.createDirectories(root.resolve("boneage-training-dataset"));
        // 64 wide, 32 high: left half black, right half white.
        float[] px = new float[64 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 32; x < 64; x++) {
                px[y * 64 + x] = 1f;
            }
            for (int x = 0; x < 32; x++) {
                px[y * 64 + x] = -1f;
            }
        }
        ImagePng.writeGray(images.resolve("5.png"), px, 64, 32);
        Files.writeString(
                root.resolve("boneage-training-dataset.csv"), "id,boneage,male\n5,100,True\n");
        float[] crop =
                RsnaDataset.builder()
                        .root(root)
                        .resolution(4)
                        .squareMode(SquareMode.CROP)
                        .build()
                        .load(0);
        assertThat(crop).containsExactly(-1, -1, 1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1, 1, 1);
        float[] pad = RsnaDataset.builder().root(root).resolution(4).build().load(0);
        // Padded to 64x64: a black band top and bottom, the image in the middle rows.
        assertThat(pad[0]).isEqualTo(-1f);
        assertThat(pad[4 + 3]).isEqualTo(1f);
        assertThat(pad[12 + 3]).isEqualTo(-1f);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void missingCsv() {
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("boneage-training-dataset.csv")
                .hasMessageContaining("does not exist");
    }

    @Test
    void wrongHeader() throws IOException {
        Files.createDirectories(root.resolve("boneage-training-dataset"));
        Files.writeString(root.resolve("boneage-training-dataset.csv"), "id,age,sex\n1,2,True\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining(
                        "boneage-training-dataset.csv: line 1: header [id, age, sex]");
    }

    @Test
    void nonNumericAge() throws IOException {
        training(false, "1,12,True", "2,twelve,False");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("boneage-training-dataset.csv: line 3: field 'boneage'")
                .hasMessageContaining("'twelve' is not a number");
    }

    @Test
    void outOfRangeAge() throws IOException {
        training(false, "1,12,True", "2,0,False");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 3: field 'boneage'")
                .hasMessageContaining("outside the valid range 1..228");
        deleteAll();
        training(false, "1,229,True");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 2: field 'boneage': age 229 months");
        deleteAll();
        training(false, "1,NaN,True");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 2: field 'boneage': age NaN months is outside");
    }

    @Test
    void badSexValue() throws IOException {
        training(false, "1,12,yes");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 2: field 'male': 'yes' is not True or False");
        Path test = root.resolve("t.csv");
        Files.writeString(test, "Case ID,Sex\n1,X\n");
        assertThatThrownBy(
                        () ->
                                RsnaDataset.builder()
                                        .csv(test)
                                        .imageDir(root.resolve("boneage-training-dataset"))
                                        .build())
                .hasMessageContaining("t.csv: line 2: field 'Sex': 'X' is not M or F");
    }

    @Test
    void duplicateIds() throws IOException {
        training(false, "7,12,True", "8,13,True", "7,14,False");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 4: field 'id': duplicate id '7' (first on line 2)");
    }

    @Test
    void idWithoutImage() throws IOException {
        training(false, "7,12,True");
        Files.writeString(
                root.resolve("boneage-training-dataset.csv"),
                "id,boneage,male\n7,12,True\n9,3,False\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 3: field 'id': no image for id '9'")
                .hasMessageContaining("9.png nor ");
    }

    @Test
    void idEscapingItsFolder() throws IOException {
        training(false, "7,12,True");
        Files.writeString(root.resolve("secret.png"), "not for you");
        for (String bad : List.of("../secret", "..", "a/b", "..\\\\x", "/etc/passwd")) {
            Files.writeString(
                    root.resolve("boneage-training-dataset.csv"),
                    "id,boneage,male\n" + bad + ",12,True\n");
            assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                    .as(bad)
                    .hasMessageContaining("line 2: field 'id'")
                    .hasMessageContaining("not a plain file name");
        }
    }

    @Test
    void wrongFieldCount() throws IOException {
        training(false, "7,12,True");
        Files.writeString(root.resolve("boneage-training-dataset.csv"), "id,boneage,male\n7,12\n");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).build())
                .hasMessageContaining("line 2: expected 3 fields");
    }

    @Test
    void corruptTinyAndUnreadableImages() throws IOException {
        training(false, "1,12,True", "2,13,True", "3,14,False", "4,15,True");
        Path images = root.resolve("boneage-training-dataset");
        image(images.resolve("4.png"), 8193, 32, 0);
        Files.write(
                images.resolve("1.png"), new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10, 0, 0});
        image(images.resolve("2.png"), 31, 64, 3);
        Files.writeString(images.resolve("3.png"), "hello, I am text");
        RsnaDataset ds = RsnaDataset.builder().root(root).resolution(32).build();
        assertThatThrownBy(() -> ds.load(0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("1.png")
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> ds.load(1))
                .hasMessageContaining(
                        "2.png: image is 31x64 pixels, smaller than the minimum 32x32");
        assertThatThrownBy(() -> ds.load(2)).hasMessageContaining("3.png: not a readable image");
    }

    @Test
    void resolutionMustBeAPowerOfTwo() throws IOException {
        training(false, "1,12,True");
        assertThatThrownBy(() -> RsnaDataset.builder().root(root).resolution(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolution must be a power of two")
                .hasMessageContaining("got 100");
    }

    private void deleteAll() throws IOException {
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .filter(p -> !p.equals(root))
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
        }
    }
}
