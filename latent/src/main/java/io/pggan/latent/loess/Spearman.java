package io.pggan.latent.loess;

import java.util.Arrays;

/** Spearman's rank correlation (Pearson correlation of average ranks, ties shared). */
public final class Spearman {
    private Spearman() {}

    public static double rho(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException(
                    "need two series of the same length >= 2, got "
                            + a.length
                            + " and "
                            + b.length);
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = (a.length + 1) / 2.0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - ma);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - ma) * (rb[i] - ma);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }
}
