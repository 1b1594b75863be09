package io.pggan.metrics.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pggan.metrics.linalg.DenseOps;
import io.pggan.metrics.linalg.LapackEigen;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LAPACK (PyTorch) eigenvalue route against the EJML route it replaces for N > D. */
class FidLapackRouteTest {
    /** EJML route: Cholesky (or eigen factor) of S1, then symmetric eigenvalues. */
    private static double ejmlTraceSqrt(double[] s1, double[] s2, int d) {
        double[] l = DenseOps.psdFactor(s1, d);
        double[] lt = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                lt[j * d + i] = l[i * d + j];
            }
        }
        double[] m = DenseOps.multiplyTransB(DenseOps.multiply(lt, d, d, s2, d), d, d, lt, d);
        DenseOps.symmetrize(m, d);
        double sum = 0;
        for (double v : DenseOps.symmetricEigenvalues(m, d)) {
            sum += Math.sqrt(Math.max(v, 0));
        }
        return sum;
    }

    @Test
    void lapackEigenvaluesMatchEjmlForFullRankCovariances() {
        int d = 40;
        FeatureStatistics a = FeatureStatistics.of(FeatureMetricsTest.gaussian(300, d, 5, 11));
        FeatureStatistics b = FeatureStatistics.of(FeatureMetricsTest.gaussian(250, d, 4, 12));
        Optional<double[]> ev =
                LapackEigen.choleskyProductEigenvalues(a.covariance(), b.covariance(), d);
        assertThat(ev).isPresent();
        assertThat(ev.get()).hasSize(d);
        double lapack = 0;
        for (double v : ev.get()) {
            assertThat(v).isGreaterThan(0); // both covariances are positive definite
            lapack += Math.sqrt(v);
        }
        double ejml = ejmlTraceSqrt(a.covariance(), b.covariance(), d);
        assertThat(lapack).isCloseTo(ejml, within(1e-11 * ejml));
        // FidCalculator takes the LAPACK route here and agrees with the EJML value
        assertThat(FidCalculator.traceSqrtProduct(b, a)).isCloseTo(ejml, within(1e-11 * ejml));
    }

    @Test
    void singularCovarianceWithManyRowsFallsBackToTheEigenFactor() {
        // N > D, but column 7 is constant: S1 has an exact zero row, so LAPACK's Cholesky fails
        // and FidCalculator takes EJML's eigen factor V sqrt(Lambda)
        checkSingular(7, true);
        // column 7 copies column 3: singular too, but round-off leaves a tiny positive pivot;
        // LAPACK's Cholesky then succeeds and the value is still right (as with the eigen factor,
        // the null space contributes about sqrt(eps) relative)
        checkSingular(3, false);
    }

    private static void checkSingular(int copyOf, boolean choleskyFails) {
        int d = 12;
        double[][] x = FeatureMetricsTest.gaussian(200, d, 1, 21);
        for (double[] row : x) {
            row[7] = copyOf == 7 ? 2.5 : row[copyOf];
        }
        double[][] y = FeatureMetricsTest.gaussian(300, d, 1.2, 22);
        FeatureStatistics a = FeatureStatistics.of(x);
        FeatureStatistics b = FeatureStatistics.of(y);
        assertThat(LapackEigen.choleskyProductEigenvalues(a.covariance(), b.covariance(), d))
                .matches(o -> o.isEmpty() == choleskyFails);
        double fallback = FidCalculator.traceSqrtProduct(a, b);
        // a factor of a singular S1 adds null-space noise of about sqrt(eps) relative
        double tol = 1e-8;
        assertThat(fallback)
                .isCloseTo(
                        ejmlTraceSqrt(a.covariance(), b.covariance(), d), within(tol * fallback));
        // exact reference on the full-rank 11-d problem: x = x' Q where Q copies column 3 into 7
        // (or puts a constant there), so eig(S1 S2) = eig(S1' Q S2 Q^T) and Q S2 Q^T = cov(y Q^T)
        double[][] xr = new double[x.length][d - 1];
        double[][] yr = new double[y.length][d - 1];
        for (int i = 0; i < x.length; i++) {
            xr[i] = dropColumn7(x[i]);
        }
        for (int i = 0; i < y.length; i++) {
            yr[i] = dropColumn7(y[i]);
            if (copyOf != 7) {
                yr[i][copyOf] += y[i][7];
            }
        }
        double exact =
                FidCalculator.traceSqrtProduct(FeatureStatistics.of(xr), FeatureStatistics.of(yr));
        assertThat(fallback).isCloseTo(exact, within(tol * exact));
        FidResult r = FidCalculator.compute(x, y);
        assertThat(r.fid()).isFinite().isGreaterThan(0);
        assertThat(FidCalculator.compute(x, x).fid())
                .isCloseTo(0.0, within(tol * 2 * a.covarianceTrace()));
    }

    private static double[] dropColumn7(double[] row) {
        double[] out = new double[row.length - 1];
        System.arraycopy(row, 0, out, 0, 7);
        System.arraycopy(row, 8, out, 7, row.length - 8);
        return out;
    }

    @Test
    void blockedGramEqualsThePlainProduct() {
        // d >= 1024 takes the symmetric block-column path; 1100 leaves a partial last block
        int n = 23;
        int d = 1100;
        Random r = new Random(5);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] g = DenseOps.gram(x, n, d);
        for (int i = 0; i < d; i += 7) {
            for (int j = 0; j < d; j += 5) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[k * d + i] * x[k * d + j];
                }
                assertThat(g[i * d + j]).as("[%d, %d]", i, j).isCloseTo(s, within(1e-12 * n));
                assertThat(g[j * d + i]).isEqualTo(g[i * d + j]);
            }
        }
    }
}
