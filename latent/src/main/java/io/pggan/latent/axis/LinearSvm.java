package io.pggan.latent.axis;

import io.pggan.random.Permutation;
import java.util.Random;

/**
 * A linear support vector machine (L2-regularised hinge loss) trained by dual coordinate descent
 * (Hsieh et al., ICML 2008, the liblinear solver). The bias is learned as the weight of a constant
 * feature (liblinear's convention, so it is lightly regularised, unlike libsvm's {@code
 * SVC(kernel='linear')} used by InterFaceGAN; the direction is what matters here).
 */
public final class LinearSvm {
    private final double[] w;
    private final double bias;
    private final int iterations;

    private LinearSvm(double[] w, double bias, int iterations) {
        this.w = w;
        this.bias = bias;
        this.iterations = iterations;
    }

    /**
     * Trains on rows {@code x} with labels {@code +1/-1}.
     *
     * @param c the penalty of the hinge loss (liblinear/sklearn {@code C})
     * @param tol stop when the projected-gradient spread falls below tol
     * @param maxIter passes over the data
     * @param seed for the random order of coordinates
     */
    public static LinearSvm train(
            double[][] x, int[] labels, double c, double tol, int maxIter, long seed) {
        int n = x.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException(
                    n + " rows but " + labels.length + " labels (need the same, at least one)");
        }
        boolean pos = false;
        boolean neg = false;
        for (int i = 0; i < n; i++) {
            if (labels[i] == 1) {
                pos = true;
            } else if (labels[i] == -1) {
                neg = true;
            } else {
                throw new IllegalArgumentException(
                        "label at row " + i + " is " + labels[i] + ", not +1/-1");
            }
        }
        if (!pos || !neg) {
            throw new IllegalArgumentException("need both +1 and -1 labels");
        }
        int p = x[0].length;
        double[] w = new double[p + 1];
        double[] alpha = new double[n];
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1.0;
            for (double v : x[i]) {
                s += v * v;
            }
            qii[i] = s;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        int it = 0;
        for (; it < maxIter; it++) {
            Permutation.shuffle(order, rnd);
            double pgMax = Double.NEGATIVE_INFINITY;
            double pgMin = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double[] xi = x[i];
                int yi = labels[i];
                double dot = w[p];
                for (int j = 0; j < p; j++) {
                    dot += w[j] * xi[j];
                }
                double g = yi * dot - 1.0;
                double pg = g;
                if (alpha[i] == 0) {
                    pg = Math.min(g, 0);
                } else if (alpha[i] == c) {
                    pg = Math.max(g, 0);
                }
                pgMax = Math.max(pgMax, pg);
                pgMin = Math.min(pgMin, pg);
                if (pg != 0) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - g / qii[i], 0), c);
                    double d = (alpha[i] - old) * yi;
                    if (d != 0) {
                        for (int j = 0; j < p; j++) {
                            w[j] += d * xi[j];
                        }
                        w[p] += d;
                    }
                }
            }
            if (pgMax - pgMin < tol) {
                it++;
                break;
            }
        }
        double[] weights = new double[p];
        System.arraycopy(w, 0, weights, 0, p);
        return new LinearSvm(weights, w[p], it);
    }

    /** The weight vector (normal of the separating hyperplane). */
    public double[] weights() {
        return w.clone();
    }

    public double bias() {
        return bias;
    }

    /** Passes over the data until convergence (or the limit). */
    public int iterations() {
        return iterations;
    }

    /** Signed decision value {@code w . x + b}. */
    public double decision(double[] x) {
        double s = bias;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[j];
        }
        return s;
    }

    /** Fraction of rows whose sign matches the label. */
    public double accuracy(double[][] x, int[] labels) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            if ((decision(x[i]) >= 0 ? 1 : -1) == labels[i]) {
                ok++;
            }
        }
        return x.length == 0 ? Double.NaN : (double) ok / x.length;
    }
}
