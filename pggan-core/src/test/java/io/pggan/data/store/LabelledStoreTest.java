package io.pggan.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.data.ImageSource;
import io.pggan.data.LabeledMinibatch;
import io.pggan.data.folder.ImageFolder;
import io.pggan.data.labels.LabelSpec;
import io.pggan.data.labels.LabelTable;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.data.rsna.RsnaDataset;
import io.pggan.engine.PgganEngine;
import io.pggan.io.ImagePng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels through the store: phantoms, RSNA and a labels.csv feed it; minibatches carry them. */
class LabelledStoreTest {
    private static final LabelSpec SPEC = LabelSpec.ageAndSex();
    @TempDir Path dir;

    @Test
    void phantomLabelsTravelWithTheirImagesIntoMinibatches() {
        HandPhantoms p = HandPhantoms.builder().seed(4).resolution(16).build();
        MultiResolutionStore built =
                MultiResolutionStore.builder()
                        .source(p.asSource(6))
                        .labels(SPEC)
                        .folder(dir.resolve("s"))
                        .progress(false)
                        .build();
        assertThat(Files.exists(dir.resolve("s").resolve(LabelTable.FILE))).isTrue();
        MultiResolutionStore store = MultiResolutionStore.open(dir.resolve("s"), false);
        LabelTable t = store.labels();
        for (int i = 0; i < 6; i++) {
            assertThat(t.raw(i))
                    .containsExactly(p.sex(i) == io.pggan.data.Sex.MALE ? 1 : 0, p.ageMonths(i));
        }
        try (NDManager m = NDManager.newBaseManager(PgganEngine.start(2).device())) {
            LabeledMinibatch mb = store.labeledMinibatch(m, 8, 5, new Random(11));
            NDArray plain = store.minibatch(m, 8, 5, new Random(11));
            assertThat(mb.images().toFloatArray()).containsExactly(plain.toFloatArray());
            float[] images = mb.images().toFloatArray();
            float[] labels = mb.labels().toFloatArray();
            for (int b = 0; b < 5; b++) {
                // find the image's index by its pixels, then its label vector must be that row's
                float[] img = java.util.Arrays.copyOfRange(images, b * 64, (b + 1) * 64);
                int idx = -1;
                for (int i = 0; i < 6; i++) {
                    if (java.util.Arrays.equals(store.image(i, 8), img)) {
                        idx = i;
                    }
                }
                assertThat(idx).isNotNegative();
                assertThat(java.util.Arrays.copyOfRange(labels, b * 3, b * 3 + 3))
                        .containsExactly(t.encoded(idx));
            }
        }
        // rebuilt without labels: the old labels file goes
        MultiResolutionStore.builder()
                .source(p.asSource(2))
                .folder(dir.resolve("s"))
                .progress(false)
                .build();
        assertThat(MultiResolutionStore.open(dir.resolve("s"), false).labels()).isNull();
    }

    @Test
    void aSourceWithoutLabelsIsRefusedNamingTheImage() {
        ImageSource noLabels =
                new ImageSource() {
                    public int size() {
                        return 2;
                    }

                    public int resolution() {
                        return 8;
                    }

                    public float[] load(int i) {
                        return new float[64];
                    }

                    public String describe(int i) {
                        return "blank " + i;
                    }
                };
        assertThatThrownBy(
                        () ->
                                MultiResolutionStore.builder()
                                        .source(noLabels)
                                        .labels(SPEC)
                                        .folder(dir.resolve("x"))
                                        .progress(false)
                                        .build())
                .hasMessage("blank 0: no labels, but the model is conditional on [sex, age]");
        assertThat(Files.exists(dir.resolve("x").resolve(MultiResolutionStore.HEADER))).isFalse();
    }

    @Test
    void rsnaColumnsAndALabelsCsvFeedTheStore() throws Exception {
        Path images = dir.resolve("boneage-training-dataset");
        Files.createDirectories(images);
        Files.writeString(
                dir.resolve("boneage-training-dataset.csv"),
                "id,boneage,male\n1377,180,False\n1378,12,True\n");
        for (String id : new String[] {"1377", "1378"}) {
            ImagePng.writeGray(images.resolve(id + ".png"), new float[32 * 32], 32, 32);
        }
        RsnaDataset rsna = RsnaDataset.builder().root(dir).resolution(8).build();
        MultiResolutionStore store =
                MultiResolutionStore.builder()
                        .source(rsna)
                        .labels(SPEC)
                        .folder(dir.resolve("rsna-store"))
                        .progress(false)
                        .build();
        assertThat(store.labels().raw(0)).containsExactly(0, 180);
        assertThat(store.labels().raw(1)).containsExactly(1, 12);

        Files.writeString(
                images.resolve("labels.csv"), "file,sex,age\n1377.png,M,30\n1378.png,F,40\n");
        ImageFolder folder = ImageFolder.builder().folder(images).resolution(8).build();
        MultiResolutionStore fromCsv =
                MultiResolutionStore.builder()
                        .source(folder)
                        .labels(folder.labels(SPEC))
                        .folder(dir.resolve("csv-store"))
                        .progress(false)
                        .build();
        assertThat(fromCsv.labels().raw(0)).containsExactly(1, 30);
        assertThat(fromCsv.labels().raw(1)).containsExactly(0, 40);
        // a labels file for another number of images is refused on opening

        Files.move(
                dir.resolve("csv-store").resolve(LabelTable.FILE),
                dir.resolve("csv-store").resolve(LabelTable.FILE + ".bak"));
        LabelTable.constant(SPEC, 3, io.pggan.data.labels.Labels.of(1, io.pggan.data.Sex.MALE))
                .write(dir.resolve("csv-store").resolve(LabelTable.FILE));
        assertThatThrownBy(() -> MultiResolutionStore.open(dir.resolve("csv-store"), false))
                .hasMessageContaining("has 3 rows but the store has 2 images");
    }
}
