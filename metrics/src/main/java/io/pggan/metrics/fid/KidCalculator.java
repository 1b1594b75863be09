package io.pggan.metrics.fid;

import io.pggan.metrics.linalg.DenseOps;
import io.pggan.metrics.random.NumpyRandomState;
import java.util.stream.IntStream;

/**
 * Kernel Inception Distance (Binkowski et al. 2018) as torch-fidelity computes it: polynomial
 * kernel {@code (gamma <x, y> + coef0)^degree} with degree 3, gamma {@code 1/D}, coef0 1; the
 * unbiased MMD^2 estimator (diagonals of Kxx and Kyy removed, Kxy divided by m^2); 100 subsets of
 * 1000 rows drawn without replacement by {@code RandomState(2020)} (set a, then set b, per subset),
 * so the default subsets equal torch-fidelity's. Kernels are evaluated in double by default ({@link
 * Builder#float32Kernels(boolean)} mimics torch-fidelity's float32 features).
 */
public final class KidCalculator {
    private final int subsets;
    private final int subsetSize;
    private final long seed;
    private final int degree;
    private final Double gamma;
    private final double coef0;
    private final boolean float32Kernels;

    private KidCalculator(Builder b) {
        this.subsets = b.subsets;
        this.subsetSize = b.subsetSize;
        this.seed = b.seed;
        this.degree = b.degree;
        this.gamma = b.gamma;
        this.coef0 = b.coef0;
        this.float32Kernels = b.float32Kernels;
    }

    /** torch-fidelity defaults: 100 subsets of 1000, seed 2020, degree 3, gamma 1/D, coef0 1. */
    public static KidCalculator torchFidelity() {
        return builder().build();
    }

    /** Returns a builder with torch-fidelity's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link KidCalculator}. */
    public static final class Builder {
        private int subsets = 100;
        private int subsetSize = 1000;
        private long seed = 2020;
        private int degree = 3;
        private Double gamma;
        private double coef0 = 1.0;
        private boolean float32Kernels;

        private Builder() {}

        /** Number of subsets (default 100). */
        public Builder subsets(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("subsets must be positive, got " + v);
            }
            this.subsets = v;
            return this;
        }

