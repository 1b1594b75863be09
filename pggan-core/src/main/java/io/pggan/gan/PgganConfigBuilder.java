package io.pggan.gan;

import io.pggan.data.labels.LabelSpec;
import io.pggan.gan.LossConfig.PenaltyScale;
import io.pggan.gan.network.Architecture;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.TrainingSchedule;

/**
 * Builder of a {@link PgganConfig} ({@link PgganConfig#builder()}, {@link PgganConfig#toBuilder()})
 * with the official defaults. Its setters are flat (one per field, whichever group it belongs to),
 * so call sites stay short; {@link #architecture}, {@link #loss}, {@link #optimizer} and {@link
 * #run} set a whole group at once.
 */
public final class PgganConfigBuilder {
    private int resolution;
    private int channels;
    private int latentDim;
    private int fmapBase;
    private double fmapDecay;
    private int fmapMax;
    private int mbstdGroupSize;
    private boolean fusedScale;
    private boolean normalizeLatents;
    private TrainingSchedule schedule;
    private double gpLambda;
    private double gpGamma;
    private double driftEpsilon;
    private PenaltyScale penaltyScale;
    private double adamBeta1;
    private double adamBeta2;
    private double adamEpsilon;
    private boolean resetOptimizerOnLodChange;
    private GsAverage gsAverage;
    private double gradientOutlierRatio;
    private long seed;
    private boolean mirror;
    private int replicas;
    private double checkpointIntervalKimg;
    private int imageSnapshotTicks;
    private int maxNonFiniteIterations;
    private boolean progressBar;
    private LabelSpec labels;

    PgganConfigBuilder() {
        architecture(PgganConfig.OFFICIAL_ARCHITECTURE);
        loss(LossConfig.official());
        optimizer(OptimizerConfig.official());
        schedule(TrainingSchedule.official());
        run(RunOptions.defaults());
    }

    PgganConfigBuilder(PgganConfig c) {
        architecture(c.architecture()).loss(c.loss()).optimizer(c.optimizer()).run(c.run());
        schedule = c.schedule();
        labels = c.labels();
    }

    /** Conditions the model on these labels (null = unconditional, the default). */
    public PgganConfigBuilder labels(LabelSpec v) {
        labels = v;
        return this;
    }

    /** Sets every field of the architecture group. */
    public PgganConfigBuilder architecture(Architecture v) {
        resolution = v.resolution();
        channels = v.channels();
        latentDim = v.latentDim();
        fmapBase = v.fmapBase();
        fmapDecay = v.fmapDecay();
        fmapMax = v.fmapMax();
        mbstdGroupSize = v.mbstdGroupSize();
        fusedScale = v.fusedScale();
        normalizeLatents = v.normalizeLatents();
        return this;
    }

    /** Sets every field of the loss group. */
    public PgganConfigBuilder loss(LossConfig v) {
        gpLambda = v.gpLambda();
        gpGamma = v.gpGamma();
        driftEpsilon = v.driftEpsilon();
        penaltyScale = v.penaltyScale();
        return this;
    }

    /** Sets every field of the optimizer group. */
    public PgganConfigBuilder optimizer(OptimizerConfig v) {
        adamBeta1 = v.adamBeta1();
        adamBeta2 = v.adamBeta2();
        adamEpsilon = v.adamEpsilon();
        resetOptimizerOnLodChange = v.resetOptimizerOnLodChange();
        gsAverage = v.gsAverage();
        gradientOutlierRatio = v.gradientOutlierRatio();
        return this;
    }

    /** Sets every field of the run group. */
    public PgganConfigBuilder run(RunOptions v) {
        seed = v.seed();
        mirror = v.mirror();
        replicas = v.replicas();
        checkpointIntervalKimg = v.checkpointIntervalKimg();
        imageSnapshotTicks = v.imageSnapshotTicks();
        maxNonFiniteIterations = v.maxNonFiniteIterations();
        progressBar = v.progressBar();
        return this;
    }

    /** Final resolution. */
    public PgganConfigBuilder resolution(int v) {
        resolution = v;
        return this;
    }

    /** Image channels. */
    public PgganConfigBuilder channels(int v) {
        channels = v;
        return this;
    }

    /** Latent size. */
    public PgganConfigBuilder latentDim(int v) {
        latentDim = v;
        return this;
    }

    /** Feature-map rule numerator. */
    public PgganConfigBuilder fmapBase(int v) {
        fmapBase = v;
        return this;
    }

