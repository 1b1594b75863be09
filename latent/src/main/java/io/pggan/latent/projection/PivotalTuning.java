package io.pggan.latent.projection;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.pggan.engine.Scalars;
import io.pggan.model.DifferentiableFeatures;
import io.pggan.model.TunableGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pivotal tuning (Roich et al. 2022, "Pivotal Tuning for Latent-based Editing of Real Images",
 * written anew): after a projection, the generator's own weights are tuned for a few steps so that
 * the projected latents (the pivots) reproduce their targets exactly, while a locality term keeps
 * the images of random latents where they were, so directions found in the latent space (the age
 * axis) still act as before. Edits are then rendered with the tuned weights, and {@link
 * Tuned#close()} puts the original weights back.
 *
 * <p>Adam runs on the Java side over each weight array (copies in and out per step), so it works
 * with any {@link TunableGenerator}; for the study's CPU networks a step costs a few milliseconds
 * more than the forward and backward passes.
 */
public final class PivotalTuning {
    private static final Logger LOG = LoggerFactory.getLogger(PivotalTuning.class);
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final PivotalTuningConfig config;
    private final TunableGenerator generator;
    private final DifferentiableFeatures features;

    /**
     * @param config settings
     * @param generator the generator to tune
     * @param features the feature map of the feature term, or null (then featureWeight must be 0)
     */
    public PivotalTuning(
            PivotalTuningConfig config,
            TunableGenerator generator,
            DifferentiableFeatures features) {
        this.config = Objects.requireNonNull(config, "config");
        this.generator = Objects.requireNonNull(generator, "generator");
        if (config.featureWeight() > 0 && features == null) {
            throw new IllegalArgumentException(
                    "featureWeight is " + config.featureWeight() + " but no features were given");
        }
        this.features = config.featureWeight() > 0 ? features : null;
    }

    /** The settings. */
    public PivotalTuningConfig config() {
        return config;
    }

    /** Open tuned weights; closing restores the generator's original weights. */
    public interface Tuned extends AutoCloseable {
        /** The loss at every step. */
        float[] losses();

        /** Restores the original weights. */
        @Override
        void close();
    }

    /**
     * Tunes the generator's weights for the pivots.
     *
     * @param pivots the projected latents, one per target
     * @param targets {@code [n, c, h, w]} in [-1, 1]
     * @return the open tuning; close it to restore the weights
     */
    public Tuned tune(NDManager manager, List<float[]> pivots, NDArray targets) {
        int n = pivots.size();
        if (n != targets.getShape().get(0)) {
            throw new IllegalArgumentException(
                    n + " pivots for " + targets.getShape().get(0) + " targets");
        }
        int dim = generator.latentDim();
        List<NDArray> weights = generator.weights();
        List<float[]> saved = new ArrayList<>(weights.size());
        boolean[] hadGradient = new boolean[weights.size()];
        for (int i = 0; i < weights.size(); i++) {
            saved.add(weights.get(i).toFloatArray());
            hadGradient[i] = weights.get(i).hasGradient();
        }
        float[] losses = new float[config.steps()];
        Tuned tuned =
                new Tuned() {
                    private boolean open = true;

                    @Override
                    public float[] losses() {
                        return losses.clone();
                    }

                    @Override
                    public void close() {
                        if (open) {
                            open = false;
                            for (int i = 0; i < weights.size(); i++) {
                                weights.get(i).setRequiresGradient(hadGradient[i]);
                                weights.get(i).set(saved.get(i));
                            }
                        }
                    }
                };
        DifferentiableFeatures.Scope frozen =
                features == null ? () -> {} : features.inputGradientsOnly();
        try (NDManager tuning = manager.newSubManager()) {
            float[] flat = new float[n * dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(pivots.get(i), 0, flat, i * dim, dim);
            }
            NDArray target = targets.duplicate();
            target.attach(tuning);
            NDArray targetFeatures = null;
            NDArray featureScale = null;
            if (features != null) {
                targetFeatures = features.featuresDifferentiable(target);
                featureScale = targetFeatures.square().mean(new int[] {1}).add(1e-8f);
            }
            int k = config.localityWeight() > 0 ? config.localitySamples() : 0;
            float[] local = new float[k * dim];
            Random random = new Random(config.seed() * 977L + 5);
            for (int i = 0; i < local.length; i++) {
                local[i] = (float) random.nextGaussian();
            }
            NDArray localBefore =
                    k == 0 ? null : generator.generate(tuning.create(local, new Shape(k, dim)));
            for (NDArray w : weights) {
                w.setRequiresGradient(true);
            }
            List<float[]> m = new ArrayList<>();
            List<float[]> v = new ArrayList<>();
            for (float[] w : saved) {
                m.add(new float[w.length]);
                v.add(new float[w.length]);
            }
            for (int step = 0; step < config.steps(); step++) {
                try (NDManager s = tuning.newSubManager()) {
                    try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray images =
                                generator.generateDifferentiable(s.create(flat, new Shape(n, dim)));
                        NDArray loss =
                                Scalars.times(
                                        images.sub(target).square().mean(),
                                        (float) config.pixelWeight());
                        if (features != null) {
                            NDArray f = features.featuresDifferentiable(images);
                            NDArray rel =
                                    f.sub(targetFeatures)
                                            .square()
                                            .mean(new int[] {1})
                                            .div(featureScale);
                            loss =
                                    loss.add(
                                            Scalars.times(
                                                    rel.mean(), (float) config.featureWeight()));
                        }
                        if (k > 0) {
                            NDArray now =
                                    generator.generateDifferentiable(
                                            s.create(local, new Shape(k, dim)));
                            loss =
                                    loss.add(
                                            Scalars.times(
                                                    now.sub(localBefore).square().mean(),
                                                    (float) config.localityWeight()));
                        }
                        c.backward(loss);
                        losses[step] = loss.getFloat();
                    }
                    adamStep(weights, m, v, step + 1);
                }
                LOG.debug("pivotal tuning step {}: loss {}", step + 1, losses[step]);
            }
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).setRequiresGradient(false);
            }
        } catch (RuntimeException e) {
            tuned.close();
            throw e;
        } finally {
            frozen.close();
        }
        return tuned;
    }

    /** One Adam step per weight array, on the Java side; gradients are zeroed afterwards. */
    private void adamStep(List<NDArray> weights, List<float[]> m, List<float[]> v, int t) {
        double lr = config.learningRate();
        double b1t = 1 - Math.pow(BETA1, t);
        double b2t = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            float[] g;
            try (NDArray grad = w.getGradient()) {
                g = grad.toFloatArray();
                grad.subi(grad);
            }
            float[] values = w.toFloatArray();
            float[] mi = m.get(i);
            float[] vi = v.get(i);
            for (int j = 0; j < values.length; j++) {
                mi[j] = (float) (BETA1 * mi[j] + (1 - BETA1) * g[j]);
                vi[j] = (float) (BETA2 * vi[j] + (1 - BETA2) * g[j] * g[j]);
                values[j] -= (float) (lr * (mi[j] / b1t) / (Math.sqrt(vi[j] / b2t) + EPS));
            }
            w.set(values);
        }
    }
}
