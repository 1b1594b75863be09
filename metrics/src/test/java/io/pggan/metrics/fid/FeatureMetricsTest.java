package io.pggan.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.metrics.Fixtures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureMetricsTest {
    static double[][] gaussian(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[][] f = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                f[i][j] = r.nextGaussian() * (1 + 0.1 * j) + shift;
            }
        }
        return f;
    }

    @Test
    void fidOfASetWithItselfIsZeroAndStreamingEqualsBatch() {
        double[][] a = Fixtures.matrix("feat_high_a.npy");
        FidResult self = FidCalculator.compute(a, a);
        // zero to rounding: relative to the size of the terms that cancel (N < D here, the
        // eigenvalues of (L^T L)^2 carry about 1e-10 relative round-off)
        assertThat(self.fid()).isCloseTo(0.0, within(1e-9 * (self.traceS1() + self.traceS2())));
        double[][] low = gaussian(500, 32, 1e4, 3);
        assertThat(FidCalculator.compute(low, low).fid()).isCloseTo(0.0, within(1e-7));
        // streamed in uneven batches, with a large offset (stable accumulation)
        FeatureStatistics s = new FeatureStatistics(32);
        for (int i = 0; i < low.length; i += 77) {
            int n = Math.min(77, low.length - i);
            double[] flat = new double[n * 32];
            for (int r = 0; r < n; r++) {
                System.arraycopy(low[i + r], 0, flat, r * 32, 32);
            }
            s.add(flat, n);
        }
        double[][] other = gaussian(400, 32, 1e4 + 0.5, 4);
        double batch = FidCalculator.compute(low, other).fid();
        double streamed = FidCalculator.compute(s, FeatureStatistics.of(other)).fid();
        assertThat(streamed).isCloseTo(batch, within(1e-8 * batch));
        // one dimension shifted by 0.5 on 32: mean part alone is 32 * 0.25
        assertThat(batch).isGreaterThan(7.0);
    }

    @Test
    void kidIsUnbiasedForTwoSamplesOfOneDistribution() {
        double[][] a = gaussian(1000, 16, 0, 1);
        double[][] b = gaussian(1000, 16, 0, 2);
        KidCalculator kid = KidCalculator.builder().subsets(50).subsetSize(200).build();
        KidResult same = kid.compute(a, b);
        KidResult shifted = kid.compute(a, gaussian(1000, 16, 1.0, 3));
        // the unbiased estimator can be negative; its mean is within noise of 0
        assertThat(Math.abs(same.mean())).isLessThan(3 * same.std() / Math.sqrt(50) + 1e-3);
        assertThat(shifted.mean()).isGreaterThan(10 * same.std());
        KidResult f32 =
                KidCalculator.builder()
                        .subsets(50)
                        .subsetSize(200)
                        .float32Kernels(true)
                        .build()
                        .compute(a, b);
        assertThat(f32.mean()).isCloseTo(same.mean(), within(1e-4));
    }

    @Test
    void precisionAndRecallSeparateCoveredAndDisjointSets() {
        double[][] real = gaussian(300, 8, 0, 1);
        PrecisionRecallResult self = PrecisionRecall.compute(real, real);
        assertThat(self.precision()).isEqualTo(1.0);
        assertThat(self.recall()).isEqualTo(1.0);
        PrecisionRecallResult far = PrecisionRecall.compute(real, gaussian(300, 8, 100, 2));
        assertThat(far.precision()).isZero();
        assertThat(far.recall()).isZero();
        // mode collapse: fakes all near one real point -> high precision, low recall
        double[][] collapsed = new double[50][8];
        Random r = new Random(4);
        for (double[] row : collapsed) {
            for (int j = 0; j < 8; j++) {
                row[j] = real[0][j] + 1e-3 * r.nextGaussian();
            }
        }
        PrecisionRecallResult c = PrecisionRecall.compute(real, collapsed);
        assertThat(c.precision()).isEqualTo(1.0);
        assertThat(c.recall()).isLessThan(0.1);
        assertThat(c.k()).isEqualTo(3);
    }

    @Test
    void badInputsGetClearErrors() {
        double[][] a = gaussian(10, 4, 0, 1);
        double[][] nan = gaussian(10, 4, 0, 2);
        nan[3][2] = Double.NaN;
        assertThatThrownBy(() -> FidCalculator.compute(a, nan))
                .hasMessageContaining("[3, 2]")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> FidCalculator.compute(a, gaussian(10, 5, 0, 2)))
                .hasMessageContaining("dimensions differ: 4 vs 5");
        assertThatThrownBy(() -> FidCalculator.compute(a, gaussian(1, 4, 0, 2)))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> KidCalculator.torchFidelity().compute(a, a))
                .hasMessageContaining("subset size 1000")
                .hasMessageContaining("has 10 feature rows");
        assertThatThrownBy(() -> PrecisionRecall.compute(a, gaussian(3, 4, 0, 2)))
                .hasMessageContaining("at least 4");
        assertThatThrownBy(() -> InceptionScore.compute(a, false, 20, null))
                .hasMessageContaining("at least 20");
        FeatureStatistics s = new FeatureStatistics(2);
        assertThatThrownBy(() -> s.add(new double[] {1, Double.NaN}, 1))
                .hasMessageContaining("[0, 1]");
    }
}
