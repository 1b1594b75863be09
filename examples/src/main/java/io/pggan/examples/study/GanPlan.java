package io.pggan.examples.study;

import io.pggan.gan.training.GsAverage;

/**
 * The progressive GAN: networks, schedule and the generator's moving average Gs.
 *
 * @param latentDim latent size
 * @param fmapMax feature-map cap
 * @param fmapBase feature-map rule numerator
 * @param officialSchedule the official 12,000-kimg schedule instead of the short one
 * @param phaseKimg kimg per stable phase and per fade-in of the short schedule
 * @param finalKimg kimg of the short schedule's final stable phase
 * @param minibatch minibatch of the short schedule
 * @param learningRate learning rate of G and D (short schedule; official 0.001)
 * @param gSmoothing beta of Gs per step (official 0.999, which averages over about 1,000 steps: too
 *     slow for a CPU run of a few hundred steps)
 * @param gsHalfLifeKimg half-life of Gs in kimg (0 = the per-step {@code gSmoothing})
 * @param gsRampup ramp-up of the Gs half-life (fraction of the images shown so far; 0 = none)
 * @param bestMetric the tracked metric whose best value picks the Gs snapshot the later stages use
 *     (for example {@code swd_x1e3_avg} or {@code fid}), or null for the last one
 * @param conditional also train a GAN conditioned on sex and age and judge it (the {@code cgan*}
 *     stages, issue #17)
 */
public record GanPlan(
        int latentDim,
        int fmapMax,
        int fmapBase,
        boolean officialSchedule,
        double phaseKimg,
        double finalKimg,
        int minibatch,
        double learningRate,
        double gSmoothing,
        double gsHalfLifeKimg,
        double gsRampup,
        String bestMetric,
        boolean conditional) {
    /** Checks the fields. */
    public GanPlan {
        if (latentDim < 1 || fmapMax < 1 || fmapBase < 1 || minibatch < 1) {
            throw new IllegalArgumentException(
                    "gan: latentDim, fmapMax, fmapBase and minibatch must be positive");
        }
        if (!(phaseKimg > 0)) {
            throw new IllegalArgumentException("gan.phaseKimg must be > 0, got " + phaseKimg);
        }
        if (!(finalKimg > 0)) {
            throw new IllegalArgumentException("gan.finalKimg must be > 0, got " + finalKimg);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("gan.learningRate must be > 0, got " + learningRate);
        }
        if (!(gSmoothing >= 0 && gSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "gan.gSmoothing must be in [0, 1), got " + gSmoothing);
        }
        if (!(gsHalfLifeKimg >= 0 && Double.isFinite(gsHalfLifeKimg))) {
            throw new IllegalArgumentException(
                    "gan.gsHalfLifeKimg must be finite and >= 0 (0 = per-step gSmoothing), got "
                            + gsHalfLifeKimg);
        }
        if (!(gsRampup >= 0 && Double.isFinite(gsRampup))) {
            throw new IllegalArgumentException(
                    "gan.gsRampup must be finite and >= 0 (0 = none), got " + gsRampup);
        }
    }

    /** The Gs moving average. */
    public GsAverage gsAverage() {
        return new GsAverage(gSmoothing, gsHalfLifeKimg, gsRampup);
    }

    /**
     * Total kimg of the short schedule at a resolution: one stable phase and one fade-in per level
     * above 4x4, the last stable phase {@code finalKimg} long.
     */
    public double totalKimg(int resolution) {
        int levels = Integer.numberOfTrailingZeros(resolution) - 1;
        return phaseKimg * (2 * levels - 2) + finalKimg;
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a {@link GanPlan}. */
    public static final class Builder {
        private int latentDim;
        private int fmapMax;
        private int fmapBase;
        private boolean officialSchedule;
        private double phaseKimg;
        private double finalKimg;
        private int minibatch;
        private double learningRate;
        private double gSmoothing;
        private double gsHalfLifeKimg;
        private double gsRampup;
        private String bestMetric;
        private boolean conditional;

        private Builder(GanPlan p) {
            latentDim = p.latentDim;
            fmapMax = p.fmapMax;
            fmapBase = p.fmapBase;
            officialSchedule = p.officialSchedule;
            phaseKimg = p.phaseKimg;
            finalKimg = p.finalKimg;
            minibatch = p.minibatch;
            learningRate = p.learningRate;
            gSmoothing = p.gSmoothing;
            gsHalfLifeKimg = p.gsHalfLifeKimg;
            gsRampup = p.gsRampup;
            bestMetric = p.bestMetric;
            conditional = p.conditional;
        }

        /** Also the conditional GAN (sex and age) and its judgement. */
        public Builder conditional(boolean v) {
            conditional = v;
            return this;
        }

        /** Latent size. */
        public Builder latentDim(int v) {
            latentDim = v;
            return this;
        }

        /** Feature-map cap. */
        public Builder fmapMax(int v) {
            fmapMax = v;
            return this;
        }

        /** Feature-map rule numerator. */
        public Builder fmapBase(int v) {
            fmapBase = v;
            return this;
        }

        /** The official schedule instead of the short one. */
        public Builder officialSchedule(boolean v) {
            officialSchedule = v;
            return this;
        }

        /** kimg per phase of the short schedule. */
        public Builder phaseKimg(double v) {
            phaseKimg = v;
            return this;
        }

        /** kimg of the final stable phase of the short schedule. */
        public Builder finalKimg(double v) {
            finalKimg = v;
            return this;
        }

        /** Minibatch of the short schedule. */
        public Builder minibatch(int v) {
            minibatch = v;
            return this;
        }

        /** Learning rate of G and D. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Per-step beta of Gs. */
        public Builder gSmoothing(double v) {
            gSmoothing = v;
            return this;
        }

        /** Gs half-life in kimg (0 = per-step beta). */
        public Builder gsHalfLifeKimg(double v) {
            gsHalfLifeKimg = v;
            return this;
        }

        /** Gs half-life ramp-up (0 = none). */
        public Builder gsRampup(double v) {
            gsRampup = v;
            return this;
        }

        /** Metric whose best value picks the Gs snapshot, or null for the last. */
        public Builder bestMetric(String v) {
            bestMetric = v;
            return this;
        }

        /** The plan. */
        public GanPlan build() {
            return new GanPlan(
                    latentDim,
                    fmapMax,
                    fmapBase,
                    officialSchedule,
                    phaseKimg,
                    finalKimg,
                    minibatch,
                    learningRate,
                    gSmoothing,
                    gsHalfLifeKimg,
                    gsRampup,
                    bestMetric,
                    conditional);
        }
    }
}
