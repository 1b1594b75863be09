package io.pggan.metrics.fid;

import io.pggan.metrics.linalg.DenseOps;
import java.util.Arrays;

/**
 * Streaming mean and covariance of feature vectors in double precision. Each batch is centred on
 * its own mean, its scatter {@code Xc^T Xc} is computed with BLAS, and batches are merged with Chan
 * et al.'s pairwise update ({@code M2 = M2a + M2b + delta delta^T na nb / n}), which stays accurate
 * when the mean is large compared with the spread. The covariance uses {@code N - 1} like {@code
 * np.cov}. While at most {@code dim} rows were added the rows are also kept, so that FID can use
 * the exact data factor for singular covariances.
 *
 * <p>Statistics of disjoint sets of rows combine with {@link #merge} (the same pairwise update), so
 * that they can be accumulated in parts, e.g. one per Spark partition; they are serializable (plain
 * arrays) so that an engine can ship them between machines.
 */
public final class FeatureStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int dim;
    private long count;
    private final double[] mean;
    private final double[] m2;
    private double[] rows;
    private int keptRows;

    /** Creates empty statistics for {@code dim}-dimensional features. */
    public FeatureStatistics(int dim) {
        if (dim <= 0 || (long) dim * dim > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad feature dimension " + dim);
        }
        this.dim = dim;
        this.mean = new double[dim];
        this.m2 = new double[dim * dim];
        this.rows = new double[0];
    }

    /** Statistics of a whole feature matrix. */
    public static FeatureStatistics of(double[][] features) {
        int d = FeatureChecks.check(features, "features", 1, "feature statistics");
        FeatureStatistics s = new FeatureStatistics(d);
        int batch = 4096;
        for (int i = 0; i < features.length; i += batch) {
            int n = Math.min(batch, features.length - i);
            double[] flat = new double[n * d];
            for (int r = 0; r < n; r++) {
                System.arraycopy(features[i + r], 0, flat, r * d, d);
            }
            s.add(flat, n);
        }
        return s;
    }

    /** Adds {@code n} rows given row-major; rejects NaN or infinite values. */
    public void add(double[] batch, int n) {
        if (batch.length != (long) n * dim) {
            throw new IllegalArgumentException(
                    "feature batch has " + batch.length + " values, expected " + n + " x " + dim);
        }
        if (n == 0) {
            return;
        }
        for (int k = 0; k < batch.length; k++) {
            if (!Double.isFinite(batch[k])) {
                throw new IllegalArgumentException(
                        "feature ["
                                + (count + k / dim)
                                + ", "
                                + k % dim
                                + "] is "
                                + batch[k]
                                + " (NaN or infinite)");
            }
        }
        keepRows(batch, n);
        double[] bm = new double[dim];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < dim; j++) {
                bm[j] += batch[r * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            bm[j] /= n;
        }
        double[] centred = new double[batch.length];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < dim; j++) {
                centred[r * dim + j] = batch[r * dim + j] - bm[j];
            }
        }
        double[] scatter = DenseOps.gram(centred, n, dim);
        long total = count + n;
        double[] delta = new double[dim];
        for (int j = 0; j < dim; j++) {
            delta[j] = bm[j] - mean[j];
        }
        double f = (double) count * n / total;
        for (int i = 0; i < dim; i++) {
            double di = delta[i] * f;
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                m2[row + j] += scatter[row + j] + di * delta[j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] += delta[j] * n / total;
        }
        count = total;
    }

    /**
     * Adds the statistics of another, disjoint set of rows (Chan et al.'s pairwise update); the
     * result is that of all rows together up to rounding. {@code other} is not modified.
     */
    public void merge(FeatureStatistics other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.dim + "-dimensional statistics into " + dim);
        }
        if (other.count == 0) {
            return;
        }
        if (rows != null && other.rows != null && keptRows + (long) other.keptRows <= dim) {
            rows = Arrays.copyOf(rows, (keptRows + other.keptRows) * dim);
            System.arraycopy(other.rows, 0, rows, keptRows * dim, other.keptRows * dim);
            keptRows += other.keptRows;
        } else {
            rows = null;
        }
        long total = count + other.count;
        double[] delta = new double[dim];
        for (int j = 0; j < dim; j++) {
            delta[j] = other.mean[j] - mean[j];
        }
        double f = (double) count * other.count / total;
        for (int i = 0; i < dim; i++) {
            double di = delta[i] * f;
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                m2[row + j] += other.m2[row + j] + di * delta[j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] += delta[j] * other.count / total;
        }
        count = total;
    }

    /** Adds float32 rows (e.g. from a DJL feature extractor). */
    public void add(float[] batch, int n) {
        double[] d = new double[batch.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = batch[i];
        }
        add(d, n);
    }

    private void keepRows(double[] batch, int n) {
        if (rows == null) {
            return;
        }
        if (keptRows + (long) n > dim) {
            rows = null; // enough samples for a full-rank covariance: the rows are not needed
            return;
        }
        rows = Arrays.copyOf(rows, (keptRows + n) * dim);
        System.arraycopy(batch, 0, rows, keptRows * dim, batch.length);
        keptRows += n;
    }

    /** Feature dimension. */
    public int dim() {
        return dim;
    }

    /** Number of rows added. */
    public long count() {
        return count;
    }

    /** Mean (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Covariance with {@code N - 1} ({@code dim x dim}, row-major, a copy). */
    public double[] covariance() {
        if (count < 2) {
            throw new IllegalStateException(
                    "covariance needs at least 2 feature rows, have " + count);
        }
        double[] c = new double[m2.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = m2[i] / (count - 1);
        }
        DenseOps.symmetrize(c, dim);
        return c;
    }

    /** Trace of the covariance. */
    public double covarianceTrace() {
        double t = 0;
        for (int i = 0; i < dim; i++) {
            t += m2[i * dim + i];
        }
        return t / (count - 1);
    }

    /** The kept rows (row-major), or null once more than {@code dim} rows were added. */
    double[] keptRows() {
        return rows;
    }
}
