package io.pggan.latent.axis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.latent.LatentGenerator;
import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.ErrorSummary;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import io.pggan.latent.lasso.LassoModel;
import io.pggan.latent.lasso.LeastSquares;
import io.pggan.random.Permutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the age axis of a generator from labelled latents (latent, predicted months):
 *
 * <pre>{@code
 * AgeAxis axis = LatentAxisFinder.builder()
 *         .generator(generator)            // model id and latent size go into the axis file
 *         .method(AxisMethod.LASSO_CV)     // the study; or OLS, SVM (InterFaceGAN), PCA (GANSpace)
 *         .condition("sex", sexDirection)  // optional: age changes alone
 *         .build()
 *         .fit(latents, months);
 * }</pre>
 *
 * A random {@code testFraction} of the samples is held out; the axis reports R^2 and the mean
 * absolute error there, next to the MAE of predicting the training mean.
 */
public final class LatentAxisFinder {
    private static final Logger LOG = LoggerFactory.getLogger(LatentAxisFinder.class);

    private final String modelId;
    private final int latentDim;
    private final AxisMethod method;
    private final LassoCv lassoCv;
    private final double testFraction;
    private final long seed;
    private final double svmTailFraction;
    private final double svmTrainFraction;
    private final double svmC;
    private final int pcaComponents;
    private final Map<String, double[]> conditions;

    private LatentAxisFinder(Builder b) {
        this.modelId = b.modelId;
        this.latentDim = b.latentDim;
        this.method = b.method;
        this.lassoCv = b.lassoCv;
        this.testFraction = b.testFraction;
        this.seed = b.seed;
        this.svmTailFraction = b.svmTailFraction;
        this.svmTrainFraction = b.svmTrainFraction;
        this.svmC = b.svmC;
        this.pcaComponents = b.pcaComponents;
        this.conditions = new LinkedHashMap<>(b.conditions);
    }

    public static Builder builder() {
        return new Builder();
    }

    @JsonProperty
    public String modelId() {
        return modelId;
    }

    @JsonProperty
    public int latentDim() {
        return latentDim;
    }

    @JsonProperty
    public AxisMethod method() {
        return method;
    }

    @JsonProperty
    public LassoCv lassoCv() {
        return lassoCv;
    }

    @JsonProperty
    public double testFraction() {
        return testFraction;
    }

    @JsonProperty
    public long seed() {
        return seed;
    }

    @JsonProperty
    public double svmTailFraction() {
        return svmTailFraction;
    }

    @JsonProperty
    public double svmTrainFraction() {
        return svmTrainFraction;
    }

    @JsonProperty
    public double svmC() {
        return svmC;
    }

    @JsonProperty
    public int pcaComponents() {
        return pcaComponents;
    }

    /** Names of the directions projected out. */
    @JsonProperty
    public List<String> conditionNames() {
        return List.copyOf(conditions.keySet());
    }

    /** Fits the axis; PCA uses the latents themselves as features. */
    public AgeAxis fit(float[][] latents, double[] months) {
        return fit(latents, months, null);
    }

