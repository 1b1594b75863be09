package io.pggan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BilinearTest {
    @Test
    void matchesPytorchBilinearWithoutAlignedCorners() {
        // torch.nn.functional.interpolate(x, size=4, mode="bilinear", align_corners=False)
        float[] in = {0, 1, 2, 3};
        float[] out = Bilinear.resize(in, 1, 2, 2, 4, 4);
        float[] expected = {
            0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f,
            2.75f, 3f
        };
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("value %d", i).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void keepsConstantPlanesAndTheRange() {
        float[] in = new float[2 * 8 * 8];
        for (int i = 0; i < 64; i++) {
            in[i] = -1f;
            in[64 + i] = (i % 8) / 7f * 2 - 1;
        }
        float[] out = Bilinear.resize(in, 2, 8, 8, 20, 20);
        assertThat(out).hasSize(2 * 400);
        for (int i = 0; i < 400; i++) {
            assertThat(out[i]).isEqualTo(-1f);
            assertThat(out[400 + i]).isBetween(-1f, 1f);
        }
        // the horizontal ramp stays a ramp: values grow along a row
        for (int x = 1; x < 20; x++) {
            assertThat(out[400 + x]).isGreaterThanOrEqualTo(out[400 + x - 1]);
        }
    }

    @Test
    void refusesAWrongLength() {
        assertThatThrownBy(() -> Bilinear.resize(new float[10], 1, 3, 3, 6, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 values");
    }
}
