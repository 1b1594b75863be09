package io.pggan.gan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.gan.network.Architecture;
import io.pggan.gan.training.GsAverage;
import io.pggan.gan.training.TrainingSchedule;
import java.util.Map;

/**
 * Everything that defines a PGGAN run, as an immutable value that reads and writes as a JSON
 * document a person can edit. Defaults are the official ones (1024x1024 grayscale, 12,000 kimg);
 * see {@link #builder()}, {@link #cpuPreset(int)} and {@link #official()}.
 *
 * @param resolution final resolution, a power of two from 4 to 1024
 * @param channels 1 (grayscale) or 3
 * @param latentDim latent vector length (official nf(0) = 512)
 * @param fmapBase feature-map rule numerator (8192)
 * @param fmapDecay feature-map rule exponent (1.0)
 * @param fmapMax feature-map cap (512)
 * @param mbstdGroupSize minibatch-stddev group (4; 0 or 1 disables it)
 * @param fusedScale fused up/down resampling convs (true)
 * @param normalizeLatents pixel norm of the latent (true)
 * @param schedule progressive schedule
 * @param gpLambda gradient-penalty weight (10)
 * @param gpGamma gradient-penalty target norm (1)
 * @param driftEpsilon weight of {@code D(real)^2} (0.001)
 * @param penaltyScale how the penalty's gradient norm is measured when D runs below the final
 *     resolution
 * @param adamBeta1 Adam beta1 (0)
 * @param adamBeta2 Adam beta2 (0.99)
 * @param adamEpsilon Adam epsilon (1e-8, applied as in TensorFlow)
 * @param resetOptimizerOnLodChange reset both Adam states when a fade-in starts or ends (true)
 * @param gSmoothing Gs moving-average beta per D step (0.999), used when {@code gsHalfLifeKimg} is
 *     0
 * @param gsHalfLifeKimg half-life of the Gs moving average in thousands of images (0 = the official
 *     per-step {@code gSmoothing}); see {@link GsAverage}
 * @param gsRampup ramp-up of the half-life: at most this fraction of the images shown so far (0 =
 *     none)
 * @param mirror random horizontal flips of the reals (false)
 * @param seed seed of weights and of every random draw of training
 * @param replicas data-parallel replicas; 0 = one per device DJL sees
 * @param checkpointIntervalKimg kimg between checkpoints
 * @param imageSnapshotTicks ticks between fakes grids; 0 = none
 * @param maxNonFiniteIterations consecutive non-finite iterations that stop training
 * @param gradientOutlierRatio skip an update whose gradient norm exceeds this multiple of the
 *     network's running average norm (1000; 0 = off). Not in the official code: it guards against
 *     the rare corrupted gradients seen on DJL 0.33 / PyTorch 2.5.1 CPU (see the README)
 * @param progressBar show a console progress bar while training
 */
