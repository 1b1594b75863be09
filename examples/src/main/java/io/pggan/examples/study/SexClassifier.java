package io.pggan.examples.study;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;

/**
 * Whether sex is recoverable from images: L2-regularised logistic regression (liblinear, the
 * library the latent module already uses for the SVM axis) on standardised CNN features, fitted on
 * real images and scored on any others.
 */
final class SexClassifier {
    private final double[] mean;
    private final double[] sd;
    private final Model model;

    private SexClassifier(double[] mean, double[] sd, Model model) {
        this.mean = mean;
        this.sd = sd;
        this.model = model;
    }

    /**
     * Fits on features and sexes (1 = male, 0 = female).
     *
     * @param c inverse regularisation strength
     */
    static SexClassifier fit(float[][] x, int[] male, double c, long seed) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (float[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < p; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j]) + 1e-8;
        }
        Problem problem = new Problem();
        problem.l = n;
        problem.n = p + 1;
        problem.bias = 1;
        problem.x = new Feature[n][];
        problem.y = new double[n];
        SexClassifier shape = new SexClassifier(mean, sd, null);
        for (int i = 0; i < n; i++) {
            problem.x[i] = shape.row(x[i]);
            problem.y[i] = male[i];
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 1e-4);
        parameter.setRandom(new Random(seed));
        Linear.disableDebugOutput();
        return new SexClassifier(mean, sd, Linear.train(problem, parameter));
    }

    private Feature[] row(float[] x) {
        Feature[] row = new Feature[x.length + 1];
        for (int j = 0; j < x.length; j++) {
            row[j] = new FeatureNode(j + 1, (x[j] - mean[j]) / sd[j]);
        }
        row[x.length] = new FeatureNode(x.length + 1, 1.0);
        return row;
    }

    /** 1 for male, 0 for female. */
    int predict(float[] x) {
        return (int) Linear.predict(model, row(x));
    }

    /** Share of rows whose predicted sex is the given one. */
    double accuracy(float[][] x, int[] male) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            ok += predict(x[i]) == male[i] ? 1 : 0;
        }
        return ok / (double) x.length;
    }
}
