package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GsAverageTest {

    @Test
    void perStepBetaIsTheOfficialConstant() {
        GsAverage a = GsAverage.official();
        assertThat(a.isHalfLife()).isFalse();
        assertThat(a.beta(0, 16)).isEqualTo(0.999);
        assertThat(a.beta(12_000_000, 4)).isEqualTo(0.999);
        assertThat(GsAverage.perStep(0.99).beta(123, 64)).isEqualTo(0.99);
    }

    /** stylegan2-ada: beta = 0.5 ^ (batch / max(min(kimg * 1000, nimg * rampup), 1e-8)). */
    private static double formula(double kimg, double rampup, long nimg, int batch) {
        double h = kimg * 1000;
        if (rampup > 0) {
            h = Math.min(h, nimg * rampup);
        }
        return Math.pow(0.5, batch / Math.max(h, 1e-8));
    }

    @Test
    void halfLifeBetaFollowsItsFormula() {
        GsAverage a = GsAverage.halfLife(10, 0.05);
        long[] nimgs = {0, 16, 1000, 50_000, 199_984, 200_000, 200_016, 1_000_000};
        int[] batches = {1, 4, 16, 32};
        for (long nimg : nimgs) {
            for (int b : batches) {
                assertThat(a.beta(nimg, b))
                        .as("nimg %d batch %d", nimg, b)
                        .isCloseTo(formula(10, 0.05, nimg, b), within(1e-15));
            }
        }
        // The first step copies G (beta 0); the ramp-up ends at nimg = 10 kimg / 0.05 = 200 kimg.
        assertThat(a.beta(0, 16)).isZero();
        assertThat(a.halfLifeImages(100_000)).isEqualTo(5_000);
        assertThat(a.halfLifeImages(200_000)).isEqualTo(10_000);
        assertThat(a.halfLifeImages(5_000_000)).isEqualTo(10_000);
        // Without ramp-up: a constant half-life in images, whatever the minibatch.
        GsAverage flat = GsAverage.halfLife(2, 0);
        assertThat(flat.beta(0, 16)).isCloseTo(Math.pow(0.5, 16 / 2000.0), within(1e-15));
        assertThat(Math.pow(flat.beta(0, 16), 2000 / 16.0)).isCloseTo(0.5, within(1e-12));
        assertThat(Math.pow(flat.beta(0, 4), 2000 / 4.0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void officialHalfLifeAtMinibatch16IsAbout11Kimg() {
        // Spec section 7: 0.999 per step at minibatch 16 is a half-life of about 11 kimg.
        double steps = Math.log(0.5) / Math.log(0.999);
        assertThat(steps * 16 / 1000).isCloseTo(11.08, within(0.01));
    }

    @Test
    void initialWeightIsTheProductOfTheBetas() {
        TrainingSchedule s = TrainingSchedule.shortRun(3, 21, 16); // the 32x32 run
        // 21 kimg at 16 per step = 1312.5 -> 1313 steps of 0.999.
        double w = GsAverage.official().initialWeight(s, 32, 1);
        assertThat(w).isCloseTo(Math.pow(0.999, 1313), within(1e-9));
        assertThat(GsAverage.official().mismatch(s, 32, 1))
                .contains("27 %")
                .contains("21.0 kimg")
                .contains("halfLifeKimg");
        // The first step of a ramped half-life copies G: nothing of the initial G is left.
        assertThat(GsAverage.halfLife(10, 0.05).initialWeight(s, 32, 1)).isZero();
        assertThat(GsAverage.halfLife(10, 0.05).mismatch(s, 32, 1)).isNull();
        // A half-life of 100 kimg without ramp-up, over 21 kimg: 0.5^(21/100) of G0 remains.
        assertThat(GsAverage.halfLife(100, 0).initialWeight(s, 32, 1))
                .isCloseTo(Math.pow(0.5, 21.008 / 100), within(1e-6));
        assertThat(GsAverage.halfLife(100, 0).mismatch(s, 32, 1)).isNotNull();
        // 0.99 per step over 45 kimg (the study's default before): long forgotten.
        assertThat(GsAverage.perStep(0.99).mismatch(TrainingSchedule.shortRun(5, 45, 16), 64, 1))
                .isNull();
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> new GsAverage(1.0, 0, 0))
                .hasMessageContaining("optimizer.gsAverage.stepBeta");
        assertThatThrownBy(() -> new GsAverage(0.9, -1, 0))
                .hasMessageContaining("optimizer.gsAverage.halfLifeKimg");
        assertThatThrownBy(() -> new GsAverage(0.9, 1, Double.NaN))
                .hasMessageContaining("optimizer.gsAverage.rampup");
        assertThatThrownBy(() -> GsAverage.halfLife(0, 0.05))
                .hasMessageContaining("optimizer.gsAverage.halfLifeKimg");
    }
}
