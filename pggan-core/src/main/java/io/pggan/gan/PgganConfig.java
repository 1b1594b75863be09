package io.pggan.gan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pggan.data.labels.LabelSpec;
import io.pggan.gan.LossConfig.PenaltyScale;
import io.pggan.gan.network.Architecture;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.TrainingSchedule;

/**
 * Everything that defines a PGGAN run, as an immutable value grouped as the official {@code
 * config.py} groups it: the networks, the loss, the optimizers, the progressive schedule and the
 * run's options. It reads and writes as a JSON document a person can edit ({@link #toJson()}, with
 * a {@code version} field; files written before the grouping load too, see {@link
 * #fromJson(String)}). Defaults are the official ones (1024x1024 grayscale, 12,000 kimg); see
 * {@link #builder()}, {@link #cpuPreset(int)} and {@link #official()}.
 *
 * @param architecture network sizes (resolution, channels, latent, feature maps, minibatch stddev)
 * @param loss WGAN-GP weights
 * @param optimizer Adam, the Gs moving average and the gradient guard
 * @param schedule progressive schedule
 * @param run seed, mirroring, devices, checkpoints, snapshots, progress bar
 * @param labels what a conditional model is conditioned on (age, sex); null for the unconditional
 *     model, which writes no {@code labels} field, so unconditional documents are unchanged
 */