    /** Feature-map rule exponent. */
    public PgganConfigBuilder fmapDecay(double v) {
        fmapDecay = v;
        return this;
    }

    /** Feature-map cap. */
    public PgganConfigBuilder fmapMax(int v) {
        fmapMax = v;
        return this;
    }

    /** Minibatch-stddev group size. */
    public PgganConfigBuilder mbstdGroupSize(int v) {
        mbstdGroupSize = v;
        return this;
    }

    /** Fused resampling convs. */
    public PgganConfigBuilder fusedScale(boolean v) {
        fusedScale = v;
        return this;
    }

    /** Pixel norm of the latents. */
    public PgganConfigBuilder normalizeLatents(boolean v) {
        normalizeLatents = v;
        return this;
    }

    /** Progressive schedule. */
    public PgganConfigBuilder schedule(TrainingSchedule v) {
        schedule = v;
        return this;
    }

    /** Penalty weight. */
    public PgganConfigBuilder gpLambda(double v) {
        gpLambda = v;
        return this;
    }

    /** Penalty target. */
    public PgganConfigBuilder gpGamma(double v) {
        gpGamma = v;
        return this;
    }

    /** Drift weight. */
    public PgganConfigBuilder driftEpsilon(double v) {
        driftEpsilon = v;
        return this;
    }

    /** Penalty norm convention. */
    public PgganConfigBuilder penaltyScale(PenaltyScale v) {
        penaltyScale = v;
        return this;
    }

    /** Adam beta1. */
    public PgganConfigBuilder adamBeta1(double v) {
        adamBeta1 = v;
        return this;
    }

    /** Adam beta2. */
    public PgganConfigBuilder adamBeta2(double v) {
        adamBeta2 = v;
        return this;
    }

    /** Adam epsilon. */
    public PgganConfigBuilder adamEpsilon(double v) {
        adamEpsilon = v;
        return this;
    }

    /** Reset Adam at fade-in start and end. */
    public PgganConfigBuilder resetOptimizerOnLodChange(boolean v) {
        resetOptimizerOnLodChange = v;
        return this;
    }

    /** Gs beta per step (the official form; clears a half-life). */
    public PgganConfigBuilder gSmoothing(double v) {
        gsAverage = GsAverage.perStep(v);
        return this;
    }

    /** The Gs moving average (per-step beta or half-life with ramp-up). */
    public PgganConfigBuilder gsAverage(GsAverage v) {
        gsAverage = v;
        return this;
    }

    /**
     * Skip an update whose gradient norm exceeds this multiple of the running average (0 = off).
     */
    public PgganConfigBuilder gradientOutlierRatio(double v) {
        gradientOutlierRatio = v;
        return this;
    }

    /** Seed of weights and training draws. */
    public PgganConfigBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Mirror augmentation. */
    public PgganConfigBuilder mirror(boolean v) {
        mirror = v;
        return this;
    }

    /** Data-parallel replicas (0 = every device). */
    public PgganConfigBuilder replicas(int v) {
        replicas = v;
        return this;
    }

    /** kimg between checkpoints. */
    public PgganConfigBuilder checkpointIntervalKimg(double v) {
        checkpointIntervalKimg = v;
        return this;
    }

    /** Ticks between fakes grids (0 = none). */
    public PgganConfigBuilder imageSnapshotTicks(int v) {
        imageSnapshotTicks = v;
        return this;
    }

    /** Consecutive non-finite iterations that stop training. */
    public PgganConfigBuilder maxNonFiniteIterations(int v) {
        maxNonFiniteIterations = v;
        return this;
    }

    /** Console progress bar. */
    public PgganConfigBuilder progressBar(boolean v) {
        progressBar = v;
        return this;
    }

    /** Validates and builds. */
    public PgganConfig build() {
        return new PgganConfig(
                new Architecture(
                        resolution,
                        channels,
                        latentDim,
                        fmapBase,
                        fmapDecay,
                        fmapMax,
                        mbstdGroupSize,
                        fusedScale,
                        normalizeLatents),
                new LossConfig(gpLambda, gpGamma, driftEpsilon, penaltyScale),
                new OptimizerConfig(
                        adamBeta1,
                        adamBeta2,
                        adamEpsilon,
                        resetOptimizerOnLodChange,
                        gsAverage,
                        gradientOutlierRatio),
                schedule,
                new RunOptions(
                        seed,
                        mirror,
                        replicas,
                        checkpointIntervalKimg,
                        imageSnapshotTicks,
                        maxNonFiniteIterations,
                        progressBar),
                labels);
    }
}
