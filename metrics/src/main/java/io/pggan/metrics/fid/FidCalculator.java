package io.pggan.metrics.fid;

import io.pggan.metrics.linalg.DenseOps;
import io.pggan.metrics.linalg.LapackEigen;
import java.util.Optional;

/**
 * Fréchet Inception Distance {@code ||mu1 - mu2||^2 + tr S1 + tr S2 - 2 tr sqrtm(S1 S2)} with
 * {@code N - 1} covariances, as pytorch-fid, PGGAN and torch-fidelity define it. The matrix square
 * root is never formed: {@code tr sqrtm(S1 S2) = sum sqrt(lambda_i(L^T S2 L))} for any factor
 * {@code S1 = L L^T}, and {@code L^T S2 L} is symmetric positive semi-definite, so its eigenvalues
 * come from EJML's symmetric eigen solver (negative round-off clamped to 0). L is the centred data
 * {@code / sqrt(N - 1)} when {@code N - 1 < D} (exact for singular covariances), else the Cholesky
 * factor, falling back to {@code V sqrt(Lambda)} for semi-definite S1. For {@code N > D} the
 * Cholesky factor, the products and the eigenvalues run in LAPACK through PyTorch ({@link
 * LapackEigen}), several times faster than EJML at D = 2048; EJML is the fallback. This agrees with
 * scipy's {@code sqrtm} route to about 1e-14 for {@code N > D}; for {@code N <= D} it omits the
 * reference's null-space round-off (about 5e-8 relative). No epsilon fallback is needed.
 */
public final class FidCalculator {
    private FidCalculator() {}

    /** FID of two feature matrices (rows = images). */
    public static FidResult compute(double[][] a, double[][] b) {
        int da = FeatureChecks.check(a, "set a", 2, "FID");
        int db = FeatureChecks.check(b, "set b", 2, "FID");
        FeatureChecks.sameDim(da, db, "FID");
        return compute(FeatureStatistics.of(a), FeatureStatistics.of(b));
    }

    /** FID of two streamed statistics. */
    public static FidResult compute(FeatureStatistics a, FeatureStatistics b) {
        FeatureChecks.sameDim(a.dim(), b.dim(), "FID");
        if (a.count() < 2 || b.count() < 2) {
            throw new IllegalArgumentException(
                    "FID needs at least 2 feature rows per set, got "
                            + a.count()
                            + " and "
                            + b.count());
        }
        int d = a.dim();
        double[] ma = a.mean();
        double[] mb = b.mean();
        double msd = 0;
        for (int j = 0; j < d; j++) {
            double t = ma[j] - mb[j];
            msd += t * t;
        }
        double tr1 = a.covarianceTrace();
        double tr2 = b.covarianceTrace();
        double trSqrt = traceSqrtProduct(a, b);
        return new FidResult(msd + tr1 + tr2 - 2.0 * trSqrt, trSqrt, msd, tr1, tr2);
    }

    /** {@code tr sqrtm(S1 S2)} by the symmetric eigenvalue route. */
    public static double traceSqrtProduct(FeatureStatistics a, FeatureStatistics b) {
        // factor the set with fewer rows, as its data factor is the smaller one
        if (b.count() < a.count()) {
            FeatureStatistics t = a;
            a = b;
            b = t;
        }
        int d = a.dim();
        double[] s2 = b.covariance();
        double[] lt; // L^T, r x d
        int r;
        double[] rows = a.keptRows();
        if (rows != null && a.count() - 1 < d) {
            r = (int) a.count();
            double[] mean = a.mean();
            double scale = 1.0 / Math.sqrt(r - 1.0);
            lt = new double[r * d];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < d; j++) {
                    lt[i * d + j] = (rows[i * d + j] - mean[j]) * scale;
                }
            }
        } else {
            double[] s1 = a.covariance();
            // fast path: Cholesky, products and eigenvalues in LAPACK (PyTorch); EJML otherwise
            Optional<double[]> fast = LapackEigen.choleskyProductEigenvalues(s1, s2, d);
            if (fast.isPresent()) {
                return sumSqrt(fast.get());
            }
            r = d;
            double[] l = DenseOps.psdFactor(s1, d);
            lt = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    lt[j * d + i] = l[i * d + j];
                }
            }
        }
        double[] t = DenseOps.multiply(lt, r, d, s2, d); // L^T S2, r x d
        double[] m = DenseOps.multiplyTransB(t, r, d, lt, r); // L^T S2 L, r x r
        DenseOps.symmetrize(m, r);
        return sumSqrt(DenseOps.symmetricEigenvalues(m, r));
    }

    /** {@code sum sqrt(max(lambda, 0))}: negative eigenvalues are round-off of a PSD matrix. */
    private static double sumSqrt(double[] eigenvalues) {
        double sum = 0;
        for (double lambda : eigenvalues) {
            sum += Math.sqrt(Math.max(lambda, 0.0));
        }
        return sum;
    }
}
