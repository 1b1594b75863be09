package io.pggan.gan;

import io.pggan.gan.training.GsAverage;

/**
 * How the weights move: Adam for G and D (the official {@code G_opt} / {@code D_opt}), the
 * generator's moving average Gs, and a guard against corrupted gradients.
 *
 * @param adamBeta1 Adam beta1 (0)
 * @param adamBeta2 Adam beta2 (0.99)
 * @param adamEpsilon Adam epsilon (1e-8, applied as in TensorFlow)
 * @param resetOptimizerOnLodChange reset both Adam states when a fade-in starts or ends (true)
 * @param gsAverage the Gs moving average: the official beta per step ({@code stepBeta} 0.999) or a
 *     half-life in images with ramp-up ({@code halfLifeKimg}, {@code rampup}); see {@link
 *     GsAverage}
 * @param gradientOutlierRatio skip an update whose gradient norm exceeds this multiple of the
 *     network's running average norm (1000; 0 = off). Not in the official code: it guards against
 *     the rare corrupted gradients seen on DJL 0.33 / PyTorch 2.5.1 CPU (see the README)
 */
public record OptimizerConfig(
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        boolean resetOptimizerOnLodChange,
        GsAverage gsAverage,
        double gradientOutlierRatio) {

    /** Validates every field; messages name it as {@code optimizer.<field>}. */
    public OptimizerConfig {
        ConfigChecks.require(
                adamBeta1 >= 0 && adamBeta1 < 1, "optimizer.adamBeta1", "in [0, 1)", adamBeta1);
        ConfigChecks.require(
                adamBeta2 >= 0 && adamBeta2 < 1, "optimizer.adamBeta2", "in [0, 1)", adamBeta2);
        ConfigChecks.require(adamEpsilon > 0, "optimizer.adamEpsilon", "> 0", adamEpsilon);
        ConfigChecks.require(gsAverage != null, "optimizer.gsAverage", "present", "null");
        ConfigChecks.require(
                gradientOutlierRatio == 0 || gradientOutlierRatio > 1,
                "optimizer.gradientOutlierRatio",
                "0 (off) or above 1",
                gradientOutlierRatio);
    }

    /** The official values (Adam 0 / 0.99 / 1e-8, reset at fade-ins, Gs beta 0.999). */
    public static OptimizerConfig official() {
        return new OptimizerConfig(0, 0.99, 1e-8, true, GsAverage.official(), 1000);
    }
}
