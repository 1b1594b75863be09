package io.pggan.metrics.fid;

import io.pggan.metrics.linalg.DenseOps;
import java.util.Arrays;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019): each sample's hypersphere radius is the
 * distance to its k-th nearest neighbour within its own set (k = 3, self excluded); precision is
 * the fraction of generated samples inside at least one real hypersphere, recall the fraction of
 * real samples inside at least one generated hypersphere. Distances are Euclidean in double, with
 * squared distances from BLAS products ({@code |a|^2 + |b|^2 - 2 a.b}, clamped at 0).
 */
public final class PrecisionRecall {
    /** The paper's default neighbourhood size. */
    public static final int DEFAULT_K = 3;

    private PrecisionRecall() {}

    /** Precision and recall with k = 3. */
    public static PrecisionRecallResult compute(double[][] real, double[][] generated) {
        return compute(real, generated, DEFAULT_K);
    }

    /** Precision and recall with the given k. */
    public static PrecisionRecallResult compute(double[][] real, double[][] generated, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        String metric = "precision/recall (k=" + k + ")";
        int dr = FeatureChecks.check(real, "real features", k + 1, metric);
        int dg = FeatureChecks.check(generated, "generated features", k + 1, metric);
        FeatureChecks.sameDim(dr, dg, metric);
        double[] fr = FeatureChecks.flatten(real, null);
        double[] fg = FeatureChecks.flatten(generated, null);
        double[] rr = kthRadii(fr, real.length, dr, k);
        double[] rg = kthRadii(fg, generated.length, dr, k);
        double precision = coverage(fg, generated.length, fr, real.length, rr, dr);
        double recall = coverage(fr, real.length, fg, generated.length, rg, dr);
        return new PrecisionRecallResult(precision, recall, k);
    }

    static double[] squaredDistances(double[] a, int na, double[] b, int nb, int d) {
        double[] dot = DenseOps.multiplyTransB(a, na, d, b, nb);
        double[] sa = norms(a, na, d);
        double[] sb = norms(b, nb, d);
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                dot[i * nb + j] = Math.max(0.0, sa[i] + sb[j] - 2.0 * dot[i * nb + j]);
            }
        }
        return dot;
    }

    private static double[] norms(double[] a, int n, int d) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 0;
            for (int j = 0; j < d; j++) {
                t += a[i * d + j] * a[i * d + j];
            }
            s[i] = t;
        }
        return s;
    }

    /** Squared distance to the k-th nearest other sample of the same set. */
    private static double[] kthRadii(double[] f, int n, int d, int k) {
        double[] d2 = squaredDistances(f, n, f, n, d);
        double[] radii = new double[n];
        double[] row = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    row[c++] = d2[i * n + j];
                }
            }
            Arrays.sort(row);
            radii[i] = row[k - 1];
        }
        return radii;
    }

    /** Fraction of query rows within the radius of at least one reference row. */
    private static double coverage(
            double[] q, int nq, double[] ref, int nr, double[] radii2, int d) {
        double[] d2 = squaredDistances(q, nq, ref, nr, d);
        int inside = 0;
        for (int i = 0; i < nq; i++) {
            for (int j = 0; j < nr; j++) {
                if (d2[i * nr + j] <= radii2[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / nq;
    }
}
