package io.pggan.metrics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.fid.FidCalculator;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.metrics.swd.SlicedWasserstein;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: non-finite and degenerate images make the metrics say what is wrong instead of
 * returning NaN.
 */
class DegenerateImagesTest {
    @Test
    void nanOrInfinitePixelsAreRefusedNamingTheElement() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (float bad :
                    new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] px = new float[2 * 16 * 16];
                px[300] = bad;
                var images = m.create(px, new Shape(2, 1, 16, 16));
                assertThatThrownBy(() -> Uint8Images.fromSigned(images))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("element 300")
                        .hasMessageContaining(String.valueOf(bad));
            }
        }
    }

    @Test
    void constantImagesGiveAFiniteMsSsimAndAClearSwdError() {
        byte[] gray = new byte[4 * 32 * 32];
        java.util.Arrays.fill(gray, (byte) 128);
        Uint8Images flat = Uint8Images.of(gray, 4, 1, 32, 32);
        double s = MsSsim.pggan().consecutivePairs(flat).mean();
        assertThat(s).isFinite().isEqualTo(1.0);
        // SWD normalises descriptors by their spread: a constant set has none, and says so
        Uint8Images noise = TestImages.random(4, 1, 32, 32, 1);
        assertThatThrownBy(() -> SlicedWasserstein.pggan().compute(flat, noise, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constant");
    }

    @Test
    void oneImageIsRefusedWhereStatisticsNeedMore() {
        double[][] one = {{1, 2, 3}};
        double[][] many = {{1, 2, 3}, {2, 3, 4}, {0, 1, 0}};
        assertThatThrownBy(() -> FidCalculator.compute(one, many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 feature rows");
        Uint8Images single = TestImages.random(1, 1, 32, 32, 2);
        assertThatThrownBy(() -> MsSsim.pggan().consecutivePairs(single))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