    /**
     * Fits the axis.
     *
     * @param latents {@code [n][latentDim]}
     * @param months predicted age of each latent's image
     * @param pcaFeatures for {@link AxisMethod#PCA}: per-sample features (e.g. generator
     *     activations) whose principal components are mapped back to the latent; null to use the
     *     latents
     */
    public AgeAxis fit(float[][] latents, double[] months, float[][] pcaFeatures) {
        int n = checkInputs(latents, months);
        int[] perm = Permutation.of(n, seed);
        int nTest = Math.max(1, (int) Math.round(testFraction * n));
        int nTrain = n - nTest;
        if (nTrain < Math.max(lassoCv.folds(), 4)) {
            throw new IllegalArgumentException(
                    "only "
                            + nTrain
                            + " training samples: fewer than the "
                            + lassoCv.folds()
                            + " CV folds");
        }
        int[] trainIdx = Arrays.copyOfRange(perm, 0, nTrain);
        int[] testIdx = Arrays.copyOfRange(perm, nTrain, n);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        float[][] zTrain = rows(latents, trainIdx);
        float[][] zTest = rows(latents, testIdx);
        double[] yTrain = pick(months, trainIdx);
        double[] yTest = pick(months, testIdx);

        double[] raw;
        double alpha = 0;
        int nonZero = 0;
        double svmAccuracy = Double.NaN;
        LassoModel linear = null;
        switch (method) {
            case LASSO_CV -> {
                LassoCvResult r = lassoCv.fit(Design.of(zTrain), yTrain);
                linear = r.model();
                alpha = linear.alpha();
                nonZero = linear.nonZero();
                raw = linear.coef();
            }
            case OLS -> {
                linear = LeastSquares.fit(Design.of(zTrain), yTrain, 0.0);
                nonZero = linear.nonZero();
                raw = linear.coef();
            }
            case SVM -> {
                double[] acc = new double[1];
                raw = svmDirection(zTrain, yTrain, acc);
                svmAccuracy = acc[0];
            }
            case PCA ->
                    raw =
                            pcaDirection(
                                    zTrain,
                                    yTrain,
                                    pcaFeatures == null ? null : rows(pcaFeatures, trainIdx));
            default -> throw new IllegalStateException("unknown method " + method);
        }
        double norm = norm(raw);
        if (!(norm > 0)) {
            throw new IllegalStateException(
                    method
                            + " found no direction: every coefficient is 0 (age is not linearly"
                            + " predictable from the latent with this penalty)");
        }
        double[] d = scale(raw, 1.0 / norm);
        boolean conditioned = !conditions.isEmpty();
        if (conditioned) {
            d = projectOut(d, conditions);
        }
        double slope;
        double intercept;
        if (linear != null && !conditioned) {
            // keep the fitted model's own predictions: age = b + |coef| (z . d)
            slope = norm;
            intercept = linear.intercept();
        } else {
            double[] proj = projections(zTrain, d);
            double[] line = simpleRegression(proj, yTrain);
            intercept = line[0];
            slope = line[1];
        }
        if (slope < 0) {
            d = scale(d, -1);
            slope = -slope;
        }
        if (slope == 0) {
            throw new IllegalStateException(
                    "age does not change along the " + method + " direction");
        }
        double[] predTrain = predict(zTrain, d, slope, intercept);
        double[] predTest = predict(zTest, d, slope, intercept);
        double trainMean = Arrays.stream(yTrain).average().orElseThrow();
        double[] meanPred = new double[nTest];
        Arrays.fill(meanPred, trainMean);
        AgeAxis axis =
                new AgeAxis(
                        1,
                        modelId,
                        latentDim,
                        method,
                        d,
                        slope,
                        intercept,
                        new ArrayList<>(conditions.keySet()),
                        alpha,
                        nonZero,
                        svmAccuracy,
                        r2(yTest, predTest),
                        ErrorSummary.of(yTrain, predTrain),
                        ErrorSummary.of(yTest, predTest),
                        ErrorSummary.of(yTest, meanPred).mean());
        LOG.info(
                "{} age axis: {} months per unit, held-out MAE {} (mean predictor {}), R2 {}",
                method,
                slope,
                axis.testErrors(),
                axis.testMaeOfMean(),
                axis.heldOutR2());
        return axis;
    }

    private int checkInputs(float[][] latents, double[] months) {
        if (latents == null || months == null) {
            throw new IllegalArgumentException("latents and months must not be null");
        }
        int n = latents.length;
        if (months.length != n) {
            throw new IllegalArgumentException(n + " latents but " + months.length + " ages");
        }
        for (int i = 0; i < n; i++) {
            float[] z = latents[i];
            if (z == null || z.length != latentDim) {
                throw new IllegalArgumentException(
                        "latent at row "
                                + i
                                + " has "
                                + (z == null ? 0 : z.length)
                                + " values but generator '"
                                + modelId
                                + "' expects latentDim "
                                + latentDim);
            }
            for (int j = 0; j < latentDim; j++) {
                if (!Float.isFinite(z[j])) {
                    throw new IllegalArgumentException(
                            "latent at row " + i + ", column " + j + " is " + z[j]);
                }
            }
            if (!Double.isFinite(months[i])) {
                throw new IllegalArgumentException("age at row " + i + " is " + months[i]);
            }
        }
        return n;
    }

