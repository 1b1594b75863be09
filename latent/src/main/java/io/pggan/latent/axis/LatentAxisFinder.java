package io.pggan.latent.axis;

import io.pggan.latent.lasso.ErrorSummary;
import io.pggan.model.LatentGenerator;
import io.pggan.random.Permutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the age axis of a generator from labelled latents (latent, predicted months):
 *
 * <pre>{@code
 * AgeAxis axis = LatentAxisFinder.builder()
 *         .generator(generator)                 // model id and latent size go into the axis file
 *         .method(AxisMethod.lassoCv())         // the study; or ols(), svm() (InterFaceGAN),
 *                                               // pca() (GANSpace), or any AxisMethod of yours
 *         .condition("sex", sexDirection)       // optional: age changes alone
 *         .build()
 *         .fit(latents, months);
 * }</pre>
 *
 * A random {@code testFraction} of the samples is held out; the method sees the rest. The direction
 * is normalised, conditions are projected out, and the axis is calibrated in months (by the
 * method's own linear model when it is a regression and nothing was projected out, else by a
 * regression of age on the projection); it reports R^2 and the mean absolute error on the held-out
 * samples, next to the MAE of predicting the training mean.
 */
public final class LatentAxisFinder {
    private static final Logger LOG = LoggerFactory.getLogger(LatentAxisFinder.class);

    private final String modelId;
    private final int latentDim;
    private final AxisMethod method;
    private final double testFraction;
    private final long seed;
    private final Map<String, double[]> conditions;

    private LatentAxisFinder(Builder b) {
        this.modelId = b.modelId;
        this.latentDim = b.latentDim;
        this.method = b.method;
        this.testFraction = b.testFraction;
        this.seed = b.seed;
        this.conditions = new LinkedHashMap<>(b.conditions);
    }

    /** A builder; {@link Builder#generator} or {@link Builder#model} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The generator's id. */
    public String modelId() {
        return modelId;
    }

    /** The generator's latent size. */
    public int latentDim() {
        return latentDim;
    }

    /** How the direction is found. */
    public AxisMethod method() {
        return method;
    }

    /** Share of the samples held out. */
    public double testFraction() {
        return testFraction;
    }

    /** Seed of the split (and of methods that draw at random). */
    public long seed() {
        return seed;
    }