public record PgganConfig(
        Architecture architecture,
        LossConfig loss,
        OptimizerConfig optimizer,
        TrainingSchedule schedule,
        RunOptions run,
        @JsonInclude(JsonInclude.Include.NON_NULL) LabelSpec labels) {

    /** Version of the JSON document {@link #toJson()} writes. */
    public static final int VERSION = 2;

    /**
     * The official networks: 1024x1024 grayscale, latent 512, feature maps 8192 / 2^stage <= 512.
     */
    private static final Architecture OFFICIAL_ARCHITECTURE =
            new Architecture(1024, 1, 512, 8192, 1.0, 512, 4, true, true);

    /** Validates the groups and the fields that depend on each other; messages name the field. */
    public PgganConfig {
        ConfigChecks.require(architecture != null, "architecture", "present", "null");
        ConfigChecks.require(loss != null, "loss", "present", "null");
        ConfigChecks.require(optimizer != null, "optimizer", "present", "null");
        ConfigChecks.require(schedule != null, "schedule", "present", "null");
        ConfigChecks.require(run != null, "run", "present", "null");
        ConfigChecks.architecture(architecture);
        ConfigChecks.schedule(schedule, architecture.resolution());
    }

    /** An unconditional configuration. */
    public PgganConfig(
            Architecture architecture,
            LossConfig loss,
            OptimizerConfig optimizer,
            TrainingSchedule schedule,
            RunOptions run) {
        this(architecture, loss, optimizer, schedule, run, null);
    }

    /** Length of the label vector: 0 for an unconditional model. */
    public int labelSize() {
        return labels == null ? 0 : labels.size();
    }

    /** Whether the model is conditioned on labels. */
    public boolean conditional() {
        return labels != null;
    }

    /** The full official configuration: 1024x1024 grayscale, latent 512, 12,000 kimg. */
    public static PgganConfig official() {
        return builder().build();
    }

    /**
     * A small configuration that trains on a 2-core CPU: fmapMax 64, latent 64, minibatch 16, 30
     * kimg per phase.
     *
     * @param resolution final resolution (32 or 64 are sensible)
     */
    public static PgganConfig cpuPreset(int resolution) {
        int levels = Integer.numberOfTrailingZeros(resolution) - 1;
        double phase = 30;
        return builder()
                .resolution(resolution)
                .fmapMax(64)
                .latentDim(64)
                .schedule(TrainingSchedule.shortRun(phase, phase * (2 * levels - 1), 16))
                .checkpointIntervalKimg(10)
                .build();
    }

    /** A builder starting from the official defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This configuration as indented JSON, grouped, with {@code "version": 2} first. */
    public String toJson() {
        return ConfigDocument.write(this);
    }

    /**
     * Reads a configuration; fields left out take the official defaults, unknown fields are
     * refused. A document without {@code version} whose fields are the flat ones of version 1 (what
     * checkpoints and plans written before the grouping hold) is migrated field by field; a version
     * this library does not know is refused with a message naming it.
     *
     * @param json the document
     * @return the validated configuration
     * @throws IllegalArgumentException naming the bad field or the unknown version
     */
    public static PgganConfig fromJson(String json) {
        return ConfigDocument.read(json);
    }

    /**
     * Builder with the official defaults. Its setters are flat (one per field, whichever group it
     * belongs to), so call sites stay short; {@link #architecture}, {@link #loss}, {@link
     * #optimizer} and {@link #run} set a whole group at once.
     */
    public static final class Builder {
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

        Builder() {
            architecture(OFFICIAL_ARCHITECTURE);
            loss(LossConfig.official());
            optimizer(OptimizerConfig.official());
            schedule(TrainingSchedule.official());
            run(RunOptions.defaults());
        }

        Builder(PgganConfig c) {
            architecture(c.architecture).loss(c.loss).optimizer(c.optimizer).run(c.run);
            schedule = c.schedule;
            labels = c.labels;
        }

        /** Conditions the model on these labels (null = unconditional, the default). */
        public Builder labels(LabelSpec v) {
            labels = v;
            return this;
        }

        /** Sets every field of the architecture group. */
        public Builder architecture(Architecture v) {
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
        public Builder loss(LossConfig v) {
            gpLambda = v.gpLambda();
            gpGamma = v.gpGamma();
            driftEpsilon = v.driftEpsilon();
            penaltyScale = v.penaltyScale();
            return this;
        }

        /** Sets every field of the optimizer group. */
        public Builder optimizer(OptimizerConfig v) {
            adamBeta1 = v.adamBeta1();
            adamBeta2 = v.adamBeta2();
            adamEpsilon = v.adamEpsilon();
            resetOptimizerOnLodChange = v.resetOptimizerOnLodChange();
            gsAverage = v.gsAverage();
            gradientOutlierRatio = v.gradientOutlierRatio();
            return this;
        }

        /** Sets every field of the run group. */
        public Builder run(RunOptions v) {
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
        public Builder resolution(int v) {
            resolution = v;
            return this;
        }

        /** Image channels. */
        public Builder channels(int v) {
            channels = v;
            return this;
        }

        /** Latent size. */
        public Builder latentDim(int v) {
            latentDim = v;
            return this;
        }

        /** Feature-map rule numerator. */
        public Builder fmapBase(int v) {
            fmapBase = v;
            return this;
        }

        /** Feature-map rule exponent. */
        public Builder fmapDecay(double v) {
            fmapDecay = v;
            return this;
        }

        /** Feature-map cap. */
        public Builder fmapMax(int v) {
            fmapMax = v;
            return this;
        }

        /** Minibatch-stddev group size. */
        public Builder mbstdGroupSize(int v) {
            mbstdGroupSize = v;
            return this;
        }

        /** Fused resampling convs. */
        public Builder fusedScale(boolean v) {
            fusedScale = v;
            return this;
        }

        /** Pixel norm of the latents. */
        public Builder normalizeLatents(boolean v) {
            normalizeLatents = v;
            return this;
        }

        /** Progressive schedule. */
        public Builder schedule(TrainingSchedule v) {
            schedule = v;
            return this;
        }

        /** Penalty weight. */
        public Builder gpLambda(double v) {
            gpLambda = v;
            return this;
        }

        /** Penalty target. */
        public Builder gpGamma(double v) {
            gpGamma = v;
            return this;
        }

        /** Drift weight. */
        public Builder driftEpsilon(double v) {
            driftEpsilon = v;
            return this;
        }

        /** Penalty norm convention. */
        public Builder penaltyScale(PenaltyScale v) {
            penaltyScale = v;
            return this;
        }

        /** Adam beta1. */
        public Builder adamBeta1(double v) {
            adamBeta1 = v;
            return this;
        }

        /** Adam beta2. */
        public Builder adamBeta2(double v) {
            adamBeta2 = v;
            return this;
        }

        /** Adam epsilon. */
        public Builder adamEpsilon(double v) {
            adamEpsilon = v;
            return this;
        }

        /** Reset Adam at fade-in start and end. */
        public Builder resetOptimizerOnLodChange(boolean v) {
            resetOptimizerOnLodChange = v;
            return this;
        }

        /** Gs beta per step (the official form; clears a half-life). */
        public Builder gSmoothing(double v) {
            gsAverage = GsAverage.perStep(v);
            return this;
        }

        /** The Gs moving average (per-step beta or half-life with ramp-up). */
        public Builder gsAverage(GsAverage v) {
            gsAverage = v;
            return this;
        }

        /**
         * Skip an update whose gradient norm exceeds this multiple of the running average (0 =
         * off).
         */
        public Builder gradientOutlierRatio(double v) {
            gradientOutlierRatio = v;
            return this;
        }

        /** Seed of weights and training draws. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Mirror augmentation. */
        public Builder mirror(boolean v) {
            mirror = v;
            return this;
        }

        /** Data-parallel replicas (0 = every device). */
        public Builder replicas(int v) {
            replicas = v;
            return this;
        }

        /** kimg between checkpoints. */
        public Builder checkpointIntervalKimg(double v) {
            checkpointIntervalKimg = v;
            return this;
        }

        /** Ticks between fakes grids (0 = none). */
        public Builder imageSnapshotTicks(int v) {
            imageSnapshotTicks = v;
            return this;
        }

        /** Consecutive non-finite iterations that stop training. */
        public Builder maxNonFiniteIterations(int v) {
            maxNonFiniteIterations = v;
            return this;
        }

        /** Console progress bar. */
        public Builder progressBar(boolean v) {
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
}
