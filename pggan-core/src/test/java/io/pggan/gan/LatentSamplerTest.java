package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatentSamplerTest {
    @Test
    void eachIndexIsOneVectorComputedAlone() {
        float[] block = LatentSampler.latents(42, 1000, 5, 7);
        for (int i = 0; i < 5; i++) {
            assertThat(Arrays.copyOfRange(block, i * 7, (i + 1) * 7))
                    .containsExactly(LatentSampler.latent(42, 1000 + i, 7));
        }
        assertThat(LatentSampler.latent(42, 123_456, 512))
                .containsExactly(LatentSampler.latent(42, 123_456, 512))
                .isNotEqualTo(LatentSampler.latent(43, 123_456, 512));
        // An odd length is the prefix of the next even one (pairs of Box-Muller values).
        assertThat(LatentSampler.latent(3, 9, 5))
                .containsExactly(Arrays.copyOf(LatentSampler.latent(3, 9, 6), 5));
    }

    @Test
    void valuesAreStandardNormal() {
        float[] v = LatentSampler.latents(1, 0, 4000, 64);
        double sum = 0;
        double sq = 0;
        int beyond2 = 0;
        for (float x : v) {
            sum += x;
            sq += x * x;
            if (Math.abs(x) > 1.959964) {
                beyond2++;
            }
        }
        double mean = sum / v.length;
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(sq / v.length - mean * mean).isCloseTo(1, within(0.02));
        assertThat(beyond2 / (double) v.length).isCloseTo(0.05, within(0.003));
    }
}
