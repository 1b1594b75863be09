package io.pggan.metrics.msssim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.metrics.Fixtures;
import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import java.util.List;
import org.junit.jupiter.api.Test;

class MsSsimTest {
    private final MsSsim ms = MsSsim.pggan();

    @Test
    void identicalImagesScoreOneAndTilingDoesNotChangeTheValue() {
        Uint8Images a = TestImages.random(4, 1, 32, 32, 1);
        assertThat(ms.score(a, 2, a, 2)).isCloseTo(1.0, within(1e-12));
        Uint8Images b = TestImages.random(4, 1, 32, 32, 2);
        assertThat(ms.score(a.tileToRgb(), 0, b.tileToRgb(), 1))
                .isCloseTo(ms.score(a, 0, b, 1), within(1e-12));
    }

    @Test
    void streamingDiversityEqualsConsecutivePairsOfTheWholeSet() {
        Uint8Images a = Fixtures.images("img_small_a.npy");
        double whole = ms.consecutivePairs(a).mean();
        double streamed = ms.diversity(List.of(a.slice(0, 8), a.slice(8, a.count())).iterator());
        assertThat(streamed).isCloseTo(whole, within(1e-12));
    }

    @Test
    void randomPairsAreDistinctSeededAndInRange() {
        int[][] p = MsSsim.randomPairIndices(10, 200, 7);
        assertThat(MsSsim.randomPairIndices(10, 200, 7)).isDeepEqualTo(p);
        for (int[] q : p) {
            assertThat(q[0]).isBetween(0, 9).isNotEqualTo(q[1]);
            assertThat(q[1]).isBetween(0, 9);
        }
        Uint8Images a = TestImages.random(10, 1, 16, 16, 3);
        MsSsimResult r = ms.randomPairs(a, 20, 7);
        p = MsSsim.randomPairIndices(10, 20, 7);
        assertThat(r.pairCount()).isEqualTo(20);
        assertThat(r.perPair()[0]).isCloseTo(ms.score(a, p[0][0], a, p[0][1]), within(1e-15));
    }

    @Test
    void badInputsGetClearErrors() {
        Uint8Images a = TestImages.random(3, 1, 32, 32, 1);
        assertThatThrownBy(() -> ms.consecutivePairs(a))
                .hasMessageContaining("even")
                .hasMessageContaining("3");
        Uint8Images small = TestImages.random(2, 1, 8, 8, 1);
        assertThatThrownBy(() -> ms.consecutivePairs(small))
                .hasMessageContaining("too small for 5 scales")
                .hasMessageContaining("[2, 1, 8, 8]");
        Uint8Images odd = TestImages.random(2, 1, 40, 36, 1);
        assertThatThrownBy(() -> ms.consecutivePairs(odd)).hasMessageContaining("divisible by 16");
        Uint8Images other = TestImages.random(3, 1, 64, 64, 1);
        assertThatThrownBy(() -> ms.aligned(a, other))
                .hasMessageContaining("[3, 1, 32, 32]")
                .hasMessageContaining("[3, 1, 64, 64]");
        assertThatThrownBy(() -> ms.givenPairs(a, new int[][] {{0, 5}}))
                .hasMessageContaining("pair 0");
    }
}