    private double[] svmDirection(float[][] z, double[] y, double[] accuracyOut) {
        int n = z.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
        int k = Math.max(2, (int) Math.round(svmTailFraction * n));
        if (2 * k > n) {
            throw new IllegalArgumentException(
                    "svmTailFraction " + svmTailFraction + " of " + n + " samples overlaps");
        }
        int m = 2 * k;
        double[][] x = new double[m][];
        int[] labels = new int[m];
        for (int i = 0; i < k; i++) {
            x[i] = toDouble(z[order[i]]);
            labels[i] = -1;
            x[k + i] = toDouble(z[order[n - 1 - i]]);
            labels[k + i] = 1;
        }
        int[] perm = Permutation.of(m, seed + 1);
        int nFit = Math.max(2, (int) Math.round(svmTrainFraction * m));
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
        LinearSvm svm = LinearSvm.train(xFit, yFit, svmC, 1e-3, 1000, seed);
        accuracyOut[0] = xVal.length == 0 ? Double.NaN : svm.accuracy(xVal, yVal);
        return svm.weights();
    }

    private double[] pcaDirection(float[][] z, double[] y, float[][] features) {
        float[][] f = features == null ? z : features;
        int n = f.length;
        int d = f[0].length;
        double[] mean = new double[d];
        for (float[] row : f) {
            if (row.length != d) {
                throw new IllegalArgumentException("PCA features have rows of different lengths");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] c = cov.getData();
        double[] u = new double[d];
        for (float[] row : f) {
            for (int j = 0; j < d; j++) {
                u[j] = row[j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                double a = u[j];
                int off = j * d;
                for (int k = j; k < d; k++) {
                    c[off + k] += a * u[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j + 1; k < d; k++) {
                c[k * d + j] = c[j * d + k];
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("PCA eigen decomposition failed");
        }
        Integer[] byValue = new Integer[d];
        for (int j = 0; j < d; j++) {
            byValue[j] = j;
        }
        Arrays.sort(
                byValue,
                (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        int components = Math.min(pcaComponents, d);
        double best = -1;
        double[] bestScores = null;
        double[] bestVector = null;
        for (int r = 0; r < components; r++) {
            DMatrixRMaj v = eig.getEigenVector(byValue[r]);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (f[i][j] - mean[j]) * v.get(j, 0);
                }
                scores[i] = s;
            }
            double corr = Math.abs(correlation(scores, y));
            if (corr > best) {
                best = corr;
                bestScores = scores;
                bestVector = v.getData().clone();
            }
        }
        if (features == null) {
            return bestVector;
        }
        // GANSpace maps activation-space components back to the latent by least squares
        return LeastSquares.fit(Design.of(z), bestScores, 0.0).coef();
    }

    static double[] projectOut(double[] d, Map<String, double[]> conditions) {
        List<double[]> basis = new ArrayList<>();
        for (Map.Entry<String, double[]> e : conditions.entrySet()) {
            double[] c = e.getValue().clone();
            for (double[] b : basis) {
                double dot = dot(c, b);
                for (int j = 0; j < c.length; j++) {
                    c[j] -= dot * b[j];
                }
            }
            double nc = norm(c);
            if (!(nc > 1e-9)) {
                throw new IllegalArgumentException(
                        "condition '" + e.getKey() + "' is zero or lies in the span of the others");
            }
            basis.add(scale(c, 1.0 / nc));
        }
        double[] out = d.clone();
        for (double[] b : basis) {
            double dot = dot(out, b);
            for (int j = 0; j < out.length; j++) {
                out[j] -= dot * b[j];
            }
        }
        double no = norm(out);
        if (!(no > 1e-6)) {
            throw new IllegalStateException(
                    "the age direction lies in the span of the conditions " + conditions.keySet());
        }
        return scale(out, 1.0 / no);
    }

    // ---- small vector helpers

    private static double[] predict(float[][] z, double[] d, double slope, double intercept) {
        double[] p = projections(z, d);
        for (int i = 0; i < p.length; i++) {
            p[i] = intercept + slope * p[i];
        }
        return p;
    }

    private static double[] projections(float[][] z, double[] d) {
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

    private static double r2(double[] y, double[] pred) {
        double my = Arrays.stream(y).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (y[i] - pred[i]) * (y[i] - pred[i]);
            sst += (y[i] - my) * (y[i] - my);
        }
        return sst > 0 ? 1 - sse / sst : Double.NaN;
    }

    private static float[][] rows(float[][] m, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j];
        }
        return out;
    }

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

    private static double[] scale(double[] a, double s) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = a[j] * s;
        }
        return out;
    }

    /** Builder; {@link #generator} or {@link #model} is required. */
    public static final class Builder {
        private String modelId;
        private int latentDim;
        private AxisMethod method = AxisMethod.LASSO_CV;
        private LassoCv lassoCv = LassoCv.builder().build();
        private double testFraction = 0.2;
        private long seed = 2018;
        private double svmTailFraction = 0.02;
        private double svmTrainFraction = 0.7;
        private double svmC = 1.0;
        private int pcaComponents = 20;
        private final Map<String, double[]> conditions = new LinkedHashMap<>();

        private Builder() {}

        /** Takes the model id and latent size from the generator. */
        public Builder generator(LatentGenerator g) {
            return model(g.modelId(), g.latentDim());
        }

        public Builder model(String id, int dim) {
            modelId = id;
            latentDim = dim;
            return this;
        }

        public Builder method(AxisMethod v) {
            method = v;
            return this;
        }

        /** The LASSO-CV configuration (default: 10 folds, 100 alphas, scikit-learn's tol). */
        public Builder lassoCv(LassoCv v) {
            lassoCv = v;
            return this;
        }

        /** Fraction of samples held out for R^2 and MAE (default 0.2). */
        public Builder testFraction(double v) {
            testFraction = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** InterFaceGAN's {@code chosen_num_or_ratio}: each tail's share (default 0.02). */
        public Builder svmTailFraction(double v) {
            svmTailFraction = v;
            return this;
        }

        /** InterFaceGAN's {@code split_ratio} of the extremes used to train (default 0.7). */
        public Builder svmTrainFraction(double v) {
            svmTrainFraction = v;
            return this;
        }

        public Builder svmC(double v) {
            svmC = v;
            return this;
        }

        /** Leading components searched for the one most correlated with age (default 20). */
        public Builder pcaComponents(int v) {
            pcaComponents = v;
            return this;
        }

        /**
         * Conditional manipulation (InterFaceGAN {@code project_boundary}): remove the component
         * along {@code direction} (e.g. a sex axis) so that moving along the age axis leaves that
         * attribute unchanged. Several conditions are removed jointly.
         */
        public Builder condition(String name, double[] direction) {
            conditions.put(name, direction.clone());
            return this;
        }

        public LatentAxisFinder build() {
            if (modelId == null || modelId.isBlank() || latentDim < 1) {
                throw new IllegalArgumentException(
                        "set generator(...) or model(id, latentDim) before build()");
            }
            if (method == null || lassoCv == null) {
                throw new IllegalArgumentException("method and lassoCv must not be null");
            }
            if (!(testFraction > 0 && testFraction < 0.9)) {
                throw new IllegalArgumentException(
                        "testFraction must be in (0, 0.9), got " + testFraction);
            }
            if (!(svmTailFraction > 0 && svmTailFraction <= 0.5)) {
                throw new IllegalArgumentException(
                        "svmTailFraction must be in (0, 0.5], got " + svmTailFraction);
            }
            if (!(svmTrainFraction > 0 && svmTrainFraction <= 1)) {
                throw new IllegalArgumentException(
                        "svmTrainFraction must be in (0, 1], got " + svmTrainFraction);
            }
            if (!(svmC > 0) || pcaComponents < 1) {
                throw new IllegalArgumentException("svmC must be > 0 and pcaComponents >= 1");
            }
            for (Map.Entry<String, double[]> e : conditions.entrySet()) {
                if (e.getValue().length != latentDim) {
                    throw new IllegalArgumentException(
                            "condition '"
                                    + e.getKey()
                                    + "' has "
                                    + e.getValue().length
                                    + " values but latentDim is "
                                    + latentDim);
                }
            }
            return new LatentAxisFinder(this);
        }
    }
}