        /** Rows per subset (default 1000). */
        public Builder subsetSize(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("subsetSize must be >= 2, got " + v);
            }
            this.subsetSize = v;
            return this;
        }

        /** Seed of NumPy's legacy generator for the subsets (default 2020). */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /** Kernel degree (default 3). */
        public Builder degree(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("degree must be positive, got " + v);
            }
            this.degree = v;
            return this;
        }

        /** Kernel gamma; null (default) means {@code 1 / D}. */
        public Builder gamma(Double v) {
            this.gamma = v;
            return this;
        }

        /** Kernel offset (default 1). */
        public Builder coef0(double v) {
            this.coef0 = v;
            return this;
        }

        /** Evaluates the inner products in float32 (default false: double). */
        public Builder float32Kernels(boolean v) {
            this.float32Kernels = v;
            return this;
        }

        /** Builds the calculator. */
        public KidCalculator build() {
            return new KidCalculator(this);
        }
    }

    /** KID with subsets drawn like torch-fidelity from {@code RandomState(seed)}. */
    public KidResult compute(double[][] a, double[][] b) {
        int da =
                FeatureChecks.check(a, "set a", subsetSize, "KID (subset size " + subsetSize + ")");
        int db =
                FeatureChecks.check(b, "set b", subsetSize, "KID (subset size " + subsetSize + ")");
        FeatureChecks.sameDim(da, db, "KID");
        int[][][] idx = drawSubsets(a.length, b.length);
        return computeSubsets(a, b, idx[0], idx[1]);
    }

    /**
     * torch-fidelity's subsets: {@code RandomState(seed)}, per subset {@code choice(na, m,
     * replace=False)} then {@code choice(nb, m, replace=False)}.
     *
     * @return {@code [0]} the row indices into set a per subset, {@code [1]} those into set b
     */
    public int[][][] drawSubsets(int na, int nb) {
        if (na < subsetSize || nb < subsetSize) {
            throw new IllegalArgumentException(
                    "KID: subset size "
                            + subsetSize
                            + " is larger than a set ("
                            + na
                            + " and "
                            + nb
                            + " rows)");
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        int[][] ia = new int[subsets][];
        int[][] ib = new int[subsets][];
        for (int s = 0; s < subsets; s++) {
            ia[s] = rng.choiceWithoutReplacement(na, subsetSize);
            ib[s] = rng.choiceWithoutReplacement(nb, subsetSize);
        }
        return new int[][][] {ia, ib};
    }

    /** KID over given subsets: {@code idxA[s]} and {@code idxB[s]} are the rows of subset s. */
    public KidResult computeSubsets(double[][] a, double[][] b, int[][] idxA, int[][] idxB) {
        int da = FeatureChecks.check(a, "set a", 2, "KID");
        int db = FeatureChecks.check(b, "set b", 2, "KID");
        FeatureChecks.sameDim(da, db, "KID");
        if (idxA.length != idxB.length || idxA.length == 0) {
            throw new IllegalArgumentException(
                    "KID: subset index lists differ in length or are empty: "
                            + idxA.length
                            + " vs "
                            + idxB.length);
        }
        double[] vals = new double[idxA.length];
        for (int s = 0; s < idxA.length; s++) {
            if (idxA[s].length != idxB[s].length || idxA[s].length < 2) {
                throw new IllegalArgumentException(
                        "KID: subset "
                                + s
                                + " has "
                                + idxA[s].length
                                + " and "
                                + idxB[s].length
                                + " rows; they must be equal and >= 2");
            }
        }
        // small kernels run in Java: then the subsets are spread over the cores
        boolean small = (long) idxA[0].length * idxA[0].length * da <= SMALL_PRODUCT;
        IntStream range = IntStream.range(0, idxA.length);
        (small ? range.parallel() : range)
                .forEach(
                        s ->
                                vals[s] =
                                        mmd2Unbiased(
                                                FeatureChecks.flatten(a, idxA[s]),
                                                FeatureChecks.flatten(b, idxB[s]),
                                                idxA[s].length,
                                                da));
        double mean = 0;
        for (double v : vals) {
            mean += v;
        }
        mean /= vals.length;
        double var = 0;
        for (double v : vals) {
            var += (v - mean) * (v - mean);
        }
        return new KidResult(mean, Math.sqrt(var / vals.length), vals);
    }

    /** Unbiased MMD^2 of two equally sized feature matrices (all rows). */
    public double mmd2Unbiased(double[][] a, double[][] b) {
        int da = FeatureChecks.check(a, "set a", 2, "KID");
        int db = FeatureChecks.check(b, "set b", 2, "KID");
        FeatureChecks.sameDim(da, db, "KID");
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "unbiased MMD^2 here needs equal row counts, got "
                            + a.length
                            + " and "
                            + b.length);
        }
        return mmd2Unbiased(
                FeatureChecks.flatten(a, null), FeatureChecks.flatten(b, null), a.length, da);
    }

    private double mmd2Unbiased(double[] x, double[] y, int m, int d) {
        double g = gamma == null ? 1.0 / d : gamma;
        double kxx = kernelSum(x, x, m, d, g, true);
        double kyy = kernelSum(y, y, m, d, g, true);
        double kxy = kernelSum(x, y, m, d, g, false);
        return (kxx + kyy) / ((double) m * (m - 1)) - 2.0 * kxy / ((double) m * m);
    }

    /** Below this many multiply-adds a plain Java loop beats a round trip to the native engine. */
    private static final long SMALL_PRODUCT = 1L << 25;

    private double[] smallDots(double[] x, double[] y, int m, int d) {
        double[] out = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (float32Kernels) {
                    float acc = 0f;
                    for (int k = 0; k < d; k++) {
                        acc += (float) x[i * d + k] * (float) y[j * d + k];
                    }
                    out[i * m + j] = acc;
                } else {
                    double acc = 0;
                    for (int k = 0; k < d; k++) {
                        acc += x[i * d + k] * y[j * d + k];
                    }
                    out[i * m + j] = acc;
                }
            }
        }
        return out;
    }

    private double kernelSum(double[] x, double[] y, int m, int d, double g, boolean offDiag) {
        double[] dot;
        if ((long) m * m * d <= SMALL_PRODUCT) {
            dot = smallDots(x, y, m, d);
        } else {
            dot =
                    float32Kernels
                            ? DenseOps.multiplyTransBFloat32(x, m, d, y, m)
                            : DenseOps.multiplyTransB(x, m, d, y, m);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (offDiag && i == j) {
                    continue;
                }
                double k = dot[i * m + j] * g + coef0;
                double p = k;
                for (int e = 1; e < degree; e++) {
                    p *= k;
                }
                sum += p;
            }
        }
        return sum;
    }
}
