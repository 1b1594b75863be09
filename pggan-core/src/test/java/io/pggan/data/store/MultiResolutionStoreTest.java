package io.pggan.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.data.DataException;
import io.pggan.data.ImageSource;
import io.pggan.data.phantom.HandPhantoms;
import io.pggan.engine.PgganEngine;
import io.pggan.io.ImagePng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiResolutionStoreTest {
    @TempDir Path dir;

    /** Random images that count how often each is loaded. */
    static final class CountingSource implements ImageSource {
        final int count;
        final int res;
        final AtomicIntegerArray loads;

        CountingSource(int count, int res) {
            this.count = count;
            this.res = res;
            this.loads = new AtomicIntegerArray(count);
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public int resolution() {
            return res;
        }

        @Override
        public float[] load(int index) {
            loads.incrementAndGet(index);
            return pixels(index, res);
        }

        static float[] pixels(int index, int res) {
            Random r = new Random(index);
            float[] px = new float[res * res];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat() * 2 - 1;
            }
            // A left-right asymmetric marker so mirroring is visible.
            px[0] = 1f;
            px[res - 1] = -1f;
            return px;
        }

        @Override
        public String describe(int index) {
            return "random " + index;
        }
    }

    @Test
    void everyLevelIsTheBoxFilteredImageAndEachImageIsDecodedOnce() {
        CountingSource src = new CountingSource(13, 32);
        MultiResolutionStore store =
                MultiResolutionStore.builder()
                        .source(src)
                        .folder(dir)
                        .threads(2)
                        .progress(false)
                        .build();
        assertThat(store.size()).isEqualTo(13);
        assertThat(store.maxResolution()).isEqualTo(32);
        assertThat(store.channels()).isEqualTo(1);
        for (int i = 0; i < 13; i++) {
            assertThat(src.loads.get(i)).as("decodes of image %d", i).isEqualTo(1);
        }
        for (int i = 0; i < 13; i++) {
            float[] level = CountingSource.pixels(i, 32);
            int side = 32;
            while (true) {
                // Exact: the official quantisation of the unquantised float box filter.
                assertThat(store.imageBytes(i, side)).isEqualTo(ImagePng.toBytes(level));
                if (side == 4) {
                    break;
                }
                // Within rounding: the box filter of the stored level above.
                byte[] above = store.imageBytes(i, side);
                float[] aboveF = new float[above.length];
                for (int k = 0; k < above.length; k++) {
                    aboveF[k] = ImagePng.toFloat(above[k] & 0xFF);
                }
                byte[] below = ImagePng.toBytes(MultiResolutionStore.halve(aboveF, side));
                level = MultiResolutionStore.halve(level, side);
                side /= 2;
                byte[] stored = store.imageBytes(i, side);
                for (int k = 0; k < stored.length; k++) {
                    assertThat(Math.abs((stored[k] & 0xFF) - (below[k] & 0xFF)))
                            .isLessThanOrEqualTo(1);
                }
            }
        }
        // The header is readable JSON and a reopened store serves the same bytes.
        String header = readString(dir.resolve("store.json"));
        assertThat(header)
                .contains("\"count\" : 13")
                .contains("\"dtype\" : \"uint8\"")
                .contains("r05.bin");
        MultiResolutionStore again = MultiResolutionStore.open(dir, false);
        assertThat(again.imageBytes(5, 8)).isEqualTo(store.imageBytes(5, 8));
    }

    @Test
    void minibatchesHaveTheRightShapeRangeAndContent() {
        CountingSource src = new CountingSource(6, 16);
        MultiResolutionStore store =
                MultiResolutionStore.builder().source(src).folder(dir).progress(false).build();
        PgganEngine engine = PgganEngine.start();
        try (NDManager m = NDManager.newBaseManager(engine.device())) {
            for (int res : new int[] {4, 8, 16}) {
                NDArray b = store.minibatch(m, res, 5, new Random(1));
                assertThat(b.getShape()).isEqualTo(new Shape(5, 1, res, res));
                float[] v = b.toFloatArray();
                for (float x : v) {
                    assertThat(x).isBetween(-1f, 1f);
                }
                // Image 0 of the batch is the stored image chosen by the same random draws.
                int first = new Random(1).nextInt(6);
                float[] expect = store.image(first, res);
                for (int k = 0; k < expect.length; k++) {
                    assertThat(v[k]).isEqualTo(expect[k]);
                }
            }
            assertThatThrownBy(() -> store.minibatch(m, 32, 1, new Random()))
                    .hasMessageContaining("power of two from 4 to 16, got 32");
            assertThatThrownBy(() -> store.minibatch(m, 12, 1, new Random()))
                    .hasMessageContaining("got 12");
            assertThatThrownBy(() -> store.minibatch(m, 8, 0, new Random()))
                    .hasMessageContaining("batchSize");
        }
    }

    @Test
    void mirroringIsOffByDefaultAndFlipsLeftRightWhenOn() {
        CountingSource src = new CountingSource(1, 8);
        MultiResolutionStore.builder().source(src).folder(dir).progress(false).build();
        PgganEngine engine = PgganEngine.start();
        try (NDManager m = NDManager.newBaseManager(engine.device())) {
            MultiResolutionStore plain = MultiResolutionStore.open(dir, false);
            MultiResolutionStore mirrored = MultiResolutionStore.open(dir, true);
            float[] original = plain.image(0, 8);
            float[] a = plain.minibatch(m, 8, 40, new Random(3)).toFloatArray();
            float[] b = mirrored.minibatch(m, 8, 40, new Random(3)).toFloatArray();
            int flipped = 0;
            for (int n = 0; n < 40; n++) {
                assertThat(a[n * 64]).isEqualTo(1f); // never mirrored
                boolean isFlipped = b[n * 64] == -1f;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        float expect = original[y * 8 + (isFlipped ? 7 - x : x)];
                        assertThat(b[n * 64 + y * 8 + x]).isEqualTo(expect);
                    }
                }
                flipped += isFlipped ? 1 : 0;
            }
            assertThat(flipped).isBetween(8, 32);
        }
    }

    @Test
    void buildsFromPhantomsDirectly() {
        HandPhantoms p = HandPhantoms.builder().seed(4).resolution(32).build();
        MultiResolutionStore store =
                MultiResolutionStore.builder()
                        .source(p.asSource(3))
                        .folder(dir)
                        .progress(false)
                        .build();
        assertThat(store.image(2, 32)).containsExactly(p.render(2).pixels());
    }

    @Test
    void rejectsBrokenStores() throws Exception {
        MultiResolutionStore.builder()
                .source(new CountingSource(2, 8))
                .folder(dir)
                .progress(false)
                .build();
        Path header = dir.resolve("store.json");
        String good = readString(header);
        Files.writeString(header, good.replace("\"count\" : 2", "\"count\" : 3"));
        assertThatThrownBy(() -> MultiResolutionStore.open(dir, false))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("r02.bin: level file has 32 bytes")
                .hasMessageContaining("3 images of 4x4 = 48 bytes");
        Files.writeString(header, good.replace("\"resolution\" : 8,", "\"resolution\" : 12,"));
        assertThatThrownBy(() -> MultiResolutionStore.open(dir, false))
                .hasMessageContaining("store.json: field 'resolution' is 12");
        Files.writeString(header, good.replace("r02.bin", "../r02.bin"));
        assertThatThrownBy(() -> MultiResolutionStore.open(dir, false))
                .hasMessageContaining(
                        "field 'levels[0].file' '../r02.bin' is not a plain file name");
        Files.writeString(header, "{ not json");
        assertThatThrownBy(() -> MultiResolutionStore.open(dir, false))
                .hasMessageContaining("store.json: not a valid store header");
        assertThatThrownBy(() -> MultiResolutionStore.open(dir.resolve("none"), false))
                .hasMessageContaining("store header does not exist");
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