    /** Names of the directions projected out. */
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
     * @param features per-sample features for methods that use them (e.g. generator activations for
     *     {@link PcaAxis}); null for none
     */
    public AgeAxis fit(float[][] latents, double[] months, float[][] features) {
        int n = checkInputs(latents, months);
        int[] perm = Permutation.of(n, seed);
        int nTest = Math.max(1, (int) Math.round(testFraction * n));
        int nTrain = n - nTest;
        if (nTrain < 4) {
            throw new IllegalArgumentException(
                    "only " + nTrain + " training samples: at least 4 are needed");
        }
        int[] trainIdx = Arrays.copyOfRange(perm, 0, nTrain);
        int[] testIdx = Arrays.copyOfRange(perm, nTrain, n);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        float[][] zTrain = rows(latents, trainIdx);
        float[][] zTest = rows(latents, testIdx);
        double[] yTrain = pick(months, trainIdx);
        double[] yTest = pick(months, testIdx);

        Direction found =
                method.find(
                        new AxisSample(
                                zTrain,
                                yTrain,
                                features == null ? null : rows(features, trainIdx),
                                seed));
        double[] raw = found.vector();
        double norm = Vectors.norm(raw);
        if (!(norm > 0)) {
            throw new IllegalStateException(
                    method.name()
                            + " found no direction: every coefficient is 0 (age is not linearly"
                            + " predictable from the latent with this penalty)");
        }
        double[] d = Vectors.scale(raw, 1.0 / norm);
        boolean conditioned = !conditions.isEmpty();
        if (conditioned) {
            d = projectOut(d, conditions);
        }
        double slope;
        double intercept;
        if (found.isRegression() && !conditioned) {
            // keep the fitted model's own predictions: age = b + |coef| (z . d)
            slope = norm;
            intercept = found.intercept();
        } else {
            double[] line = Vectors.simpleRegression(Vectors.projections(zTrain, d), yTrain);
            intercept = line[0];
            slope = line[1];
        }
        if (slope < 0) {
            d = Vectors.scale(d, -1);
            slope = -slope;
        }
        if (slope == 0) {
            throw new IllegalStateException(
                    "age does not change along the " + method.name() + " direction");
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
                        method.name(),
                        d,
                        slope,
                        intercept,
                        new ArrayList<>(conditions.keySet()),
                        found.alpha(),
                        found.nonZero(),
                        found.validationAccuracy(),
                        Vectors.r2(yTest, predTest),
                        ErrorSummary.of(yTrain, predTrain),
                        ErrorSummary.of(yTest, predTest),
                        ErrorSummary.of(yTest, meanPred).mean());
        LOG.info(
                "{} age axis: {} months per unit, held-out MAE {} (mean predictor {}), R2 {}",
                method.name(),
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
        if (n < 2) {
            throw new IllegalArgumentException(
                    n + " sample(s): an age axis needs at least 4 training samples");
        }
        if (java.util.Arrays.stream(months).allMatch(m -> m == months[0])) {
            throw new IllegalArgumentException(
                    "all "
                            + n
                            + " ages are "
                            + months[0]
                            + " months: an age axis needs ages that vary");
        }
        return n;
    }

    static double[] projectOut(double[] d, Map<String, double[]> conditions) {
        List<double[]> basis = new ArrayList<>();
        for (Map.Entry<String, double[]> e : conditions.entrySet()) {
            double[] c = e.getValue().clone();
            for (double[] b : basis) {
                double dot = Vectors.dot(c, b);
                for (int j = 0; j < c.length; j++) {
                    c[j] -= dot * b[j];
                }
            }
            double nc = Vectors.norm(c);
            if (!(nc > 1e-9)) {
                throw new IllegalArgumentException(
                        "condition '" + e.getKey() + "' is zero or lies in the span of the others");
            }
            basis.add(Vectors.scale(c, 1.0 / nc));
        }
        double[] out = d.clone();
        for (double[] b : basis) {
            double dot = Vectors.dot(out, b);
            for (int j = 0; j < out.length; j++) {
                out[j] -= dot * b[j];
            }
        }
        double no = Vectors.norm(out);
        if (!(no > 1e-6)) {
            throw new IllegalStateException(
                    "the age direction lies in the span of the conditions " + conditions.keySet());
        }
        return Vectors.scale(out, 1.0 / no);
    }

    private static double[] predict(float[][] z, double[] d, double slope, double intercept) {
        double[] p = Vectors.projections(z, d);
        for (int i = 0; i < p.length; i++) {
            p[i] = intercept + slope * p[i];
        }
        return p;
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

    /** Builder; {@link #generator} or {@link #model} is required. */
    public static final class Builder {
        private String modelId;
        private int latentDim;
        private AxisMethod method = AxisMethod.lassoCv();
        private double testFraction = 0.2;
        private long seed = 2018;
        private final Map<String, double[]> conditions = new LinkedHashMap<>();

        private Builder() {}

        /** Takes the model id and latent size from the generator. */
        public Builder generator(LatentGenerator g) {
            return model(g.modelId(), g.latentDim());
        }

        /** The model id and latent size the axis is for. */
        public Builder model(String id, int dim) {
            modelId = id;
            latentDim = dim;
            return this;
        }

        /** How the direction is found (default {@link AxisMethod#lassoCv()}). */
        public Builder method(AxisMethod v) {
            method = v;
            return this;
        }

        /** Fraction of samples held out for R^2 and MAE (default 0.2). */
        public Builder testFraction(double v) {
            testFraction = v;
            return this;
        }

        /** Seed of the split and of methods that draw at random (default 2018). */
        public Builder seed(long v) {
            seed = v;
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

        /** Validates and builds. */
        public LatentAxisFinder build() {
            if (modelId == null || modelId.isBlank() || latentDim < 1) {
                throw new IllegalArgumentException(
                        "set generator(...) or model(id, latentDim) before build()");
            }
            if (method == null) {
                throw new IllegalArgumentException("method must not be null");
            }
            if (!(testFraction > 0 && testFraction < 0.9)) {
                throw new IllegalArgumentException(
                        "testFraction must be in (0, 0.9), got " + testFraction);
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
