package io.pggan.latent.editing;

import io.pggan.latent.axis.AgeAxis;
import io.pggan.model.AgePredictor;
import io.pggan.model.DifferentiableAgeModel;
import io.pggan.model.DifferentiableGenerator;
import io.pggan.model.LatentGenerator;

/**
 * How a latent is made older or younger: the hook between {@link AgeEditor} and whatever controls
 * age in a generator.
 *
 * <p>Today that is a linear direction in the latent space ({@link #along(AgeAxis)}: the LASSO, OLS,
 * SVM or PCA axis of {@code LatentAxisFinder}). A conditional generator with an age label plugs in
 * the same way: its latent carries the label, and its {@code AgeEdit} rewrites the label entries
 * instead of walking a direction.
 */
public interface AgeEdit {
    /**
     * The latent of the same hand {@code deltaMonths} older (negative: younger).
     *
     * @param latent the projected latent (not modified)
     * @return a new latent of the same length
     */
    float[] edit(float[] latent, double deltaMonths);

    /** One line saying what the edit does, for logs and result files. */
    String describe();

    /**
     * Moves along an age axis as far as the age CNN needs to see the requested change: the latent's
     * image and {@code gridSteps} images at equal steps up to {@code maxUnits} axis units in the
     * requested direction are rendered and aged by the CNN in one batch; the step is where the
     * CNN's age first reaches the requested change (interpolated between grid points), or the step
     * of the largest change when it never does. Use it when the CNN's response along the axis
     * differs from the axis's own calibration ({@link AgeAxis#monthsPerUnit()}, fitted on sampled
     * latents); the CNN then both steers and judges, so check identity separately.
     *
     * @param maxUnits the longest move, in axis units (a latent N(0, I) lies within +-3 of 0)
     * @param gridSteps steps tried between 0 and {@code maxUnits}
     */
    static AgeEdit calibrated(
            AgeAxis axis,
            LatentGenerator generator,
            AgePredictor predictor,
            double maxUnits,
            int gridSteps) {
        return new CalibratedAgeEdit(axis, generator, predictor, maxUnits, gridSteps);
    }

    /**
     * Starts from {@code start} (e.g. {@link #along}) and refines the latent by Adam so that the
     * CNN's age of its image reaches the original's plus {@code deltaMonths} while the CNN's
     * features stay close to the original's: loss {@code ((age - target) / ageScaleMonths)^2 +
     * identityWeight * mean((F - F0)^2) / mean(F0^2)}, with F0 the features of the unedited
     * latent's image. This is latent optimisation guided by an attribute model with an identity
     * term (as StyleCLIP's latent optimisation does with CLIP and ArcFace); the CNN steers both age
     * and identity here, so judge identity with another measure too.
     */
    static AgeEdit guided(
            AgeEdit start,
            DifferentiableGenerator generator,
            DifferentiableAgeModel age,
            int steps,
            double learningRate,
            double identityWeight,
            double ageScaleMonths) {
        return new GuidedAgeEdit(
                start, generator, age, steps, learningRate, identityWeight, ageScaleMonths);
    }

    /** Leaves the latent as it is (a start for {@link #guided} that moves only by optimisation). */
    static AgeEdit none() {
        return new AgeEdit() {
            @Override
            public float[] edit(float[] latent, double deltaMonths) {
                return latent.clone();
            }

            @Override
            public String describe() {
                return "the projected latent";
            }
        };
    }

    /** Moves along an age axis by {@code deltaMonths / monthsPerUnit} units. */
    static AgeEdit along(AgeAxis axis) {
        String text =
                String.format(
                        java.util.Locale.ROOT,
                        "%s axis of model %s: %.2f months per unit, held-out R^2 %.3f",
                        axis.method(),
                        axis.modelId(),
                        axis.monthsPerUnit(),
                        axis.heldOutR2());
        return new AgeEdit() {
            @Override
            public float[] edit(float[] latent, double deltaMonths) {
                return axis.move(latent, deltaMonths);
            }

            @Override
            public String describe() {
                return text;
            }
        };
    }
}
