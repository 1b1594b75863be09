package io.pggan.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureStatisticsMergeTest {
    private static double[][] rows(int n, int d, long seed, double offset) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = offset + r.nextGaussian() * (j + 1);
            }
        }
        return x;
    }

    @Test
    void mergedPartsEqualTheWhole() {
        double[][] all = rows(300, 6, 1, 1e4);
        FeatureStatistics whole = FeatureStatistics.of(all);
        FeatureStatistics a = FeatureStatistics.of(Arrays.copyOfRange(all, 0, 40));
        a.merge(FeatureStatistics.of(Arrays.copyOfRange(all, 40, 211)));
        a.merge(FeatureStatistics.of(Arrays.copyOfRange(all, 211, 300)));
        a.merge(new FeatureStatistics(6));
        assertThat(a.count()).isEqualTo(300);
        assertThat(a.mean()).containsExactly(whole.mean(), within(1e-9));
        assertThat(a.covariance()).containsExactly(whole.covariance(), within(1e-7));
        assertThat(a.keptRows()).isNull();
    }

    @Test
    void fewRowsStayKeptForTheExactSingularFid() {
        double[][] all = rows(5, 8, 2, 0);
        FeatureStatistics a = FeatureStatistics.of(Arrays.copyOfRange(all, 0, 2));
        a.merge(FeatureStatistics.of(Arrays.copyOfRange(all, 2, 5)));
        assertThat(a.keptRows()).containsExactly(FeatureStatistics.of(all).keptRows());
        FeatureStatistics other = FeatureStatistics.of(rows(6, 8, 3, 0.5));
        double merged = FidCalculator.compute(a, other).fid();
        double whole = FidCalculator.compute(FeatureStatistics.of(all), other).fid();
        assertThat(merged).isGreaterThan(1.0).isCloseTo(whole, within(1e-7 * whole));
        assertThatThrownBy(() -> a.merge(new FeatureStatistics(3)))
                .hasMessageContaining("3-dimensional");
    }
}
