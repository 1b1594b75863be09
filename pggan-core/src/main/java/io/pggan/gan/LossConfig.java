package io.pggan.gan;

/**
 * The WGAN-GP loss of the official code ({@code loss.D_wgangp_acgan} without labels): the critic's
 * Wasserstein estimate, a gradient penalty on interpolates and a small drift term.
 *
 * @param gpLambda gradient-penalty weight (10)
 * @param gpGamma gradient-penalty target norm (1)
 * @param driftEpsilon weight of {@code D(real)^2} (0.001)
 * @param penaltyScale how the penalty's gradient norm is measured when D runs below the final
 *     resolution
 */
public record LossConfig(
        double gpLambda, double gpGamma, double driftEpsilon, PenaltyScale penaltyScale) {

    /**
     * How the gradient norm of the WGAN-GP penalty is measured when G and D run at a resolution r
     * below the final R.
     */
    public enum PenaltyScale {
        /**
         * As the official code, which evaluates D on R x R images that D average-pools down to r:
         * the norm is {@code ||grad_r|| / (R/r)} (spec section 5).
         */
        FULL_RESOLUTION,
        /** The norm at the current resolution, as most ports do: (R/r)^2 times stricter. */
        CURRENT_RESOLUTION
    }

    /** Validates every field; messages name it as {@code loss.<field>}. */
    public LossConfig {
        ConfigChecks.require(gpLambda >= 0, "loss.gpLambda", ">= 0", gpLambda);
        ConfigChecks.require(gpGamma > 0, "loss.gpGamma", "> 0", gpGamma);
        ConfigChecks.require(driftEpsilon >= 0, "loss.driftEpsilon", ">= 0", driftEpsilon);
        ConfigChecks.require(
                penaltyScale != null,
                "loss.penaltyScale",
                "FULL_RESOLUTION or CURRENT_RESOLUTION",
                "null");
    }

    /** The official values: lambda 10, gamma 1, drift 0.001, the norm at the full resolution. */
    public static LossConfig official() {
        return new LossConfig(10, 1, 0.001, PenaltyScale.FULL_RESOLUTION);
    }
}
