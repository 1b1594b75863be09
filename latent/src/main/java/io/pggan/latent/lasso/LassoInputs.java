package io.pggan.latent.lasso;

import io.pggan.random.Permutation;
import java.util.Random;

/** Checks and summaries of a LASSO's inputs: finite designs and responses of matching size. */
final class LassoInputs {
    private LassoInputs() {}

    /** Column means, rejecting NaN or infinite values with their row and column. */
    static double[] columnMeans(Design x) {
        int n = x.rows();
        int p = x.cols();
        double[] sum = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            x.row(i, row);
            for (int j = 0; j < p; j++) {
                double v = row[j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "design matrix has " + v + " at row " + i + ", column " + j);
                }
                sum[j] += v;
            }
        }
        for (int j = 0; j < p; j++) {
            sum[j] /= n;
        }
        return sum;
    }

    static void checkY(double[] y, int n) {
        if (y.length != n) {
            throw new IllegalArgumentException(
                    "response has " + y.length + " values but the design has " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("response has " + y[i] + " at row " + i);
            }
        }
    }

    static double mean(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s / y.length;
    }

    /**
     * The number of folds of per-row fold ids (every id >= 0, at least 2 folds, none empty, none
     * holding every row).
     */
    static int foldCount(int[] foldIds, int n) {
        if (foldIds.length != n) {
            throw new IllegalArgumentException(
                    "fold ids have length " + foldIds.length + " but there are " + n + " rows");
        }
        int maxFold = -1;
        for (int i = 0; i < n; i++) {
            if (foldIds[i] < 0) {
                throw new IllegalArgumentException(
                        "fold id " + foldIds[i] + " at row " + i + " is negative");
            }
            maxFold = Math.max(maxFold, foldIds[i]);
        }
        int k = maxFold + 1;
        if (n < k || k < 2) {
            throw new IllegalArgumentException(
                    "need at least 2 folds and at least as many samples as folds: "
                            + n
                            + " samples, "
                            + k
                            + " folds");
        }
        int[] sizes = new int[k];
        for (int f : foldIds) {
            sizes[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (sizes[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " has no rows");
            }
            if (sizes[f] == n) {
                throw new IllegalArgumentException("fold " + f + " holds every row");
            }
        }
        return k;
    }

    /** Checks per-fold statistics against each other and the shift; returns the fold count. */
    static int checkFolds(GramStats[] perFold, double[] shiftX) {
        int k = perFold.length;
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        int p = perFold[0].columns();
        if (shiftX.length != p) {
            throw new IllegalArgumentException(
                    "shift has " + shiftX.length + " values but the statistics " + p + " columns");
        }
        long n = 0;
        for (int f = 0; f < k; f++) {
            if (perFold[f].columns() != p) {
                throw new IllegalArgumentException(
                        "fold " + f + " has " + perFold[f].columns() + " columns, fold 0 " + p);
            }
            if (perFold[f].count() == 0) {
                throw new IllegalArgumentException("fold " + f + " has no rows");
            }
            n += perFold[f].count();
        }
        for (int f = 0; f < k; f++) {
            if (perFold[f].count() == n) {
                throw new IllegalArgumentException("fold " + f + " holds every row");
            }
        }
        return k;
    }

    /** {@link LassoCv#foldIds(int)}. */
    static int[] assignFolds(int n, int folds, Long seed) {
        if (n < folds) {
            throw new IllegalArgumentException(
                    "fewer samples (" + n + ") than folds (" + folds + ")");
        }
        int[] ids = new int[n];
        int at = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            for (int k = 0; k < size; k++) {
                ids[at++] = f;
            }
        }
        if (seed != null) {
            Permutation.shuffle(ids, new Random(seed));
        }
        return ids;
    }

    /** Checks a {@link LassoCv.Builder}'s settings, naming the first one out of range. */
    static void checkSettings(
            int nAlphas,
            double eps,
            double[] alphas,
            int folds,
            double tol,
            int maxIter,
            int seDdof,
            int threads,
            LassoCv.Selection selection) {
        if (nAlphas < 1) {
            throw new IllegalArgumentException("nAlphas must be >= 1, got " + nAlphas);
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
        }
        if (alphas != null) {
            if (alphas.length == 0) {
                throw new IllegalArgumentException("alphas is empty");
            }
            for (int i = 0; i < alphas.length; i++) {
                if (!(alphas[i] >= 0) || Double.isInfinite(alphas[i])) {
                    throw new IllegalArgumentException(
                            "alphas[" + i + "] = " + alphas[i] + " is not finite and >= 0");
                }
            }
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
        if (!(tol > 0)) {
            throw new IllegalArgumentException("tol must be > 0, got " + tol);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
        }
        if (seDdof != 0 && seDdof != 1) {
            throw new IllegalArgumentException("seDdof must be 0 or 1, got " + seDdof);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (selection == null) {
            throw new IllegalArgumentException("selection must not be null");
        }
    }
}
