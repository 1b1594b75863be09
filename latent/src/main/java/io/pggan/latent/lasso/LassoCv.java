package io.pggan.latent.lasso;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.pggan.random.Permutation;
import java.util.Arrays;
import java.util.Random;
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
        if (shuffleSeed != null) {
            Permutation.shuffle(ids, new Random(shuffleSeed));
        }
        return ids;
    }

    /** Cross-validated fit with this configuration's folds. */
    public LassoCvResult fit(Design x, double[] y) {
        return fit(x, y, foldIds(x.rows()));
    }

    /** Cross-validated fit with the given fold of each row (0-based, every fold non-empty). */
    public LassoCvResult fit(Design x, double[] y, int[] foldIds) {
        int n = x.rows();
        int p = x.cols();
        checkY(y, n);
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
        final int k = maxFold + 1;
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
        double[] shiftX = columnMeans(x);
        double shiftY = mean(y);
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
        return fitFolds(perFold, shiftX, shiftY, t0);
    }

    /**
     * Cross-validated fit from per-fold statistics accumulated elsewhere (a Spark job, several
     * processes): {@code perFold[f]} holds the rows of fold f, each row shifted by {@code shiftX}
     * and its response by {@code shiftY}. With the column means of all rows as the shift (what
     * {@link #fit(Design, double[], int[])} uses) the result equals that method's up to rounding.
     * The statistics are not modified.
     */
    public LassoCvResult fit(GramStats[] perFold, double[] shiftX, double shiftY) {
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
        GramStats[] finished = new GramStats[k];
        for (int f = 0; f < k; f++) {
            finished[f] = perFold[f].copy();
            finished[f].finish();
        }
        return fitFolds(finished, shiftX, shiftY, System.nanoTime());
    }

    private LassoCvResult fitFolds(GramStats[] perFold, double[] shiftX, double shiftY, long t0) {
        final int k = perFold.length;
        final int p = perFold[0].p;
        GramStats all = perFold[0].copy();
        for (int f = 1; f < k; f++) {
            all.add(perFold[f], 1.0);
        }
        final long n = all.n;
        GramStats.Centered full = all.center(shiftX, shiftY);
        double[] grid = alphas != null ? alphas.clone() : grid(full);

        double[][] msePath = new double[grid.length][k];
        int[] unconverged = new int[k];
        java.util.concurrent.atomic.AtomicInteger next =
                new java.util.concurrent.atomic.AtomicInteger();
        GramStats.runParallel(
                () -> {
                    int f;
                    while ((f = next.getAndIncrement()) < k) {
                        GramStats train = all.copy();
                        train.add(perFold[f], -1.0);
                        unconverged[f] =
                                path(
                                        train.center(shiftX, shiftY),
                                        grid,
                                        perFold[f],
                                        msePath,
                                        f,
                                        shiftX,
                                        shiftY);
                    }
                },
                Math.min(threads, k));

        double[] weights = null;
        if (weightFoldsBySize) {
            weights = new double[k];
            for (int f = 0; f < k; f++) {
                weights[f] = perFold[f].n;
            }
        }
        double[] meanMse = new double[grid.length];
        for (int a = 0; a < grid.length; a++) {
            double sum = 0;
            double sw = 0;
            for (int f = 0; f < k; f++) {
                double w = weights == null ? 1.0 : weights[f];
                sum += w * msePath[a][f];
                sw += w;
            }
            meanMse[a] = sum / sw;
        }
        double[] seMse = LassoCvResult.standardErrors(msePath, meanMse, seDdof, weights);
        int iMin = 0;
        for (int a = 1; a < grid.length; a++) {
            if (meanMse[a] < meanMse[iMin]) {
                iMin = a;
            }
        }
        int iOneSe = LassoCvResult.oneSeIndex(meanMse, seMse, iMin);
        int chosen = selection == Selection.MIN ? iMin : iOneSe;
        LassoModel model = refit(full, Arrays.copyOf(grid, chosen + 1));
        int totalUnconverged = Arrays.stream(unconverged).sum();
        if (totalUnconverged > 0 || !model.converged()) {
            LOG.warn(
                    "LASSO did not converge in {} of {} fold fits (tol {}, max_iter {}); raise"
                            + " maxIter or tol",
                    totalUnconverged,
                    grid.length * k,
                    tol,
                    maxIter);
        }
        LOG.info(
                "LassoCV {} x {}, {} folds: alpha {} ({} nonzero) in {} s",
                n,
                p,
                k,
                grid[chosen],
                model.nonZero(),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
        return new LassoCvResult(
                grid,
                msePath,
                meanMse,
                seMse,
                iMin,
                iOneSe,
                chosen,
                model,
                totalUnconverged,
                weights);
    }

    /**
     * LassoCV on the rows {@code trainIdx} (folds {@code trainFoldIds}, or this configuration's
     * folds if null), then absolute errors on the training and the held-out rows {@code testIdx}.
     */
    public LassoHoldOut fitHoldOut(
            Design x, double[] y, int[] trainIdx, int[] testIdx, int[] trainFoldIds) {
        checkY(y, x.rows());
        boolean[] seen = new boolean[x.rows()];
        for (int[] idx : new int[][] {trainIdx, testIdx}) {
            for (int i : idx) {
                if (i < 0 || i >= x.rows()) {
                    throw new IllegalArgumentException(
                            "row index " + i + " is outside 0.." + (x.rows() - 1));
                }
                if (seen[i]) {
                    throw new IllegalArgumentException(
                            "row " + i + " is listed twice in the train/test split");
                }
                seen[i] = true;
            }
        }
        if (testIdx.length == 0) {
            throw new IllegalArgumentException("the held-out set is empty");
        }
        Design xTrain = Design.subset(x, trainIdx);
        Design xTest = Design.subset(x, testIdx);
        double[] yTrain = new double[trainIdx.length];
        for (int i = 0; i < trainIdx.length; i++) {
            yTrain[i] = y[trainIdx[i]];
        }
        double[] yTest = new double[testIdx.length];
        for (int i = 0; i < testIdx.length; i++) {
            yTest[i] = y[testIdx[i]];
        }
        LassoCvResult r =
                trainFoldIds == null ? fit(xTrain, yTrain) : fit(xTrain, yTrain, trainFoldIds);
        double[] meanPred = new double[yTest.length];
        Arrays.fill(meanPred, mean(yTrain));
        return new LassoHoldOut(
                r,
                ErrorSummary.of(r.model(), xTrain, yTrain),
                ErrorSummary.of(r.model(), xTest, yTest),
                ErrorSummary.of(yTest, meanPred));
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
        checkY(y, x.rows());
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        double[] shiftX = columnMeans(x);
        double shiftY = mean(y);
        int[] one = new int[x.rows()];
        GramStats s = GramStats.perFold(x, y, one, 1, shiftX, shiftY, 1, () -> {})[0];
        return refit(s.center(shiftX, shiftY), new double[] {alpha});
    }

    /** The alpha grid of this configuration for the given data (descending). */
    public double[] alphaGrid(Design x, double[] y) {
        checkY(y, x.rows());
        double[] shiftX = columnMeans(x);
        double shiftY = mean(y);
        int[] one = new int[x.rows()];
        GramStats s = GramStats.perFold(x, y, one, 1, shiftX, shiftY, 1, () -> {})[0];
        return grid(s.center(shiftX, shiftY));
    }

    private double[] grid(GramStats.Centered c) {
        double aMax = new GramLassoSolver(c, standardize ? scales(c) : null).alphaMax();
        double[] g = new double[nAlphas];
        if (aMax <= 1e-15) {
            // numpy's float resolution, as scikit-learn does for a constant response
            Arrays.fill(g, 1e-15);
            return g;
        }
        if (nAlphas == 1) {
            g[0] = aMax;
            return g;
        }
        double hi = Math.log10(aMax);
        double lo = Math.log10(aMax * eps);
        double step = (hi - lo) / (nAlphas - 1);
        for (int i = 0; i < nAlphas; i++) {
            double t = i == nAlphas - 1 ? hi : lo + i * step;
            g[nAlphas - 1 - i] = Math.pow(10.0, t);
        }
        return g;
    }

    private static double[] scales(GramStats.Centered c) {
        double[] s = new double[c.p()];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(Math.max(0.0, c.q2()[j * c.p() + j]) / c.n());
            // a constant column whose centred values are rounding noise must not be blown up
            if (s[j] <= 1e-10 * Math.max(1.0, Math.abs(c.xbar()[j]))) {
                s[j] = 0.0;
            }
        }
        return s;
    }

    /** Solves the path on a fold's training statistics; fills msePath[.][fold]. */
    private int path(
            GramStats.Centered train,
            double[] grid,
            GramStats test,
            double[][] msePath,
            int fold,
            double[] shiftX,
            double shiftY) {
        double[] scale = standardize ? scales(train) : null;
        GramLassoSolver solver = new GramLassoSolver(train, scale);
        int p = train.p();
        double[] w = new double[p];
        int[] support = new int[p];
        int bad = 0;
        for (int a = 0; a < grid.length; a++) {
            if (!solver.solve(grid[a], tol, maxIter)) {
                bad++;
            }
            int nnz = originalScale(solver.coefficients(), scale, w, support);
            double b = intercept(train, w, support, nnz);
            msePath[a][fold] = test.sumSquaredError(w, support, nnz, b, shiftX, shiftY) / test.n;
        }
        return bad;
    }

    /** Solves down the grid (warm starts) and returns the model at the last alpha. */
    private LassoModel refit(GramStats.Centered c, double[] gridToChosen) {
        double[] scale = standardize ? scales(c) : null;
        GramLassoSolver solver = new GramLassoSolver(c, scale);
        boolean ok = true;
        for (double a : gridToChosen) {
            ok = solver.solve(a, tol, maxIter);
        }
        double[] w = new double[c.p()];
        int[] support = new int[c.p()];
        int nnz = originalScale(solver.coefficients(), scale, w, support);
        double alpha = gridToChosen[gridToChosen.length - 1];
        return new LassoModel(
                alpha,
                w,
                intercept(c, w, support, nnz),
                solver.iterations(),
                solver.gap() / c.n(),
                ok);
    }

    private static int originalScale(double[] ws, double[] scale, double[] w, int[] support) {
        int nnz = 0;
        for (int j = 0; j < ws.length; j++) {
            w[j] = scale == null ? ws[j] : (scale[j] > 0 ? ws[j] / scale[j] : 0.0);
            if (w[j] != 0.0) {
                support[nnz++] = j;
            }
        }
        return nnz;
    }

    private static double intercept(GramStats.Centered c, double[] w, int[] support, int nnz) {
        double b = c.ybar();
        for (int a = 0; a < nnz; a++) {
            b -= c.xbar()[support[a]] * w[support[a]];
        }
        return b;
    }

    private ProgressBar progressBar(String task, long max) {
        if (!progress) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).build();
    }

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

    private static void checkY(double[] y, int n) {
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

    private static double mean(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v;
        }
        return s / y.length;
    }

    @Override
    public String toString() {
        return "LassoCv{folds="
                + folds
                + ", nAlphas="
                + nAlphas
                + ", eps="
                + eps
                + ", tol="
                + tol
                + ", maxIter="
                + maxIter
                + ", standardize="
                + standardize
                + ", selection="
                + selection
                + "}";
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
            return new LassoCv(this);
        }
    }
}
