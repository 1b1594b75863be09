package io.pggan.latent.lasso;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fitted linear model {@code y = x . coef + intercept} at one penalty {@code alpha}.
 *
 * @param alpha the penalty in scikit-learn's convention
 * @param coef coefficients on the original scale of x
 * @param intercept the unpenalised intercept
 * @param iterations coordinate-descent sweeps of the last solve
 * @param dualGap the duality gap of the scaled objective ({@code 1/(2n)} form) at the end, as
 *     scikit-learn's {@code dual_gap_}
 * @param converged whether the duality gap reached the tolerance
 */
public record LassoModel(
        double alpha,
        double[] coef,
        double intercept,
        int iterations,
        double dualGap,
        boolean converged) {

    @JsonCreator
    public LassoModel(
            @JsonProperty("alpha") double alpha,
            @JsonProperty("coef") double[] coef,
            @JsonProperty("intercept") double intercept,
            @JsonProperty("iterations") int iterations,
            @JsonProperty("dualGap") double dualGap,
            @JsonProperty("converged") boolean converged) {
        this.alpha = alpha;
        this.coef = coef.clone();
        this.intercept = intercept;
        this.iterations = iterations;
        this.dualGap = dualGap;
        this.converged = converged;
    }

    @Override
    public double[] coef() {
        return coef.clone();
    }

    /** Prediction for one row. */
    public double predict(double[] x) {
        if (x.length != coef.length) {
            throw new IllegalArgumentException(
                    "row has " + x.length + " values but the model has " + coef.length);
        }
        double s = intercept;
        for (int j = 0; j < coef.length; j++) {
            s += coef[j] * x[j];
        }
        return s;
    }

    /** Predictions for every row of a design. */
    public double[] predict(Design x) {
        double[] row = new double[x.cols()];
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) {
            x.row(i, row);
            out[i] = predict(row);
        }
        return out;
    }

    /** Number of nonzero coefficients. */
    public int nonZero() {
        int c = 0;
        for (double v : coef) {
            if (v != 0.0) {
                c++;
            }
        }
        return c;
    }

    /** The scaled objective {@code (1/(2n))||y - Xw - b||^2 + alpha ||w||_1} on the given data. */
    public double objective(Design x, double[] y) {
        double[] pred = predict(x);
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - pred[i];
            sse += e * e;
        }
        double l1 = 0;
        for (double v : coef) {
            l1 += Math.abs(v);
        }
        return sse / (2.0 * y.length) + alpha * l1;
    }
}
