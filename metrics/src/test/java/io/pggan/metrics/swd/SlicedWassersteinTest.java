package io.pggan.metrics.swd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.random.NumpyRandomState;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {
    @Test
    void identicalSetsWithTheSameCentresGiveZero() {
        Uint8Images a = TestImages.random(6, 1, 32, 32, 1);
        SlicedWasserstein swd = SlicedWasserstein.pggan();
        SwdResult r =
                swd.compute(
                        a,
                        a,
                        PatchCentres.numpy(new NumpyRandomState(1)),
                        PatchCentres.numpy(new NumpyRandomState(1)),
                        ProjectionDirections.numpy(new NumpyRandomState(2)));
        assertThat(r.resolutions()).containsExactly(32, 16);
        assertThat(r.perLevel()).containsOnly(0.0);
        SwdResult other = swd.compute(a, TestImages.random(6, 1, 32, 32, 9), 3);
        assertThat(other.average()).isPositive();
    }

    @Test
    void nativeAndTiledGrayDiffer() {
        Uint8Images a = TestImages.random(4, 1, 32, 32, 1);
        Uint8Images b = TestImages.random(4, 1, 32, 32, 2);
        double tile = SlicedWasserstein.pggan().compute(a, b, 5).average();
        double nat =
                SlicedWasserstein.builder()
                        .gray(GrayMode.NATIVE)
                        .build()
                        .compute(a, b, 5)
                        .average();
        assertThat(tile).isPositive();
        assertThat(nat).isPositive().isNotEqualTo(tile);
    }

    @Test
    void levelsFollowTheHeight() {
        SlicedWasserstein s = SlicedWasserstein.pggan();
        assertThat(s.resolutions(128)).containsExactly(128, 64, 32, 16);
        assertThat(s.resolutions(96)).containsExactly(96, 48, 24);
        assertThat(s.minibatchFor(128)).isEqualTo(64);
        assertThat(s.minibatchFor(16384)).isEqualTo(4);
    }

    @Test
    void badInputsGetClearErrors() {
        SlicedWasserstein s = SlicedWasserstein.pggan();
        Uint8Images a = TestImages.random(4, 1, 32, 32, 1);
        assertThatThrownBy(() -> s.compute(a, TestImages.random(4, 1, 64, 64, 1), 1))
                .hasMessageContaining("[4, 1, 32, 32]")
                .hasMessageContaining("[4, 1, 64, 64]");
        assertThatThrownBy(() -> s.compute(a, TestImages.random(5, 1, 32, 32, 1), 1))
                .hasMessageContaining("same number of images");
        Uint8Images tiny = TestImages.random(4, 1, 8, 8, 1);
        assertThatThrownBy(() -> s.compute(tiny, tiny, 1))
                .hasMessageContaining("too small for the Laplacian pyramid");
        Uint8Images odd = TestImages.random(2, 1, 64, 66, 1);
        assertThatThrownBy(() -> s.compute(odd, odd, 1)).hasMessageContaining("divisible by 4");
        assertThatThrownBy(
                        () ->
                                s.compute(
                                        a,
                                        a,
                                        PatchCentres.explicit(new int[][] {{0, 0}}),
                                        PatchCentres.explicit(new int[][] {{0, 0}}),
                                        ProjectionDirections.numpy(new NumpyRandomState(1))))
                .hasMessageContaining("patch centres");
    }
}
