package io.pggan.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class Uint8ImagesTest {
    @Test
    void signedImagesAreQuantisedLikePggan() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = {-1f, -2f, 1f, 3f, 0f, 1f / 127.5f * 0.5f - 1f + 0f, 0.5f, -0.996078431f};
            Uint8Images img = Uint8Images.fromSigned(m.create(v, new Shape(1, 1, 2, 4)));
            assertThat(img.at(0)).isZero();
            assertThat(img.at(1)).isZero();
            assertThat(img.at(2)).isEqualTo(255);
            assertThat(img.at(3)).isEqualTo(255);
            assertThat(img.at(4)).isEqualTo(128); // rint(127.5) = 128 (half to even)
            assertThat(img.at(6)).isEqualTo(191); // 0.5 * 127.5 + 127.5 = 191.25
            assertThat(img.at(7)).isEqualTo(0); // 0.5 rounds to 0 (half to even)
            assertThatThrownBy(
                            () ->
                                    Uint8Images.fromSigned(
                                            m.create(
                                                    new float[] {Float.NaN},
                                                    new Shape(1, 1, 1, 1))))
                    .hasMessageContaining("NaN");
        }
    }

    @Test
    void shapesAreChecked() {
        assertThatThrownBy(() -> Uint8Images.of(new byte[10], 1, 1, 3, 3))
                .hasMessageContaining("needs 9");
        assertThatThrownBy(() -> Uint8Images.of(new byte[8], 1, 2, 2, 2))
                .hasMessageContaining("C = 2");
        Uint8Images a = TestImages.random(3, 1, 4, 4, 1);
        assertThat(a.tileToRgb().get(2, 2, 3, 1)).isEqualTo(a.get(2, 0, 3, 1));
        assertThat(Uint8Images.concat(java.util.List.of(a, a)).count()).isEqualTo(6);
    }
}
