package io.pggan.latent.axis;

import java.util.Arrays;

/** The few vector and regression helpers the axis code needs. */
final class Vectors {
    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] scale(double[] a, double s) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] * s;
        }
        return out;
    }

    /** {@code z . d} of every row. */
    static double[] projections(float[][] z, double[] d) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double s = 0;
            for (int j = 0; j < d.length; j++) {
                s += z[i][j] * d[j];
            }
            p[i] = s;
        }
        return p;
    }

    /** {intercept, slope} of y on x. */
    static double[] simpleRegression(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx > 0 ? sxy / sxx : 0.0;
        return new double[] {my - slope * mx, slope};
    }

    static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0.0;
    }

    static double r2(double[] y, double[] pred) {
        double my = Arrays.stream(y).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - pred[i]) * (y[i] - pred[i]);
            sst += (y[i] - my) * (y[i] - my);
        }
        return sst > 0 ? 1 - sse / sst : Double.NaN;
    }
}
