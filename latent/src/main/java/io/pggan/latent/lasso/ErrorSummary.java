package io.pggan.latent.lasso;

import java.util.Arrays;
import java.util.Locale;

/**
 * Summary of absolute errors {@code |y - prediction|}: the study reports "mean ± sd". Both sd
 * conventions are kept because the study does not say which it used.
 *
 * @param n number of rows
 * @param mean mean absolute error
 * @param sdDdof0 population standard deviation (NumPy's default)
 * @param sdDdof1 sample standard deviation (R's {@code sd})
 * @param median median absolute error
 * @param max largest absolute error
 */
public record ErrorSummary(
        int n, double mean, double sdDdof0, double sdDdof1, double median, double max) {

    /** Summary of {@code |truth - predicted|}. */
    public static ErrorSummary of(double[] truth, double[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(
                    truth.length + " true values but " + predicted.length + " predictions");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to summarise");
        }
        int n = truth.length;
        double[] e = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.abs(truth[i] - predicted[i]);
            sum += e[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : e) {
            ss += (v - mean) * (v - mean);
        }
        Arrays.sort(e);
        double median = n % 2 == 1 ? e[n / 2] : 0.5 * (e[n / 2 - 1] + e[n / 2]);
        return new ErrorSummary(
                n,
                mean,
                Math.sqrt(ss / n),
                n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0,
                median,
                e[n - 1]);
    }

    /** Summary of a model's absolute errors on the given rows. */
    public static ErrorSummary of(LassoModel model, Design x, double[] y) {
        return of(y, model.predict(x));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f ± %.3f (n=%d, sd ddof=1)", mean, sdDdof1, n);
    }
}
