package io.pggan.latent.lasso;

/**
 * The outcome of {@link LassoCv#fit}: the cross-validation curve and the model refitted on all rows
 * at the selected alpha.
 *
 * @param alphas the penalty grid, descending
 * @param msePath held-out mean squared error, {@code [alpha][fold]} (scikit-learn's {@code
 *     mse_path_})
 * @param meanMse unweighted mean of the fold MSEs per alpha
 * @param seMse standard error of the fold MSEs per alpha ({@code sd / sqrt(folds)}, sd with the
 *     configured ddof)
 * @param indexMin index of the minimum mean MSE (first on ties, i.e. the larger alpha)
 * @param indexOneSe index of the largest alpha whose mean MSE is within one standard error of the
 *     minimum
 * @param selectedIndex the index used for the refit, per {@link LassoCv.Selection}
 * @param model the refit on all rows at {@code alphas[selectedIndex]}
 * @param unconvergedFits number of (alpha, fold) fits that hit the iteration limit
 * @param foldWeights weights of the folds in the mean and sd (null: equal, as scikit-learn; glmnet
 *     weights by fold size)
 */
public record LassoCvResult(
        double[] alphas,
        double[][] msePath,
        double[] meanMse,
        double[] seMse,
        int indexMin,
        int indexOneSe,
        int selectedIndex,
        LassoModel model,
        int unconvergedFits,
        double[] foldWeights) {

    /** The alpha at the minimum mean CV error. */
    public double alphaMin() {
        return alphas[indexMin];
    }

    /** The alpha chosen by the one-standard-error rule. */
    public double alphaOneSe() {
        return alphas[indexOneSe];
    }

    /** Standard errors of the fold MSEs per alpha with the given ddof (0 or 1). */
    public double[] seMse(int ddof) {
        return standardErrors(msePath, meanMse, ddof, foldWeights);
    }

    /** Standard deviation of the fold MSEs per alpha with the given ddof (0 or 1). */
    public double[] sdMse(int ddof) {
        double[] se = seMse(ddof);
        for (int a = 0; a < se.length; a++) {
            se[a] *= Math.sqrt(msePath[a].length);
        }
        return se;
    }

    /** The one-standard-error index with the sd's ddof (0 or 1). */
    public int indexOneSe(int ddof) {
        return oneSeIndex(meanMse, seMse(ddof), indexMin);
    }

    /**
     * {@code sqrt(weighted mean over folds of (mse - mean)^2 / (folds - ddof))}: with equal weights
     * the sd of the fold MSEs over sqrt(folds); with fold-size weights glmnet's {@code cvsd}.
     */
    static double[] standardErrors(
            double[][] msePath, double[] meanMse, int ddof, double[] weights) {
        double[] se = new double[meanMse.length];
        for (int a = 0; a < se.length; a++) {
            int k = msePath[a].length;
            double ss = 0;
            double sw = 0;
            for (int f = 0; f < k; f++) {
                double w = weights == null ? 1.0 : weights[f];
                double d = msePath[a][f] - meanMse[a];
                ss += w * d * d;
                sw += w;
            }
            se[a] = Math.sqrt(ss / sw / (k - ddof));
        }
        return se;
    }

    /** Smallest index (largest alpha) with mean MSE within one SE (taken at the minimum). */
    static int oneSeIndex(double[] meanMse, double[] se, int indexMin) {
        double threshold = meanMse[indexMin] + se[indexMin];
        for (int a = 0; a <= indexMin; a++) {
            if (meanMse[a] <= threshold) {
                return a;
            }
        }
        return indexMin;
    }

    /** The alpha of the refitted model. */
    public double selectedAlpha() {
        return alphas[selectedIndex];
    }
}
