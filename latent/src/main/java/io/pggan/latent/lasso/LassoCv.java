package io.pggan.latent.lasso;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.pggan.random.Permutation;
import java.util.Arrays;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LASSO with K-fold cross-validation over a descending alpha path, in scikit-learn's {@code
 * LassoCV} convention: minimise {@code (1/(2n))||y - Xw - b||^2 + alpha ||w||_1}, one alpha grid
 * from all rows ({@code alpha_max = max|Xc^T yc|/n}, log-spaced down to {@code eps * alpha_max}),
 * the plain mean of fold MSEs, and a refit on all rows at the selected alpha.
 *
 * <p>All fits run on Gram matrices: one pass over the data accumulates per-fold statistics; the
 * training statistics of fold f are "all minus fold f", so 10-fold CV costs one pass, not ten. Test
 * errors come from the held-out fold's statistics too. Memory is O(folds * p^2), independent of n.
 *
 * <p>Immutable; serialises to JSON with Jackson.
 */
@JsonDeserialize(builder = LassoCv.Builder.class)
public final class LassoCv {
    private static final Logger LOG = LoggerFactory.getLogger(LassoCv.class);

    /** Which alpha the refit uses. */
    public enum Selection {
        /** The minimum mean CV error (scikit-learn {@code LassoCV}, glmnet {@code lambda.min}). */
        MIN,
        /**
         * The largest alpha within one standard error of the minimum (glmnet {@code lambda.1se}).
         */
        ONE_SE
    }

    private final int nAlphas;
    private final double eps;
    private final double[] alphas;
    private final int folds;
    private final Long shuffleSeed;
    private final double tol;
    private final int maxIter;
    private final boolean standardize;
    private final Selection selection;
    private final int seDdof;
    private final boolean weightFoldsBySize;
    private final int threads;
    private final boolean progress;

    private LassoCv(Builder b) {
        this.nAlphas = b.nAlphas;
        this.eps = b.eps;
        this.alphas = b.alphas == null ? null : b.alphas.clone();
        this.folds = b.folds;
        this.shuffleSeed = b.shuffleSeed;
        this.tol = b.tol;
        this.maxIter = b.maxIter;
        this.standardize = b.standardize;
        this.selection = b.selection;
        this.seDdof = b.seDdof;
        this.weightFoldsBySize = b.weightFoldsBySize;
        this.threads = b.threads;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nAlphas = nAlphas;
        b.eps = eps;
        b.alphas = alphas;
        b.folds = folds;
        b.shuffleSeed = shuffleSeed;
        b.tol = tol;
        b.maxIter = maxIter;
        b.standardize = standardize;
        b.selection = selection;
        b.seDdof = seDdof;
        b.weightFoldsBySize = weightFoldsBySize;
        b.threads = threads;
        b.progress = progress;
        return b;
    }

    @JsonProperty
    public int nAlphas() {
        return nAlphas;
    }

    @JsonProperty
    public double eps() {
        return eps;
    }

    /** Explicit alphas (descending) or null for the automatic grid. */
    @JsonProperty
    public double[] alphas() {
        return alphas == null ? null : alphas.clone();
    }

    @JsonProperty
    public int folds() {
        return folds;
    }

    /** Null: contiguous folds in row order (scikit-learn {@code KFold(shuffle=False)}). */
    @JsonProperty
    public Long shuffleSeed() {
        return shuffleSeed;
    }

    @JsonProperty
    public double tol() {
        return tol;
    }

    @JsonProperty
    public int maxIter() {
        return maxIter;
    }

    @JsonProperty
    public boolean standardize() {
        return standardize;
    }

    @JsonProperty
    public Selection selection() {
        return selection;
    }

    @JsonProperty
    public int seDdof() {
        return seDdof;
    }

    /** Fold means and sds weighted by fold size (glmnet) instead of plain (scikit-learn). */
    @JsonProperty
    public boolean weightFoldsBySize() {
        return weightFoldsBySize;
    }

    @JsonProperty
    public int threads() {
        return threads;
    }

    @JsonProperty
    public boolean progress() {
        return progress;
    }

    /**
     * Fold of each of {@code n} rows: contiguous blocks as scikit-learn's {@code KFold} (the first
     * {@code n % folds} folds one row longer), or a balanced random assignment when a shuffle seed
     * is set.
     */
    public int[] foldIds(int n) {
        return LassoInputs.assignFolds(n, folds, shuffleSeed);
    }

    /** Cross-validated fit with this configuration's folds. */
    public LassoCvResult fit(Design x, double[] y) {
        return fit(x, y, foldIds(x.rows()));
    }

    /** Cross-validated fit with the given fold of each row (0-based, every fold non-empty). */
    public LassoCvResult fit(Design x, double[] y, int[] foldIds) {
        int n = x.rows();
        int p = x.cols();
        LassoInputs.checkY(y, n);
        final int k = LassoInputs.foldCount(foldIds, n);
        double[] shiftX = LassoInputs.columnMeans(x);
        double shiftY = LassoInputs.mean(y);
        long t0 = System.nanoTime();
        GramStats[] perFold;
        try (ProgressBar bar = progressBar("LASSO Gram", n)) {
            perFold =
                    GramStats.perFold(
                            x,
                            y,
                            foldIds,
                            k,
                            shiftX,
                            shiftY,
                            Math.min(threads, k),
                            bar == null ? () -> {} : () -> bar.stepBy(64));
        }
        LOG.debug("Gram statistics of {} x {} in {} ms", n, p, (System.nanoTime() - t0) / 1e6);
        return new LassoPath(this).fit(perFold, shiftX, shiftY, t0);
    }

