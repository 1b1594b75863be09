package io.pggan.latent.loess;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Arrays;

/**
 * LOWESS: locally weighted straight lines with tricube weights and bisquare robustness iterations
 * (Cleveland 1979). Two flavours reproduce the two common implementations number by number:
 *
 * <ul>
 *   <li>{@link Flavor#STATSMODELS}: {@code statsmodels.nonparametric.lowess(y, x, frac, it, delta)}
 *       (0.13.5 .. 0.14.6), the default;
 *   <li>{@link Flavor#R}: R's {@code stats::lowess(x, y, f, iter, delta)} (clowess), which has
 *       0.001/0.999 cut-offs and stops iterating when the residuals are essentially zero.
 * </ul>
 *
 * Fitted values are returned in input order. Immutable; serialises to JSON.
 */
@JsonDeserialize(builder = Lowess.Builder.class)
public final class Lowess {

    /** Which implementation's conventions to follow. */
    public enum Flavor {
        STATSMODELS,
        R
    }

    private final double frac;
    private final int iterations;
    private final double delta;
    private final Flavor flavor;

    private Lowess(Builder b) {
        this.frac = b.frac;
        this.iterations = b.iterations;
        this.delta = b.delta;
        this.flavor = b.flavor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fraction of points in each local fit (statsmodels {@code frac}, R {@code f}). */
    @JsonProperty
    public double frac() {
        return frac;
    }

    /** Robustness iterations after the first fit (statsmodels {@code it}, R {@code iter}). */
    @JsonProperty
    public int iterations() {
        return iterations;
    }

    /** Points within delta of the last fitted x are interpolated instead of fitted. */
    @JsonProperty
    public double delta() {
        return delta;
    }

    @JsonProperty
    public Flavor flavor() {
        return flavor;
    }

    /** Smoothed values of y at every x, in input order. */
    public double[] smooth(double[] x, double[] y) {
        SmootherInput.check(x, y);
        int n = x.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(x[a], x[b]));
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x[boxed[i]];
            ys[i] = y[boxed[i]];
        }
        double[] fit = flavor == Flavor.STATSMODELS ? statsmodels(xs, ys) : clowess(xs, ys);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[boxed[i]] = fit[i];
        }
        return out;
    }

    private static double tricube(double u) {
        u = Math.min(Math.abs(u), 1.0);
        double t = 1.0 - u * u * u;
        return t * t * t;
    }

    private double[] statsmodels(double[] xs, double[] ys) {
        int n = xs.length;
        int k = (int) (frac * n + 1e-10);
        k = Math.min(Math.max(k, 2), n);
        double[] rw = new double[n];
        Arrays.fill(rw, 1.0);
        double[] fit = new double[n];
        double[] w = new double[n];
        for (int iter = 0; iter <= iterations; iter++) {
            fit = new double[n];
            int left = 0;
            int right = k;
            int i = 0;
            int last = -1;
            while (true) {
                double xv = xs[i];
                while (right < n && xv > (xs[left] + xs[right]) / 2.0) {
                    left++;
                    right++;
                }
                double radius = Math.max(xv - xs[left], xs[right - 1] - xv);
                int positive = 0;
                double sum = 0;
                for (int j = left; j < right; j++) {
                    w[j] = tricube(Math.abs(xs[j] - xv) / radius) * rw[j];
                    if (w[j] > 1e-12) {
                        positive++;
                    }
                    sum += w[j];
                }
                if (positive < 2) {
                    fit[i] = ys[i];
                } else {
                    double xbar = 0;
                    for (int j = left; j < right; j++) {
                        w[j] /= sum;
                        xbar += w[j] * xs[j];
                    }
                    double ssx = 0;
                    for (int j = left; j < right; j++) {
                        ssx += w[j] * (xs[j] - xbar) * (xs[j] - xbar);
                    }
                    ssx = Math.max(ssx, 1e-12);
                    double f = 0;
                    for (int j = left; j < right; j++) {
                        f += w[j] * (1.0 + (xv - xbar) * (xs[j] - xbar) / ssx) * ys[j];
                    }
                    fit[i] = f;
                }
                int[] next = advance(xs, fit, i, last);
                last = next[0];
                i = next[1];
                if (last >= n - 1) {
                    break;
                }
            }
            if (iter == iterations) {
                break;
            }
            double[] r = new double[n];
            for (int j = 0; j < n; j++) {
                r[j] = Math.abs(ys[j] - fit[j]);
            }
            double med = median(r);
            for (int j = 0; j < n; j++) {
                double u = med == 0.0 ? (r[j] > 0 ? 1.0 : 0.0) : Math.min(r[j] / (6.0 * med), 1.0);
                rw[j] = (1.0 - u * u) * (1.0 - u * u);
            }
        }
        return fit;
    }

    /**
     * After fitting at i: interpolate skipped points, copy the fit to ties, and pick the next point
     * to fit (the last one within delta). Returns {last, next i}.
     */
    private int[] advance(double[] xs, double[] fit, int i, int last) {
        int n = xs.length;
        if (last < i - 1) {
            for (int j = last + 1; j < i; j++) {
                double a = (xs[j] - xs[last]) / (xs[i] - xs[last]);
                fit[j] = a * fit[i] + (1 - a) * fit[last];
            }
        }
        last = i;
        double cut = xs[last] + delta;
        int j = last + 1;
        while (j < n && xs[j] <= cut) {
            if (xs[j] == xs[last]) {
                fit[j] = fit[last];
                last = j;
            }
            j++;
        }
        return new int[] {last, Math.max(j - 1, last + 1)};
    }

    private double[] clowess(double[] xs, double[] ys) {
        int n = xs.length;
        int ns = Math.max(2, Math.min(n, (int) (frac * n + 1e-7)));
        double range = xs[n - 1] - xs[0];
        double[] rw = new double[n];
        double[] fit = new double[n];
        double[] w = new double[n];
        for (int iter = 0; iter <= iterations; iter++) {
            int nleft = 0;
            int nright = ns - 1;
            int last = -1;
            int i = 0;
            while (true) {
                while (nright < n - 1 && xs[i] - xs[nleft] > xs[nright + 1] - xs[i]) {
                    nleft++;
                    nright++;
                }
                double xv = xs[i];
                double h = Math.max(xv - xs[nleft], xs[nright] - xv);
                Arrays.fill(w, 0.0);
                double a = 0;
                int end = nleft;
                for (int j = nleft; j < n; j++) {
                    double r = Math.abs(xs[j] - xv);
                    if (r <= 0.999 * h) {
                        double wj = r <= 0.001 * h ? 1.0 : tricube(r / h);
                        if (iter > 0) {
                            wj *= rw[j];
                        }
                        w[j] = wj;
                        a += wj;
                        end = j + 1;
                    } else if (xs[j] > xv) {
                        break;
                    }
                }
                if (a <= 0) {
                    fit[i] = ys[i];
                } else {
                    for (int j = nleft; j < end; j++) {
                        w[j] /= a;
                    }
                    if (h > 0) {
                        double xbar = 0;
                        for (int j = nleft; j < end; j++) {
                            xbar += w[j] * xs[j];
                        }
                        double c = 0;
                        for (int j = nleft; j < end; j++) {
                            c += w[j] * (xs[j] - xbar) * (xs[j] - xbar);
                        }
                        if (Math.sqrt(c) > 0.001 * range) {
                            for (int j = nleft; j < end; j++) {
                                w[j] *= (xv - xbar) / c * (xs[j] - xbar) + 1.0;
                            }
                        }
                    }
                    double f = 0;
                    for (int j = nleft; j < end; j++) {
                        f += w[j] * ys[j];
                    }
                    fit[i] = f;
                }
                int[] next = advance(xs, fit, i, last);
                last = next[0];
                i = Math.max(last + 1, next[1]);
                if (last >= n - 1) {
                    break;
                }
            }
            if (iter == iterations) {
                break;
            }
            double[] r = new double[n];
            double sc = 0;
            for (int j = 0; j < n; j++) {
                r[j] = Math.abs(ys[j] - fit[j]);
                sc += r[j];
            }
            sc /= n;
            double cmad = 6.0 * median(r);
            if (cmad < 1e-7 * sc) {
                break;
            }
            for (int j = 0; j < n; j++) {
                if (r[j] <= 0.001 * cmad) {
                    rw[j] = 1.0;
                } else if (r[j] <= 0.999 * cmad) {
                    double u = r[j] / cmad;
                    rw[j] = (1 - u * u) * (1 - u * u);
                } else {
                    rw[j] = 0.0;
                }
            }
        }
        return fit;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @Override
    public String toString() {
        return "Lowess{frac="
                + frac
                + ", iterations="
                + iterations
                + ", delta="
                + delta
                + ", flavor="
                + flavor
                + "}";
    }

    /** Builder; defaults are statsmodels' ({@code frac=2/3, it=3, delta=0}). */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private double frac = 2.0 / 3.0;
        private int iterations = 3;
        private double delta;
        private Flavor flavor = Flavor.STATSMODELS;

        private Builder() {}

        public Builder frac(double v) {
            frac = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Builder delta(double v) {
            delta = v;
            return this;
        }

        public Builder flavor(Flavor v) {
            flavor = v;
            return this;
        }

        public Lowess build() {
            if (!(frac > 0 && frac <= 1)) {
                throw new IllegalArgumentException("frac must be in (0, 1], got " + frac);
            }
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
            }
            if (!(delta >= 0) || Double.isInfinite(delta)) {
                throw new IllegalArgumentException("delta must be finite and >= 0, got " + delta);
            }
            if (flavor == null) {
                throw new IllegalArgumentException("flavor must not be null");
            }
            return new Lowess(this);
        }
    }
}
