package io.pggan.latent.lasso;

import java.util.Objects;

/**
 * Read-only access to a design matrix by rows, so that large float data (e.g. 200,000 latents) is
 * not copied into doubles.
 */
public interface Design {
    /** Number of rows (samples). */
    int rows();

    /** Number of columns (features). */
    int cols();

    /** Copies row {@code i} into {@code dst} (length {@link #cols()}). */
    void row(int i, double[] dst);

    /** A view of rows of doubles; all rows must have the same length. */
    static Design of(double[][] x) {
        Objects.requireNonNull(x, "x");
        int p = checkRectangular(x.length, i -> x[i] == null ? -1 : x[i].length);
        return new Design() {
            @Override
            public int rows() {
                return x.length;
            }

            @Override
            public int cols() {
                return p;
            }

            @Override
            public void row(int i, double[] dst) {
                System.arraycopy(x[i], 0, dst, 0, p);
            }
        };
    }

    /** A view of rows of floats, widened on access; all rows must have the same length. */
    static Design of(float[][] x) {
        Objects.requireNonNull(x, "x");
        int p = checkRectangular(x.length, i -> x[i] == null ? -1 : x[i].length);
        return new Design() {
            @Override
            public int rows() {
                return x.length;
            }

            @Override
            public int cols() {
                return p;
            }

            @Override
            public void row(int i, double[] dst) {
                float[] r = x[i];
                for (int j = 0; j < p; j++) {
                    dst[j] = r[j];
                }
            }
        };
    }

    /** A view of a row-major flat array with {@code p} columns. */
    static Design ofRowMajor(double[] data, int p) {
        Objects.requireNonNull(data, "data");
        if (p <= 0 || data.length % p != 0) {
            throw new IllegalArgumentException(
                    "flat array of length "
                            + data.length
                            + " is not a multiple of "
                            + p
                            + " columns");
        }
        int n = data.length / p;
        return new Design() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int cols() {
                return p;
            }

            @Override
            public void row(int i, double[] dst) {
                System.arraycopy(data, i * p, dst, 0, p);
            }
        };
    }

    /** The rows at {@code index} of another design, in that order. */
    static Design subset(Design base, int[] index) {
        Objects.requireNonNull(index, "index");
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] >= base.rows()) {
                throw new IllegalArgumentException(
                        "row index "
                                + index[k]
                                + " at position "
                                + k
                                + " is outside 0.."
                                + (base.rows() - 1));
            }
        }
        return new Design() {
            @Override
            public int rows() {
                return index.length;
            }

            @Override
            public int cols() {
                return base.cols();
            }

            @Override
            public void row(int i, double[] dst) {
                base.row(index[i], dst);
            }
        };
    }

    private static int checkRectangular(int n, java.util.function.IntUnaryOperator len) {
        if (n == 0) {
            throw new IllegalArgumentException("design matrix has no rows");
        }
        int p = len.applyAsInt(0);
        for (int i = 0; i < n; i++) {
            int l = len.applyAsInt(i);
            if (l < 0) {
                throw new IllegalArgumentException("row " + i + " of the design matrix is null");
            }
            if (l != p) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + l + " columns but row 0 has " + p);
            }
        }
        if (p == 0) {
            throw new IllegalArgumentException("design matrix has no columns");
        }
        return p;
    }
}