    /**
     * Cross-validated fit from per-fold statistics accumulated elsewhere (a Spark job, several
     * processes): {@code perFold[f]} holds the rows of fold f, each row shifted by {@code shiftX}
     * and its response by {@code shiftY}. With the column means of all rows as the shift (what
     * {@link #fit(Design, double[], int[])} uses) the result equals that method's up to rounding.
     * The statistics are not modified.
     */
    public LassoCvResult fit(GramStats[] perFold, double[] shiftX, double shiftY) {
        int k = LassoInputs.checkFolds(perFold, shiftX);
        GramStats[] finished = new GramStats[k];
        for (int f = 0; f < k; f++) {
            finished[f] = perFold[f].copy();
            finished[f].finish();
        }
        return new LassoPath(this).fit(finished, shiftX, shiftY, System.nanoTime());
    }

    /**
     * LassoCV on the rows {@code trainIdx} (folds {@code trainFoldIds}, or this configuration's
     * folds if null), then absolute errors on the training and the held-out rows {@code testIdx}.
     */
    public LassoHoldOut fitHoldOut(
            Design x, double[] y, int[] trainIdx, int[] testIdx, int[] trainFoldIds) {
        return LassoHoldOut.fit(this, x, y, trainIdx, testIdx, trainFoldIds);
    }

    /** A random split: {@code testFraction} of the rows held out, chosen with {@code seed}. */
    public LassoHoldOut fitHoldOut(Design x, double[] y, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException(
                    "testFraction must be in (0, 1), got " + testFraction);
        }
        int n = x.rows();
        int[] perm = Permutation.of(n, seed);
        int nTest = Math.max(1, (int) Math.round(testFraction * n));
        int[] test = Arrays.copyOfRange(perm, 0, nTest);
        int[] train = Arrays.copyOfRange(perm, nTest, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return fitHoldOut(x, y, train, test, null);
    }

    /**
     * A single LASSO fit on all rows at {@code alpha}, with this configuration's tol and scaling.
     */
    public LassoModel fitAt(Design x, double[] y, double alpha) {
        LassoInputs.checkY(y, x.rows());
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        double[] shiftX = LassoInputs.columnMeans(x);
        double shiftY = LassoInputs.mean(y);
        int[] one = new int[x.rows()];
        GramStats s = GramStats.perFold(x, y, one, 1, shiftX, shiftY, 1, () -> {})[0];
        return new LassoPath(this).refit(s.center(shiftX, shiftY), new double[] {alpha});
    }

    /** The alpha grid of this configuration for the given data (descending). */
    public double[] alphaGrid(Design x, double[] y) {
        LassoInputs.checkY(y, x.rows());
        double[] shiftX = LassoInputs.columnMeans(x);
        double shiftY = LassoInputs.mean(y);
        int[] one = new int[x.rows()];
        GramStats s = GramStats.perFold(x, y, one, 1, shiftX, shiftY, 1, () -> {})[0];
        return new LassoPath(this).grid(s.center(shiftX, shiftY));
    }

    private ProgressBar progressBar(String task, long max) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).build();
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "LassoCv{folds=%d, nAlphas=%d, eps=%s, tol=%s, maxIter=%d, standardize=%s,"
                        + " selection=%s}",
                folds,
                nAlphas,
                eps,
                tol,
                maxIter,
                standardize,
                selection);
    }

    /** Builder; defaults are scikit-learn's except {@code folds = 10} (the study). */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private int nAlphas = 100;
        private double eps = 1e-3;
        private double[] alphas;
        private int folds = 10;
        private Long shuffleSeed;
        private double tol = 1e-4;
        private int maxIter = 1000;
        private boolean standardize;
        private Selection selection = Selection.MIN;
        private int seDdof = 1;
        private boolean weightFoldsBySize;
        private int threads = 1;
        private boolean progress;

        private Builder() {}

        public Builder nAlphas(int v) {
            nAlphas = v;
            return this;
        }

        public Builder eps(double v) {
            eps = v;
            return this;
        }

        /** Explicit alphas, used in the given order (should descend for warm starts). */
        public Builder alphas(double[] v) {
            alphas = v == null ? null : v.clone();
            return this;
        }

        public Builder folds(int v) {
            folds = v;
            return this;
        }

        public Builder shuffleSeed(Long v) {
            shuffleSeed = v;
            return this;
        }

        public Builder tol(double v) {
            tol = v;
            return this;
        }

        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        /**
         * Scale columns to unit (1/n) variance inside each fit (glmnet's default; not sklearn's).
         */
        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        public Builder selection(Selection v) {
            selection = v;
            return this;
        }

        /** Degrees of freedom of the fold-MSE sd in the standard error (1 as glmnet's cvsd). */
        public Builder seDdof(int v) {
            seDdof = v;
            return this;
        }

        /**
         * Weight fold MSEs by fold size in the mean and the standard error, as glmnet's {@code
         * cv.glmnet} (default false: the plain mean of scikit-learn).
         */
        public Builder weightFoldsBySize(boolean v) {
            weightFoldsBySize = v;
            return this;
        }

        /** Threads for the Gram pass and the folds (1 = like scikit-learn's {@code n_jobs=1}). */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** Show a console progress bar for the pass over the data. */
        public Builder progress(boolean v) {
            progress = v;
            return this;
        }

        public LassoCv build() {
            LassoInputs.checkSettings(
                    nAlphas, eps, alphas, folds, tol, maxIter, seDdof, threads, selection);
            return new LassoCv(this);
        }
    }
}
