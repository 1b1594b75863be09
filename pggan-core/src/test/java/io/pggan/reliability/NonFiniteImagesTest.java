package io.pggan.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.data.DataException;
import io.pggan.data.ImageSource;
import io.pggan.data.store.MultiResolutionStore;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a NaN or infinite pixel from an image source is refused when the training store is
 * built (it used to become a black pixel); a set of one constant image is a valid store.
 */
class NonFiniteImagesTest {
    @TempDir Path dir;

    static ImageSource source(int count, float value, int badIndex, float bad) {
        return new ImageSource() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int resolution() {
                return 8;
            }

            @Override
            public float[] load(int index) {
                float[] v = new float[64];
                Arrays.fill(v, value);
                if (index == badIndex) {
                    v[13] = bad;
                }
                return v;
            }

            @Override
            public String describe(int index) {
                return "image " + index;
            }
        };
    }

    @Test
    void nonFinitePixelsAreRefusedNamingTheImage() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(
                            () ->
                                    MultiResolutionStore.builder()
                                            .source(source(3, 0f, 2, bad))
                                            .folder(dir.resolve("s" + bad))
                                            .progress(false)
                                            .build())
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("image 2: pixel 13 is " + bad);
        }
    }

    @Test
    void oneConstantImageIsAValidStore() {
        try (MultiResolutionStore s =
                MultiResolutionStore.builder()
                        .source(source(1, 0.5f, -1, 0))
                        .folder(dir.resolve("one"))
                        .progress(false)
                        .build()) {
            assertThat(s.size()).isEqualTo(1);
            float[] img = s.image(0, 4);
            for (float v : img) {
                assertThat(v).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(0.005f));
            }
        }
    }
}
