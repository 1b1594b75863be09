package io.pggan.latent.projection;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.pggan.engine.Scalars;
import io.pggan.gan.LatentSampler;
import io.pggan.model.DifferentiableFeatures;
import io.pggan.model.DifferentiableGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the latent whose generated image matches a given image (GAN inversion by optimisation).
 *
 * <p>For each target, {@link ProjectionConfig#restarts()} latents are optimised side by side with
 * Adam against
 *
 * <pre>
 *   loss(z) = pixelWeight * mean((G(z) - x)^2)
 *           + featureWeight * mean((F(G(z)) - F(x))^2) / mean(F(x)^2)
 *           + priorWeight * (mean(z^2) - 1)^2
 * </pre>
 *
 * where F is the age CNN's pooled features ({@link DifferentiableFeatures}; optional). The recipe
 * follows two public projectors, written anew here:
 *
 * <ul>
 *   <li>StyleGAN2's projector (NVlabs {@code projector.py}): Adam (0.9, 0.999) at a peak rate of
 *       0.1 with a linear warm-up over the first 5 % of the steps and a half-cosine ramp-down over
 *       the last 25 %, and Gaussian noise on the latent that decays quadratically to zero at 75 %
 *       of the steps (there on w, scaled by w's spread; here on z, whose coordinates have unit
 *       variance). Its perceptual (VGG16-LPIPS) term becomes the feature term in the age CNN's
 *       features, plus a pixel term; PGGAN has no mapping network and no noise inputs, so there is
 *       no noise regulariser and no mean-w start.
 *   <li>pytorch_GAN_zoo's inspirational generation ({@code gradientDescentOnInput}): several
 *       descents run at once and the best is kept, and the latent prior {@code (mean(z^2) - 1)^2}:
 *       PGGAN pixel-normalises z, so only z's direction reaches the image, and the prior keeps z's
 *       length where N(0, I) latents lie, which is where an age axis fitted on sampled latents is
 *       calibrated.
 * </ul>
 *
 * Restarts start from the best of {@link ProjectionConfig#candidates()} random latents ({@link
 * LatentSampler}, latents {@code 0 .. candidates-1} of the seed), scored once without gradients (a
 * random search before the descent). Targets are processed in batches of {@link
 * ProjectionConfig#batchSize()} rows (targets x restarts), each batch in its own {@code NDManager}
 * scope, so memory does not grow with the number of targets.
 */
public final class Projector {
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private static final double ADAM_EPS = 1e-8;
    static final float FEATURE_EPS = 1e-8f;

    private final ProjectionConfig config;
    private final DifferentiableGenerator generator;
    private final DifferentiableFeatures features;

    private Projector(Builder b) {
        this.config = b.config;
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.features = config.featureWeight() > 0 ? b.features : null;
        if (config.featureWeight() > 0 && b.features == null) {
            throw new IllegalArgumentException(
                    "featureWeight is " + config.featureWeight() + " but no features were given");
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings. */
    public ProjectionConfig config() {
        return config;
    }

    /** The feature map of the feature loss, or null when featureWeight is 0. */
    public DifferentiableFeatures features() {
        return features;
    }

    /** The generator projected into. */
    public DifferentiableGenerator generator() {
        return generator;
    }

    /** The learning rate at fraction {@code t} of the steps (warm-up times cosine ramp-down). */
    public double learningRate(double t) {
        double down = Math.min(1, (1 - t) / Math.max(config.rampDown(), 1e-12));
        double ramp = 0.5 - 0.5 * Math.cos(down * Math.PI);
        return config.learningRate() * ramp * Math.min(1, t / Math.max(config.rampUp(), 1e-12));
    }

    /** The latent noise's standard deviation at fraction {@code t} of the steps. */
    public double noise(double t) {
        double left = Math.max(0, 1 - t / config.noiseRamp());
        return config.noiseFactor() * left * left;
    }

    /**
     * Projects target images.
     *
     * @param manager parent of the per-batch scopes
     * @param targets {@code [n, c, h, w]} in [-1, 1], the generator's output shape
     * @return one projection per target, in order
     */
    public List<Projection> project(NDManager manager, NDArray targets) {
        Shape shape = targets.getShape();
        if (shape.dimension() != 4 || shape.get(0) < 1) {
            throw new IllegalArgumentException(
                    "targets must be [n, c, h, w] with n >= 1, got " + shape);
        }
        int n = (int) shape.get(0);
        Shape image = shape.slice(1);
        checkImageShape(manager, image);
        float[] all = targets.toType(DataType.FLOAT32, false).toFloatArray();
        int perBatch = Math.max(1, config.batchSize() / config.restarts());
        int batches = (n + perBatch - 1) / perBatch;
        List<Projection> out = new ArrayList<>(n);
        DifferentiableFeatures.Scope frozen =
                features == null ? () -> {} : features.inputGradientsOnly();
        try (ProgressBar bar =
                        config.progressBar()
                                ? new ProgressBarBuilder()
                                        .setTaskName("Projecting " + n + " image(s)")
                                        .setInitialMax((long) batches * config.steps())
                                        .build()
                                : null;
                NDManager scope = manager.newSubManager()) {
            ProjectionStarts starts = new ProjectionStarts(config, generator, features);
            ProjectionStarts.Candidates candidates = starts.candidates(scope, image);
            for (int from = 0; from < n; from += perBatch) {
                int to = Math.min(n, from + perBatch);
                out.addAll(projectBatch(scope, all, image, from, to, starts, candidates, bar));
            }
        } finally {
            frozen.close();
        }
        return out;
    }

    private void checkImageShape(NDManager manager, Shape image) {
        try (NDManager m = manager.newSubManager()) {
            NDArray probe = generator.generate(m.zeros(new Shape(1, generator.latentDim())));
            Shape g = probe.getShape().slice(1);
            if (!g.equals(image)) {
                throw new IllegalArgumentException(
                        "targets are images of shape "
                                + image
                                + " but the generator makes "
                                + g
                                + ": resize them to the generator's resolution first");
            }
        }
    }

    private List<Projection> projectBatch(
            NDManager parent,
            float[] all,
            Shape image,
            int from,
            int to,
            ProjectionStarts starts,
            ProjectionStarts.Candidates candidates,
            ProgressBar bar) {
        int k = to - from;
        int restarts = config.restarts();
        int rows = k * restarts;
        int dim = generator.latentDim();
        int pix = (int) image.size();
        int steps = config.steps();
        try (NDManager batch = parent.newSubManager()) {
            float[] targetPixels = Arrays.copyOfRange(all, from * pix, to * pix);
            NDArray target = batch.create(targetPixels, new Shape(k).addAll(image));
            NDArray targetRows = target.repeat(0, restarts);
            NDArray targetFeatures = null;
            NDArray featureScale = null;
            float[] targetFeat = null;
            if (features != null) {
                NDArray f = features.featuresDifferentiable(target);
                targetFeat = f.toFloatArray();
                targetFeatures = f.repeat(0, restarts);
                featureScale = targetFeatures.square().mean(new int[] {1}).add(FEATURE_EPS);
            }
            float[] z =
                    starts.initialLatents(candidates, targetPixels, targetFeat, from, k, dim, pix);
            float[] m = new float[z.length];
            float[] v = new float[z.length];
            float[][] history = new float[rows][steps];
            Random noise = new Random(config.seed() * 31L + from);
            for (int step = 0; step < steps; step++) {
                double t = (step + 0.5) / steps;
                double lr = learningRate(t);
                float sigma = (float) noise(t);
                float[] zin = z.clone();
                if (sigma > 0) {
                    for (int i = 0; i < zin.length; i++) {
                        zin[i] += sigma * (float) noise.nextGaussian();
                    }
                }
                float[] grad;
                float[] rowLoss;
                try (NDManager s = batch.newSubManager()) {
                    NDArray zArray = s.create(zin, new Shape(rows, dim));
                    zArray.setRequiresGradient(true);
                    try (GradientCollector collector =
                            Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray loss =
                                lossTerms(
                                                generator.generateDifferentiable(zArray),
                                                targetRows,
                                                targetFeatures,
                                                featureScale)
                                        .total;
                        collector.backward(loss.sum());
                        rowLoss = loss.toFloatArray();
                    }
                    grad = zArray.getGradient().toFloatArray();
                }
                double mean = 0;
                double b1t = 1 - Math.pow(config.beta1(), step + 1);
                double b2t = 1 - Math.pow(config.beta2(), step + 1);
                for (int r = 0; r < rows; r++) {
                    double prior = prior(z, r, dim);
                    double priorGrad =
                            config.priorWeight() * 2 * (meanSquare(z, r, dim) - 1) * 2 / dim;
                    history[r][step] = (float) (rowLoss[r] + config.priorWeight() * prior);
                    mean += history[r][step];
                    for (int j = r * dim; j < (r + 1) * dim; j++) {
                        double g = grad[j] + priorGrad * z[j];
                        m[j] = (float) (config.beta1() * m[j] + (1 - config.beta1()) * g);
                        v[j] = (float) (config.beta2() * v[j] + (1 - config.beta2()) * g * g);
                        z[j] -= (float) (lr * (m[j] / b1t) / (Math.sqrt(v[j] / b2t) + ADAM_EPS));
                    }
                }
                mean /= rows;
                if (LOG.isDebugEnabled()) {
                    LOG.debug(
                            "targets {}..{} step {}/{}: lr {} noise {} mean loss {}",
                            from,
                            to - 1,
                            step + 1,
                            steps,
                            String.format("%.4f", lr),
                            String.format("%.4f", sigma),
                            String.format("%.5f", mean));
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format("loss %.4f", mean));
                }
            }
            return choose(batch, z, targetRows, targetFeatures, featureScale, history, k, dim);
        }
    }

    /** Final clean losses of every row; the best restart of each target wins. */
    private List<Projection> choose(
            NDManager batch,
            float[] z,
            NDArray targetRows,
            NDArray targetFeatures,
            NDArray featureScale,
            float[][] history,
            int k,
            int dim) {
        int restarts = config.restarts();
        int rows = k * restarts;
        float[] pixel;
        float[] feature;
        try (NDManager s = batch.newSubManager()) {
            NDArray zArray = s.create(z, new Shape(rows, dim));
            Terms terms =
                    lossTerms(
                            generator.generateDifferentiable(zArray),
                            targetRows,
                            targetFeatures,
                            featureScale);
            pixel = terms.pixel.toFloatArray();
            feature = terms.feature == null ? new float[rows] : terms.feature.toFloatArray();
        }
        List<Projection> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int best = -1;
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int r = i * restarts; r < (i + 1) * restarts; r++) {
                double loss = total(pixel[r], feature[r], prior(z, r, dim));
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = r;
                }
            }
            out.add(
                    new Projection(
                            Arrays.copyOfRange(z, best * dim, (best + 1) * dim),
                            pixel[best],
                            feature[best],
                            prior(z, best, dim),
                            bestLoss,
                            best - i * restarts,
                            history[best].clone()));
        }
        return out;
    }

    private static long rowsOf(NDArray a) {
        return a.getShape().get(0);
    }

    private double total(double pixel, double feature, double prior) {
        return total(config, pixel, feature, prior);
    }

    /** The weighted loss of a projection's terms. */
    static double total(ProjectionConfig config, double pixel, double feature, double prior) {
        return config.pixelWeight() * pixel
                + config.featureWeight() * feature
                + config.priorWeight() * prior;
    }

    private record Terms(NDArray pixel, NDArray feature, NDArray total) {}

    /** Per-row pixel and feature losses and their weighted sum (the prior is added in Java). */
    private Terms lossTerms(
            NDArray images, NDArray targetRows, NDArray targetFeatures, NDArray featureScale) {
        NDArray pixel =
                images.sub(targetRows).square().reshape(rowsOf(images), -1).mean(new int[] {1});
        NDArray total = Scalars.times(pixel, (float) config.pixelWeight());
        NDArray feature = null;
        if (features != null) {
            NDArray f = features.featuresDifferentiable(images);
            feature = f.sub(targetFeatures).square().mean(new int[] {1}).div(featureScale);
            total = total.add(Scalars.times(feature, (float) config.featureWeight()));
        }
        return new Terms(pixel, feature, total);
    }

    private static double meanSquare(float[] z, int row, int dim) {
        double s = 0;
        for (int j = row * dim; j < (row + 1) * dim; j++) {
            s += (double) z[j] * z[j];
        }
        return s / dim;
    }

    private static double prior(float[] z, int row, int dim) {
        double d = meanSquare(z, row, dim) - 1;
        return d * d;
    }

    /** Builder of {@link Projector}. */
    public static final class Builder {
        private ProjectionConfig config = ProjectionConfig.defaults();
        private DifferentiableGenerator generator;
        private DifferentiableFeatures features;

        private Builder() {}

        /** Settings [{@link ProjectionConfig#defaults()}]. */
        public Builder config(ProjectionConfig c) {
            config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** The generator (required). */
        public Builder generator(DifferentiableGenerator g) {
            generator = g;
            return this;
        }

        /** Features for the feature loss (required unless featureWeight is 0). */
        public Builder features(DifferentiableFeatures f) {
            features = f;
            return this;
        }

        /** The projector. */
        public Projector build() {
            return new Projector(this);
        }
    }
}
