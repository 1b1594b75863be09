package io.pggan.latent.lasso;

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
        LassoCvResult cv, ErrorSummary train, ErrorSummary test, ErrorSummary testOfMean) {}