public record PgganConfig(
        int resolution,
        int channels,
        int latentDim,
        int fmapBase,
        double fmapDecay,
        int fmapMax,
        int mbstdGroupSize,
        boolean fusedScale,
        boolean normalizeLatents,
        TrainingSchedule schedule,
        double gpLambda,
        double gpGamma,
        double driftEpsilon,
        PenaltyScale penaltyScale,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        boolean resetOptimizerOnLodChange,
        double gSmoothing,
        double gsHalfLifeKimg,
        double gsRampup,
        boolean mirror,
        long seed,
        int replicas,
        double checkpointIntervalKimg,
        int imageSnapshotTicks,
        int maxNonFiniteIterations,
        double gradientOutlierRatio,
        boolean progressBar) {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /** Validates every field; messages name the field. */
    public PgganConfig {
        require(
                resolution >= 4 && resolution <= 1024 && Integer.bitCount(resolution) == 1,
                "resolution",
                "a power of two from 4 to 1024",
                resolution);
        require(channels == 1 || channels == 3, "channels", "1 or 3", channels);
        require(latentDim >= 1, "latentDim", "at least 1", latentDim);
        require(fmapBase >= 1, "fmapBase", "at least 1", fmapBase);
        require(
                fmapDecay >= 0 && Double.isFinite(fmapDecay),
                "fmapDecay",
                "finite and >= 0",
                fmapDecay);
        require(fmapMax >= 1, "fmapMax", "at least 1", fmapMax);
        require(mbstdGroupSize >= 0, "mbstdGroupSize", "at least 0", mbstdGroupSize);
        require(schedule != null, "schedule", "present", "null");
        require(gpLambda >= 0, "gpLambda", ">= 0", gpLambda);
        require(gpGamma > 0, "gpGamma", "> 0", gpGamma);
        require(driftEpsilon >= 0, "driftEpsilon", ">= 0", driftEpsilon);
        require(
                penaltyScale != null,
                "penaltyScale",
                "FULL_RESOLUTION or CURRENT_RESOLUTION",
                "null");
        require(adamBeta1 >= 0 && adamBeta1 < 1, "adamBeta1", "in [0, 1)", adamBeta1);
        require(adamBeta2 >= 0 && adamBeta2 < 1, "adamBeta2", "in [0, 1)", adamBeta2);
        require(adamEpsilon > 0, "adamEpsilon", "> 0", adamEpsilon);
        require(gSmoothing >= 0 && gSmoothing < 1, "gSmoothing", "in [0, 1)", gSmoothing);
        require(
                gsHalfLifeKimg >= 0 && Double.isFinite(gsHalfLifeKimg),
                "gsHalfLifeKimg",
                "finite and >= 0",
                gsHalfLifeKimg);
        require(
                gsRampup >= 0 && Double.isFinite(gsRampup),
                "gsRampup",
                "finite and >= 0",
                gsRampup);
        require(replicas >= 0, "replicas", ">= 0", replicas);
        require(
                checkpointIntervalKimg > 0,
                "checkpointIntervalKimg",
                "> 0",
                checkpointIntervalKimg);
        require(imageSnapshotTicks >= 0, "imageSnapshotTicks", ">= 0", imageSnapshotTicks);
        require(
                maxNonFiniteIterations >= 1,
                "maxNonFiniteIterations",
                "at least 1",
                maxNonFiniteIterations);
        require(
                gradientOutlierRatio == 0 || gradientOutlierRatio > 1,
                "gradientOutlierRatio",
                "0 (off) or above 1",
                gradientOutlierRatio);
        checkSchedule(schedule, resolution);
    }

    private static void checkSchedule(TrainingSchedule s, int resolution) {
        int r0 = s.lodInitialResolution();
        require(
                r0 >= 4 && r0 <= resolution && Integer.bitCount(r0) == 1,
                "schedule.lodInitialResolution",
                "a power of two from 4 to resolution " + resolution,
                r0);
        require(s.stabilizeKimg() >= 0, "schedule.stabilizeKimg", ">= 0", s.stabilizeKimg());
        require(s.fadeKimg() >= 0, "schedule.fadeKimg", ">= 0", s.fadeKimg());
        require(s.totalKimg() > 0, "schedule.totalKimg", "> 0", s.totalKimg());
        require(s.minibatchBase() >= 1, "schedule.minibatchBase", "at least 1", s.minibatchBase());
        for (Map.Entry<Integer, Integer> e : s.minibatch().entrySet()) {
            require(
                    e.getValue() >= 1,
                    "schedule.minibatch." + e.getKey(),
                    "at least 1",
                    e.getValue());
        }
        require(s.learningRateBase() > 0, "schedule.learningRateBase", "> 0", s.learningRateBase());
        for (Map.Entry<Integer, Double> e : s.gLearningRate().entrySet()) {
            require(e.getValue() > 0, "schedule.gLearningRate." + e.getKey(), "> 0", e.getValue());
        }
        for (Map.Entry<Integer, Double> e : s.dLearningRate().entrySet()) {
            require(e.getValue() > 0, "schedule.dLearningRate." + e.getKey(), "> 0", e.getValue());
        }
        require(s.tickKimgBase() > 0, "schedule.tickKimgBase", "> 0", s.tickKimgBase());
        require(
                s.minibatchRepeats() >= 1,
                "schedule.minibatchRepeats",
                "at least 1",
                s.minibatchRepeats());
    }

    private static void require(boolean ok, String field, String what, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + what + ", got " + got);
        }
    }

    /** The network sizes. */
    @JsonIgnore
    public Architecture architecture() {
        return new Architecture(
                resolution,
                channels,
                latentDim,
                fmapBase,
                fmapDecay,
                fmapMax,
                mbstdGroupSize,
                fusedScale,
                normalizeLatents);
    }

    /** The schedule of the Gs moving average (per-step beta or half-life with ramp-up). */
    @JsonIgnore
    public GsAverage gsAverage() {
        return new GsAverage(gSmoothing, gsHalfLifeKimg, gsRampup);
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

    /** This configuration as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as JSON", e);
        }
    }

    /**
     * Reads a configuration; fields left out take the official defaults, unknown fields are
     * refused.
     *
     * @param json the document
     * @return the validated configuration
     * @throws IllegalArgumentException naming the bad field
     */
    public static PgganConfig fromJson(String json) {
        try {
            JsonNode user = JSON.readTree(json);
            if (user == null || !user.isObject()) {
                throw new IllegalArgumentException("configuration must be a JSON object");
            }
            ObjectNode merged = JSON.valueToTree(official());
            merge(merged, (ObjectNode) user, "");
            return JSON.treeToValue(merged, PgganConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException(
                    "bad configuration JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode user, String path) {
        for (Map.Entry<String, JsonNode> e : user.properties()) {
            String name = path + e.getKey();
            JsonNode old = target.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException("unknown configuration field " + name);
            }
            if (old.isObject() && e.getValue().isObject() && !isMapField(e.getKey())) {
                merge((ObjectNode) old, (ObjectNode) e.getValue(), name + ".");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static boolean isMapField(String name) {
        return name.equals("minibatch")
                || name.equals("gLearningRate")
                || name.equals("dLearningRate")
                || name.equals("tickKimg");
    }

    /** Builder with the official defaults. */
    public static final class Builder {
        private int resolution = 1024;
        private int channels = 1;
        private int latentDim = 512;
        private int fmapBase = 8192;
        private double fmapDecay = 1.0;
        private int fmapMax = 512;
        private int mbstdGroupSize = 4;
        private boolean fusedScale = true;
        private boolean normalizeLatents = true;
        private TrainingSchedule schedule = TrainingSchedule.official();
        private double gpLambda = 10;
        private double gpGamma = 1;
        private double driftEpsilon = 0.001;
        private PenaltyScale penaltyScale = PenaltyScale.FULL_RESOLUTION;
        private double adamBeta1 = 0;
        private double adamBeta2 = 0.99;
        private double adamEpsilon = 1e-8;
        private boolean resetOptimizerOnLodChange = true;
        private double gSmoothing = 0.999;
        private double gsHalfLifeKimg;
        private double gsRampup;
        private boolean mirror;
        private long seed = 1000;
        private int replicas;
        private double checkpointIntervalKimg = 100;
        private int imageSnapshotTicks = 1;
        private int maxNonFiniteIterations = 20;
        private double gradientOutlierRatio = 1000;
        private boolean progressBar = true;

        Builder() {}

        Builder(PgganConfig c) {
            resolution = c.resolution;
            channels = c.channels;
            latentDim = c.latentDim;
            fmapBase = c.fmapBase;
            fmapDecay = c.fmapDecay;
            fmapMax = c.fmapMax;
            mbstdGroupSize = c.mbstdGroupSize;
            fusedScale = c.fusedScale;
            normalizeLatents = c.normalizeLatents;
            schedule = c.schedule;
            gpLambda = c.gpLambda;
            gpGamma = c.gpGamma;
            driftEpsilon = c.driftEpsilon;
            penaltyScale = c.penaltyScale;
            adamBeta1 = c.adamBeta1;
            adamBeta2 = c.adamBeta2;
            adamEpsilon = c.adamEpsilon;
            resetOptimizerOnLodChange = c.resetOptimizerOnLodChange;
            gSmoothing = c.gSmoothing;
            gsHalfLifeKimg = c.gsHalfLifeKimg;
            gsRampup = c.gsRampup;
            mirror = c.mirror;
            seed = c.seed;
            replicas = c.replicas;
            checkpointIntervalKimg = c.checkpointIntervalKimg;
            imageSnapshotTicks = c.imageSnapshotTicks;
            maxNonFiniteIterations = c.maxNonFiniteIterations;
            gradientOutlierRatio = c.gradientOutlierRatio;
            progressBar = c.progressBar;
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

        /** Gs beta per step. */
        public Builder gSmoothing(double v) {
            gSmoothing = v;
            return this;
        }

        /** Gs half-life in kimg (0 = per-step {@code gSmoothing}). */
        public Builder gsHalfLifeKimg(double v) {
            gsHalfLifeKimg = v;
            return this;
        }

        /** Gs half-life ramp-up: at most this fraction of the images so far (0 = none). */
        public Builder gsRampup(double v) {
            gsRampup = v;
            return this;
        }

        /** Both Gs fields from one schedule. */
        public Builder gsAverage(GsAverage v) {
            gSmoothing = v.stepBeta();
            gsHalfLifeKimg = v.halfLifeKimg();
            gsRampup = v.rampup();
            return this;
        }

        /** Mirror augmentation. */
        public Builder mirror(boolean v) {
            mirror = v;
            return this;
        }

        /** Seed of weights and training draws. */
        public Builder seed(long v) {
            seed = v;
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

        /**
         * Skip an update whose gradient norm exceeds this multiple of the running average (0 =
         * off).
         */
        public Builder gradientOutlierRatio(double v) {
            gradientOutlierRatio = v;
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
                    resolution,
                    channels,
                    latentDim,
                    fmapBase,
                    fmapDecay,
                    fmapMax,
                    mbstdGroupSize,
                    fusedScale,
                    normalizeLatents,
                    schedule,
                    gpLambda,
                    gpGamma,
                    driftEpsilon,
                    penaltyScale,
                    adamBeta1,
                    adamBeta2,
                    adamEpsilon,
                    resetOptimizerOnLodChange,
                    gSmoothing,
                    gsHalfLifeKimg,
                    gsRampup,
                    mirror,
                    seed,
                    replicas,
                    checkpointIntervalKimg,
                    imageSnapshotTicks,
                    maxNonFiniteIterations,
                    gradientOutlierRatio,
                    progressBar);
        }
    }
}
