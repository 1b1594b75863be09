package io.pggan.gan.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * The schedule of the generator's moving average Gs: the {@code beta} of the update {@code Gs <- G
 * + (Gs - G) * beta} at each training step. Two forms:
 *
 * <ul>
 *   <li><b>Per step</b> ({@link #perStep}, the official PGGAN, {@code G_smoothing}, spec section
 *       7): the same beta at every step (0.999), so the half-life is {@code ln 0.5 / ln beta} steps
 *       (693 at 0.999, 11 kimg at minibatch 16) whatever the run's length. A short CPU run then
 *       averages mostly its random initial generator.
 *   <li><b>Half-life in images, with ramp-up</b> ({@link #halfLife}, as the "Update G_ema" step of
 *       NVlabs stylegan2-ada-pytorch {@code training/training_loop.py}, spec section 7): {@code
 *       beta = 0.5 ^ (minibatch / max(h, 1e-8))} with {@code h = halfLifeKimg * 1000}, limited by
 *       the ramp-up to {@code h = min(h, nimg * rampup)} (nimg = real images shown before the
 *       step). The half-life is the same number of images at any minibatch, and early in a run it
 *       is a fraction of the images shown so far, so Gs follows G closely at first (beta 0 at the
 *       first step) and forgets the initial generator quickly.
 * </ul>
 *
 * @param stepBeta beta of the per-step form, in [0, 1) (used when {@code halfLifeKimg} is 0)
 * @param halfLifeKimg half-life in thousands of images; 0 selects the per-step form
 * @param rampup ramp-up: the half-life is at most this fraction of the images shown so far (0 = no
 *     ramp-up; stylegan2-ada's {@code auto} and {@code cifar} configurations use 0.05)
 */
public record GsAverage(double stepBeta, double halfLifeKimg, double rampup) {

    /** Validates the fields; messages name the field. */
    public GsAverage {
        if (!(stepBeta >= 0 && stepBeta < 1)) {
            throw new IllegalArgumentException(
                    "optimizer.gsAverage.stepBeta must be in [0, 1), got " + stepBeta);
        }
        if (!(halfLifeKimg >= 0 && Double.isFinite(halfLifeKimg))) {
            throw new IllegalArgumentException(
                    "optimizer.gsAverage.halfLifeKimg must be finite and >= 0 (0 = per-step"
                            + " beta), got "
                            + halfLifeKimg);
        }
        if (!(rampup >= 0 && Double.isFinite(rampup))) {
            throw new IllegalArgumentException(
                    "optimizer.gsAverage.rampup must be finite and >= 0 (0 = none), got " + rampup);
        }
    }

    /** The official average: beta 0.999 per step. */
    public static GsAverage official() {
        return perStep(0.999);
    }

    /** The same beta at every step (the official form). */
    public static GsAverage perStep(double beta) {
        return new GsAverage(beta, 0, 0);
    }

    /**
     * A half-life in images, with ramp-up.
     *
     * @param halfLifeKimg half-life in thousands of images (> 0)
     * @param rampup the half-life is at most this fraction of the images shown so far (0 = none)
     */
    public static GsAverage halfLife(double halfLifeKimg, double rampup) {
        if (!(halfLifeKimg > 0)) {
            throw new IllegalArgumentException(
                    "optimizer.gsAverage.halfLifeKimg must be > 0 for the half-life form, got "
                            + halfLifeKimg);
        }
        return new GsAverage(0.999, halfLifeKimg, rampup);
    }

    /** Whether this is the half-life form. */
    @JsonIgnore
    public boolean isHalfLife() {
        return halfLifeKimg > 0;
    }

    /**
     * The beta of one step.
     *
     * @param nimg real images shown before this step
     * @param minibatch images of this step
     * @return beta in [0, 1)
     */
    public double beta(long nimg, int minibatch) {
        if (!isHalfLife()) {
            return stepBeta;
        }
        double h = halfLifeImages(nimg);
        return Math.pow(0.5, minibatch / Math.max(h, 1e-8));
    }

    /**
     * The half-life in images in force after {@code nimg} images (the per-step form's depends on
     * the minibatch: see {@link #beta}).
     */
    public double halfLifeImages(long nimg) {
        double h = halfLifeKimg * 1000;
        if (rampup > 0) {
            h = Math.min(h, nimg * rampup);
        }
        return h;
    }

    /**
     * The weight the initial (random) generator keeps in Gs at the end of a schedule: the product
     * of every step's beta. Near 1, Gs is mostly the untrained generator.
     *
     * @param schedule the run's schedule
     * @param resolution the final resolution
     * @param replicas data-parallel replicas (minibatches are rounded to a multiple)
     */
    public double initialWeight(TrainingSchedule schedule, int resolution, int replicas) {
        long total = schedule.totalImages();
        int repeats = schedule.minibatchRepeats();
        double logWeight = 0;
        long nimg = 0;
        while (nimg < total) {
            // The schedule (and so the minibatch) is re-evaluated every minibatchRepeats steps.
            int mb = schedule.at(nimg / 1000.0, resolution, replicas).minibatch();
            for (int k = 0; k < repeats && nimg < total; k++) {
                double b = beta(nimg, mb);
                if (b == 0) {
                    return 0;
                }
                logWeight += Math.log(b);
                nimg += mb;
            }
        }
        return Math.exp(logWeight);
    }

    /**
     * Why this average does not suit the schedule, or null if it does: when more than 1 % of the
     * final Gs is still the random initial generator, the run is shorter than the average's memory.
     */
    public String mismatch(TrainingSchedule schedule, int resolution, int replicas) {
        double w = initialWeight(schedule, resolution, replicas);
        if (w <= 0.01) {
            return null;
        }
        int mb = schedule.at(schedule.totalKimg(), resolution, replicas).minibatch();
        double halfLifeKimg =
                isHalfLife()
                        ? halfLifeImages(schedule.totalImages()) / 1000
                        : mb * Math.log(0.5) / Math.log(stepBeta) / 1000;
        return String.format(
                Locale.ROOT,
                "the Gs moving average remembers longer than the run: after %.1f kimg, %.0f %% of"
                        + " Gs is still the random initial generator (half-life %.1f kimg at"
                        + " minibatch %d); use a half-life with ramp-up (optimizer.gsAverage"
                        + " halfLifeKimg and rampup) or a smaller stepBeta",
                schedule.totalKimg(),
                100 * w,
                halfLifeKimg,
                mb);
    }
}
