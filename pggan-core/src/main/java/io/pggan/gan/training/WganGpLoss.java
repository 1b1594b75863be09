package io.pggan.gan.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.pggan.data.labels.LabelSpec;
import io.pggan.engine.Scalars;
import io.pggan.gan.LossConfig.PenaltyScale;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.Discriminator;
import io.pggan.gan.network.Generator;
import java.util.List;

/**
 * The official losses: WGAN-GP with drift for D, {@code -D(G(z))} for G, each the mean over the
 * (sub-)minibatch; for a conditional model plus the {@link LabelLoss} terms ({@code
 * D_wgangp_acgan}: on reals and on fakes made with the reals' labels; {@code G_wgan_acgan}: on
 * fakes made with the labels of random training images).
 */
final class WganGpLoss {
    private WganGpLoss() {}

    /** Values of one D evaluation ({@code labelPenalty} NaN for an unconditional model). */
    record Terms(double loss, double penalty, double labelPenalty) {}

    /**
     * {@code D(fake) - D(real) + lambda/gamma^2 (||grad D(xhat)|| / k - gamma)^2 + eps D(real)^2},
     * where {@code xhat = real + (fake - real) u} and k = R/r for {@link
     * PenaltyScale#FULL_RESOLUTION} (else 1).
     *
     * @param leaves the arrays {@code ps} serves for D (gradients accumulate into them)
     * @param labels the reals' label vectors {@code [N, L]}, with which the fakes were made; null
     *     for an unconditional model
     * @param weight factor on the loss before backward (1 / replicas)
     * @param accumulate run the backward pass into D's gradients; false only evaluates
     */
    static Terms discriminator(
            Discriminator d,
            ParameterStore ps,
            List<NDArray> leaves,
            NDArray reals,
            NDArray fakes,
            NDArray labels,
            NDArray u,
            int r,
            float alpha,
            PgganConfig cfg,
            float weight,
            boolean accumulate) {
        int n = (int) reals.getShape().get(0);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray dReal;
            NDArray dFake;
            NDArray labelPenalty = null;
            if (labels == null) {
                dReal = d.forward(ps, reals, r, alpha, true).reshape(n);
                dFake = d.forward(ps, fakes, r, alpha, true).reshape(n);
            } else {
                NDArray outReal = d.forward(ps, reals, r, alpha, true);
                NDArray outFake = d.forward(ps, fakes, r, alpha, true);
                dReal = LabelLoss.scores(outReal);
                dFake = LabelLoss.scores(outFake);
                labelPenalty =
                        LabelLoss.penalty(cfg.labels(), outReal, labels)
                                .add(LabelLoss.penalty(cfg.labels(), outFake, labels));
            }
            NDArray xhat = reals.add(fakes.sub(reals).mul(u)).stopGradient();
            // grad of sum D(xhat) w.r.t. xhat as a differentiable function of D's weights
            NDArray grad = d.inputGradient(ps, xhat, r, alpha)[1];
            NDArray norm = grad.square().sum(new int[] {1, 2, 3}).sqrt();
            if (cfg.loss().penaltyScale() == PenaltyScale.FULL_RESOLUTION) {
                norm = Scalars.over(norm, (float) cfg.architecture().resolution() / r);
            }
            float gamma = (float) cfg.loss().gpGamma();
            NDArray gp =
                    Scalars.times(
                            norm.sub(gamma).square(),
                            (float) (cfg.loss().gpLambda() / (gamma * gamma)));
            NDArray perSample =
                    dFake.sub(dReal)
                            .add(gp)
                            .add(Scalars.times(dReal.square(), (float) cfg.loss().driftEpsilon()));
            if (labelPenalty != null) {
                perSample = perSample.add(labelPenalty);
            }
            NDArray loss = perSample.mean();
            if (accumulate) {
                gc.backward(Scalars.times(loss, weight));
            }
            return new Terms(
                    loss.toType(DataType.FLOAT64, false).getDouble(),
                    gp.mean().toType(DataType.FLOAT64, false).getDouble(),
                    labelPenalty == null
                            ? Double.NaN
                            : labelPenalty.mean().toType(DataType.FLOAT64, false).getDouble());
        }
    }

    /**
     * {@code -mean D(G(z))}, plus for a conditional model the mean {@link LabelLoss} penalty of the
     * fakes against their labels; accumulates G's gradients times {@code weight} (D's leaves are
     * switched off meanwhile, so no work is spent on D's weight gradients).
     */
    static double generator(
            Generator g,
            ParameterStore gStore,
            Discriminator d,
            ParameterStore dStore,
            List<NDArray> dLeaves,
            NDArray z,
            NDArray labels,
            LabelSpec spec,
            int r,
            float alpha,
            float weight) {
        Autograd.requireGradients(dLeaves, false);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss;
            if (labels == null) {
                NDArray fakes = g.forward(gStore, z, r, alpha, true);
                loss = d.forward(dStore, fakes, r, alpha, true).mean().neg();
            } else {
                NDArray fakes = g.forward(gStore, z, labels, r, alpha, true);
                NDArray out = d.forward(dStore, fakes, r, alpha, true);
                loss = LabelLoss.penalty(spec, out, labels).sub(LabelLoss.scores(out)).mean();
            }
            gc.backward(Scalars.times(loss, weight));
            return loss.getFloat();
        } finally {
            Autograd.requireGradients(dLeaves, true);
        }
    }
}
