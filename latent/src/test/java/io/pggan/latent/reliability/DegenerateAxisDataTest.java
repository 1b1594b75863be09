package io.pggan.latent.reliability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.latent.axis.AxisMethod;
import io.pggan.latent.axis.LatentAxisFinder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: degenerate labels make the axis search say what is wrong instead of returning an empty
 * or non-finite axis.
 */
class DegenerateAxisDataTest {
    static Stream<AxisMethod> methods() {
        return Stream.of(
                AxisMethod.lassoCv(), AxisMethod.ols(), AxisMethod.svm(), AxisMethod.pca());
    }

    static float[][] latents(int n, int dim) {
        Random r = new Random(1);
        float[][] z = new float[n][dim];
        for (float[] row : z) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return z;
    }

    static LatentAxisFinder finder(AxisMethod m) {
        return LatentAxisFinder.builder().model("m", 8).method(m).seed(3).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void allEqualAgesAreRefused(AxisMethod m) {
        double[] months = new double[200];
        Arrays.fill(months, 120);
        assertThatThrownBy(() -> finder(m).fit(latents(200, 8), months, latents(200, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("120");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aSingleSampleIsRefused(AxisMethod m) {
        assertThatThrownBy(() -> finder(m).fit(latents(1, 8), new double[] {100}, latents(1, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 sample");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void nonFiniteAgesAndLatentsAreRefused(AxisMethod m) {
        double[] months = new double[50];
        Arrays.setAll(months, i -> i);
        months[7] = Double.NaN;
        assertThatThrownBy(() -> finder(m).fit(latents(50, 8), months, latents(50, 8)))
                .hasMessageContaining("row 7");
        months[7] = 7;
        float[][] z = latents(50, 8);
        z[9][2] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> finder(m).fit(z, months, latents(50, 8)))
                .hasMessageContaining("row 9");
    }
}
