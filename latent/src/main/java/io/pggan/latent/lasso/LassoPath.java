package io.pggan.latent.lasso;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solving half of {@link LassoCv}: the alpha grid, the coordinate-descent path on each fold's
 * training statistics (warm starts down the grid), the mean and standard error of the fold MSEs,
 * the selected alpha and the refit on all rows. Everything runs on Gram statistics.
 */
final class LassoPath {
    private static final Logger LOG = LoggerFactory.getLogger(LassoCv.class);

    private final int nAlphas;
    private final double eps;
    private final double[] alphas;
    private final double tol;
    private final int maxIter;
    private final boolean standardize;
    private final LassoCv.Selection selection;
    private final int seDdof;
    private final boolean weightFoldsBySize;
    private final int threads;

    LassoPath(LassoCv cv) {
        this.nAlphas = cv.nAlphas();
        this.eps = cv.eps();
        this.alphas = cv.alphas();
        this.tol = cv.tol();
        this.maxIter = cv.maxIter();
        this.standardize = cv.standardize();
        this.selection = cv.selection();
        this.seDdof = cv.seDdof();
        this.weightFoldsBySize = cv.weightFoldsBySize();
        this.threads = cv.threads();
    }

    /** The CV path over finished per-fold statistics, the selection and the refit on all rows. */
    LassoCvResult fit(GramStats[] perFold, double[] shiftX, double shiftY, long t0) {
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
        int chosen = selection == LassoCv.Selection.MIN ? iMin : iOneSe;
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

    /** The automatic alpha grid (descending) of centred statistics. */
    double[] grid(GramStats.Centered c) {
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
    LassoModel refit(GramStats.Centered c, double[] gridToChosen) {
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
}
