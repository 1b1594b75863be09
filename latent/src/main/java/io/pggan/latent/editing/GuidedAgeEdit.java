package io.pggan.latent.editing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.pggan.engine.Scalars;
import io.pggan.model.DifferentiableAgeModel;
import io.pggan.model.DifferentiableFeatures;
import io.pggan.model.DifferentiableGenerator;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link AgeEdit#guided}: the axis move refined by optimisation so that the CNN's age reaches the
 * request while the CNN's other features stay with the hand.
 */
final class GuidedAgeEdit implements AgeEdit {
    private static final double ADAM_EPS = 1e-8;

    private final AgeEdit start;
    private final DifferentiableGenerator generator;
    private final DifferentiableAgeModel age;
    private final int steps;
    private final double learningRate;
    private final double identityWeight;
    private final double ageScaleMonths;

    GuidedAgeEdit(
            AgeEdit start,
            DifferentiableGenerator generator,
            DifferentiableAgeModel age,
            int steps,
            double learningRate,
            double identityWeight,
            double ageScaleMonths) {
        if (steps < 1 || !(learningRate > 0) || identityWeight < 0 || !(ageScaleMonths > 0)) {
            throw new IllegalArgumentException(
                    "steps >= 1, learningRate > 0, identityWeight >= 0 and ageScaleMonths > 0"
                            + " are needed, got "
                            + steps
                            + ", "
                            + learningRate
                            + ", "
                            + identityWeight
                            + ", "
                            + ageScaleMonths);
        }
        this.start = Objects.requireNonNull(start, "start");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.age = Objects.requireNonNull(age, "age");
        this.steps = steps;
        this.learningRate = learningRate;
        this.identityWeight = identityWeight;
        this.ageScaleMonths = ageScaleMonths;
    }

    @Override
    public float[] edit(float[] latent, double deltaMonths) {
        int dim = latent.length;
        float[] z = start.edit(latent, deltaMonths);
        float[] m = new float[dim];
        float[] v = new float[dim];
        DifferentiableFeatures.Scope frozen = age.inputGradientsOnly();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray reference =
                    age.featuresDifferentiable(
                            generator.generateDifferentiable(
                                    manager.create(latent, new Shape(1, dim))));
            double target = age.monthsDifferentiable(reference).getFloat(0) + deltaMonths;
            NDArray scale = reference.square().mean().add(1e-8f);
            for (int step = 0; step < steps; step++) {
                float[] grad;
                try (NDManager s = manager.newSubManager()) {
                    NDArray zArray = s.create(z, new Shape(1, dim));
                    zArray.setRequiresGradient(true);
                    try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray f =
                                age.featuresDifferentiable(
                                        generator.generateDifferentiable(zArray));
                        NDArray ageError =
                                Scalars.over(
                                                age.monthsDifferentiable(f).sub(target),
                                                (float) ageScaleMonths)
                                        .square()
                                        .sum();
                        NDArray identity = f.sub(reference).square().mean().div(scale);
                        c.backward(ageError.add(Scalars.times(identity, (float) identityWeight)));
                    }
                    grad = zArray.getGradient().toFloatArray();
                }
                double b1t = 1 - Math.pow(0.9, step + 1);
                double b2t = 1 - Math.pow(0.999, step + 1);
                double lr = learningRate * (0.5 + 0.5 * Math.cos(Math.PI * step / steps));
                for (int j = 0; j < dim; j++) {
                    m[j] = (float) (0.9 * m[j] + 0.1 * grad[j]);
                    v[j] = (float) (0.999 * v[j] + 0.001 * grad[j] * grad[j]);
                    z[j] -= (float) (lr * (m[j] / b1t) / (Math.sqrt(v[j] / b2t) + ADAM_EPS));
                }
            }
        } finally {
            frozen.close();
        }
        return z;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s, refined for %d steps (lr %.3f): CNN age to the request (scale %.0f months),"
                        + " CNN features kept (weight %.2f)",
                start.describe(),
                steps,
                learningRate,
                ageScaleMonths,
                identityWeight);
    }
}
