package io.pggan.latent.lasso;

import java.util.Arrays;

/**
 * A LassoCV fitted on training rows and judged on held-out rows, as the study reports it ("absolute
 * error mean ± sd on train and held-out data").
 *
 * @param cv the cross-validated fit on the training rows (its own alpha grid and folds)
 * @param train absolute errors of the refit on the training rows
 * @param test absolute errors of the refit on the held-out rows
 * @param testOfMean absolute errors on the held-out rows of predicting the training mean
 */
public record LassoHoldOut(
        LassoCvResult cv, ErrorSummary train, ErrorSummary test, ErrorSummary testOfMean) {

    /** {@link LassoCv#fitHoldOut(Design, double[], int[], int[], int[])}. */
    static LassoHoldOut fit(
            LassoCv cv, Design x, double[] y, int[] trainIdx, int[] testIdx, int[] trainFoldIds) {
        LassoInputs.checkY(y, x.rows());
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
                trainFoldIds == null
                        ? cv.fit(xTrain, yTrain)
                        : cv.fit(xTrain, yTrain, trainFoldIds);
        double[] meanPred = new double[yTest.length];
        Arrays.fill(meanPred, LassoInputs.mean(yTrain));
        return new LassoHoldOut(
                r,
                ErrorSummary.of(r.model(), xTrain, yTrain),
                ErrorSummary.of(r.model(), xTest, yTest),
                ErrorSummary.of(yTest, meanPred));
    }
}
