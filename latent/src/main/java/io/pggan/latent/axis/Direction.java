package io.pggan.latent.axis;

import io.pggan.latent.lasso.LassoModel;

/**
 * What an {@link AxisMethod} found.
 *
 * @param vector the direction, not necessarily of unit length
 * @param intercept the intercept of the method's own linear model of age, {@code age = intercept +
 *     vector . z}; NaN when the method is not a regression (the finder then fits age on the
 *     projection)
 * @param alpha LASSO penalty (0 for other methods)
 * @param nonZero nonzero coefficients of a linear model (0 for other methods)
 * @param validationAccuracy accuracy of a classifier on samples it held out (NaN for other methods)
 */
public record Direction(
        double[] vector, double intercept, double alpha, int nonZero, double validationAccuracy) {
    /** A direction from a method that is not a regression. */
    public static Direction of(double[] vector) {
        return new Direction(vector, Double.NaN, 0, 0, Double.NaN);
    }

    /** The coefficients of a fitted linear model, keeping its intercept. */
    public static Direction of(LassoModel model) {
        return new Direction(
                model.coef(), model.intercept(), model.alpha(), model.nonZero(), Double.NaN);
    }

    /** Whether {@link #intercept()} belongs to a linear model of age along {@link #vector()}. */
    public boolean isRegression() {
        return !Double.isNaN(intercept);
    }
}
