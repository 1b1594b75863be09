package io.pggan.latent.axis;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.pggan.random.Permutation;
import java.util.Arrays;
import java.util.Random;

/**
 * InterFaceGAN's boundary ({@code utils/manipulator.py::train_boundary}): the youngest and the
 * oldest {@code tailFraction} of the samples are labelled -1 / +1, {@code trainFraction} of them
 * train a linear SVM, the rest measure its accuracy, and the boundary's normal is the direction.
 *
 * <p>The SVM is liblinear's ({@code de.bwaldvogel:liblinear}, the Java port of the library
 * scikit-learn's {@code LinearSVC} wraps): hinge loss as in InterFaceGAN's {@code
 * SVC(kernel='linear')}, dual coordinate descent, the bias learned as the weight of a constant
 * feature of value {@code biasScaling}. With the default 10 the penalty on the bias is negligible,
 * and on the fixture of {@code SvmAxisFixtureTest} the direction equals {@code SVC}'s to a cosine
 * of 1 - 1e-7 and {@code LinearSVC(loss='hinge', intercept_scaling=10)}'s coefficients to 1e-6.
 */
public final class SvmAxis implements AxisMethod {
    private final double tailFraction;
    private final double trainFraction;
    private final double c;
    private final double biasScaling;
    private final double tolerance;

    private SvmAxis(Builder b) {
        this.tailFraction = b.tailFraction;
        this.trainFraction = b.trainFraction;
        this.c = b.c;
        this.biasScaling = b.biasScaling;
        this.tolerance = b.tolerance;
    }

    /** A builder with InterFaceGAN's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "SVM";
    }

    @Override
    public Direction find(AxisSample train) {
        int n = train.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] y = train.months();
        Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
        int k = Math.max(2, (int) Math.round(tailFraction * n));
        if (2 * k > n) {
            throw new IllegalArgumentException(
                    "svmTailFraction " + tailFraction + " of " + n + " samples overlaps");
        }
        int m = 2 * k;
        double[][] x = new double[m][];
        int[] labels = new int[m];
        for (int i = 0; i < k; i++) {
            x[i] = train.latent(order[i]);
            labels[i] = -1;
            x[k + i] = train.latent(order[n - 1 - i]);
            labels[k + i] = 1;
        }
        int[] perm = Permutation.of(m, train.seed() + 1);
        int nFit = Math.max(2, (int) Math.round(trainFraction * m));
        double[][] xFit = new double[nFit][];
        int[] yFit = new int[nFit];
        double[][] xVal = new double[m - nFit][];
        int[] yVal = new int[m - nFit];
        for (int i = 0; i < m; i++) {
            int src = perm[i];
            if (i < nFit) {
                xFit[i] = x[src];
                yFit[i] = labels[src];
            } else {
                xVal[i - nFit] = x[src];
                yVal[i - nFit] = labels[src];
            }
        }
        if (Arrays.stream(yFit).distinct().count() < 2) {
            // tiny samples: fall back to all extremes
            xFit = x;
            yFit = labels;
        }
        double[] wb = train(xFit, yFit, train.seed());
        double[] w = Arrays.copyOf(wb, wb.length - 1);
        return new Direction(w, Double.NaN, 0, 0, accuracy(w, wb[wb.length - 1], xVal, yVal));
    }

    /**
     * Trains the SVM on rows with labels +1 / -1.
     *
     * @return the weights, then the bias as the last element, oriented towards +1
     */
    double[] train(double[][] x, int[] labels, long seed) {
        int n = x.length;
        int p = x[0].length;
        Problem problem = new Problem();
        problem.l = n;
        problem.n = p + 1;
        problem.bias = biasScaling;
        problem.x = new Feature[n][];
        problem.y = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] != 1 && labels[i] != -1) {
                throw new IllegalArgumentException(
                        "label at row " + i + " is " + labels[i] + ", not +1/-1");
            }
            Feature[] row = new Feature[p + 1];
            for (int j = 0; j < p; j++) {
                row[j] = new FeatureNode(j + 1, x[i][j]);
            }
            row[p] = new FeatureNode(p + 1, biasScaling);
            problem.x[i] = row;
            problem.y[i] = labels[i];
        }
        Parameter parameter =
                new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, tolerance, 1_000_000, 0.1);
        parameter.setRandom(new Random(seed));
        Model model;
        synchronized (Linear.class) {
            Linear.disableDebugOutput();
            model = Linear.train(problem, parameter);
        }
        double[] w = model.getFeatureWeights().clone();
        // liblinear orients the weights towards the first label it saw
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] out = new double[p + 1];
        for (int j = 0; j < p; j++) {
            out[j] = sign * w[j];
        }
        out[p] = sign * w[p] * biasScaling;
        return out;
    }

    private static double accuracy(double[] w, double b, double[][] x, int[] labels) {
        if (x.length == 0) {
            return Double.NaN;
        }
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            double s = b;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * x[i][j];
            }
            if ((s >= 0 ? 1 : -1) == labels[i]) {
                ok++;
            }
        }
        return (double) ok / x.length;
    }

    /** Builder with InterFaceGAN's defaults. */
    public static final class Builder {
        private double tailFraction = 0.02;
        private double trainFraction = 0.7;
        private double c = 1.0;
        private double biasScaling = 1;
        private double tolerance = 1e-6;

        private Builder() {}

        /** InterFaceGAN's {@code chosen_num_or_ratio}: each tail's share (default 0.02). */
        public Builder tailFraction(double v) {
            tailFraction = v;
            return this;
        }

        /** InterFaceGAN's {@code split_ratio} of the extremes used to train (default 0.7). */
        public Builder trainFraction(double v) {
            trainFraction = v;
            return this;
        }

        /** The loss's penalty C (default 1, as scikit-learn's). */
        public Builder c(double v) {
            c = v;
            return this;
        }

        /** Value of the constant feature that carries the bias ({@code intercept_scaling}, 1). */
        public Builder biasScaling(double v) {
            biasScaling = v;
            return this;
        }

        /** liblinear's stopping tolerance (default 1e-6). */
        public Builder tolerance(double v) {
            tolerance = v;
            return this;
        }

        /** Validates and builds. */
        public SvmAxis build() {
            if (!(tailFraction > 0 && tailFraction <= 0.5)) {
                throw new IllegalArgumentException(
                        "svmTailFraction must be in (0, 0.5], got " + tailFraction);
            }
            if (!(trainFraction > 0 && trainFraction <= 1)) {
                throw new IllegalArgumentException(
                        "svmTrainFraction must be in (0, 1], got " + trainFraction);
            }
            if (!(c > 0) || !(biasScaling > 0) || !(tolerance > 0)) {
                throw new IllegalArgumentException(
                        "svm C, biasScaling and tolerance must be > 0, got "
                                + c
                                + ", "
                                + biasScaling
                                + ", "
                                + tolerance);
            }
            return new SvmAxis(this);
        }
    }
}
