package io.pggan.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.gan.training.GsAverage;
import io.pggan.io.Json;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Every size the end-to-end study uses, derived from the command-line options and written to {@code
 * plan.json} in the output folder, so a resumed run is checked against the run it continues.
 *
 * @param profile "quick", "default", "full" or "gpu"
 * @param seed seed of every random draw
 * @param rsna RSNA folder, or null for hand phantoms made on the fly
 * @param resolution GAN resolution
 * @param datasetSize training images (phantoms rendered, or at most this many RSNA images)
 * @param cnnInput side of the age CNN's input (GAN images are bilinearly upsampled to it)
 * @param cnnWidth Xception width multiplier
 * @param cnnEpochs age CNN epochs
 * @param cnnMinutes wall-time cap of the age CNN's training (0 = none)
 * @param cnnValidation validation images for the age CNN
 * @param cnnTest test images for the age CNN
 * @param cnnBatch age CNN minibatch
 * @param cnnLearningRate age CNN initial learning rate (cosine schedule)
 * @param cnnAugmentation the age CNN's radiograph augmentation (off when thousands of fresh
 *     phantoms make it unnecessary: it only slows learning there)
 * @param latentDim GAN latent size
 * @param fmapMax GAN feature-map cap
 * @param fmapBase GAN feature-map rule numerator
 * @param officialSchedule the official 12,000-kimg schedule instead of the short one
 * @param phaseKimg kimg per stable phase and per fade-in of the short schedule
 * @param minibatch GAN minibatch of the short schedule
 * @param gSmoothing beta of the generator's moving average Gs per step (official 0.999, which
 *     averages over about 1,000 steps: too slow for a CPU run of a few hundred steps)
 * @param metricEveryKimg kimg between metric evaluations while training
 * @param metricSample images per metric evaluation while training
 * @param evalSample images per set in the final evaluation
 * @param labelSamples latents labelled by the age CNN for the LASSO
 * @param videoFrames frames of the aging video
 * @param inception TorchScript Inception file for IS, or null
 * @param inceptionClasses number of logits the Inception file returns
 * @param learningRate GAN learning rate of G and D (short schedule; official 0.001)
 * @param finalKimg kimg of the final stable phase of the short schedule (the others take {@code
 *     phaseKimg})
 * @param gsHalfLifeKimg half-life of Gs in kimg (0 = the per-step {@code gSmoothing})
 * @param gsRampup ramp-up of the Gs half-life (fraction of the images shown so far; 0 = none)
 * @param bestMetric the tracked metric whose best value picks the Gs snapshot the later stages use
 *     (for example {@code swd_x1e3_avg} or {@code fid}), or null for the last one
 */
public record StudyPlan(
        @JsonProperty("profile") String profile,
        @JsonProperty("seed") long seed,
        @JsonProperty("rsna") String rsna,
        @JsonProperty("resolution") int resolution,
        @JsonProperty("datasetSize") int datasetSize,
        @JsonProperty("cnnInput") int cnnInput,
        @JsonProperty("cnnWidth") double cnnWidth,
        @JsonProperty("cnnEpochs") int cnnEpochs,
        @JsonProperty("cnnMinutes") double cnnMinutes,
        @JsonProperty("cnnValidation") int cnnValidation,
        @JsonProperty("cnnTest") int cnnTest,
        @JsonProperty("cnnBatch") int cnnBatch,
        @JsonProperty("cnnLearningRate") double cnnLearningRate,
        @JsonProperty("cnnAugmentation") boolean cnnAugmentation,
        @JsonProperty("latentDim") int latentDim,
        @JsonProperty("fmapMax") int fmapMax,
        @JsonProperty("fmapBase") int fmapBase,
        @JsonProperty("officialSchedule") boolean officialSchedule,
        @JsonProperty("phaseKimg") double phaseKimg,
        @JsonProperty("minibatch") int minibatch,
        @JsonProperty("gSmoothing") double gSmoothing,
        @JsonProperty("metricEveryKimg") double metricEveryKimg,
        @JsonProperty("metricSample") int metricSample,
        @JsonProperty("evalSample") int evalSample,
        @JsonProperty("labelSamples") int labelSamples,
        @JsonProperty("videoFrames") int videoFrames,
        @JsonProperty("inception") String inception,
        @JsonProperty("inceptionClasses") int inceptionClasses,
        @JsonProperty("learningRate") double learningRate,
        @JsonProperty("finalKimg") double finalKimg,
        @JsonProperty("gsHalfLifeKimg") double gsHalfLifeKimg,
        @JsonProperty("gsRampup") double gsRampup,
        @JsonProperty("bestMetric") String bestMetric) {

    static final ObjectMapper JSON = Json.mapper();

    /** Checks the sizes that later stages rely on. */
    public StudyPlan {
        if (resolution < 32 || resolution > 1024 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException(
                    "--resolution must be a power of two from 32 to 1024, got " + resolution);
        }
        if (cnnInput < 71) {
            throw new IllegalArgumentException("the age CNN needs at least 71 px, got " + cnnInput);
        }
        if (metricSample < 4 || metricSample % 2 != 0) {
            throw new IllegalArgumentException("metricSample must be even and >= 4");
        }
        if (evalSample < 4 || evalSample % 2 != 0) {
            throw new IllegalArgumentException("evalSample must be even and >= 4");
        }
        if (datasetSize < Math.max(metricSample, evalSample)) {
            throw new IllegalArgumentException(
                    "datasetSize "
                            + datasetSize
                            + " is smaller than the metric samples ("
                            + Math.max(metricSample, evalSample)
                            + ")");
        }
        if (!(gSmoothing >= 0 && gSmoothing < 1)) {
            throw new IllegalArgumentException("gSmoothing must be in [0, 1), got " + gSmoothing);
        }
        if (labelSamples < 50) {
            throw new IllegalArgumentException("labelSamples must be at least 50 (10-fold CV)");
        }
        if (videoFrames < 8) {
            throw new IllegalArgumentException("videoFrames must be at least 8");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(finalKimg > 0)) {
            throw new IllegalArgumentException("finalKimg must be > 0, got " + finalKimg);
        }
        if (!(gsHalfLifeKimg >= 0 && Double.isFinite(gsHalfLifeKimg))) {
            throw new IllegalArgumentException(
                    "gsHalfLifeKimg must be finite and >= 0 (0 = per-step gSmoothing), got "
                            + gsHalfLifeKimg);
        }
        if (!(gsRampup >= 0 && Double.isFinite(gsRampup))) {
            throw new IllegalArgumentException(
                    "gsRampup must be finite and >= 0 (0 = none), got " + gsRampup);
        }
    }

    /** The Gs moving average of the GAN stage. */
    public GsAverage gsAverage() {
        return new GsAverage(gSmoothing, gsHalfLifeKimg, gsRampup);
    }

    /**
     * This plan with the fields of a JSON object replaced (the {@code --plan FILE} option): fields
     * left out keep this plan's values, unknown fields are refused.
     *
     * @param json a JSON object of plan fields
     * @param source where it came from, for messages
     */
    public StudyPlan with(String json, String source) {
        try {
            JsonNode user = JSON.readTree(json);
            if (user == null || !user.isObject()) {
                throw new IllegalArgumentException(source + ": a plan must be a JSON object");
            }
            ObjectNode merged = JSON.valueToTree(this);
            for (Map.Entry<String, JsonNode> e : user.properties()) {
                if (!merged.has(e.getKey())) {
                    throw new IllegalArgumentException(
                            source + ": unknown plan field " + e.getKey());
                }
                merged.set(e.getKey(), e.getValue());
            }
            return JSON.treeToValue(merged, StudyPlan.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(source + ": " + iae.getMessage(), iae);
            }
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Total kimg of the short schedule: one stable phase and one fade-in per level above 4x4, the
     * last stable phase {@code finalKimg} long.
     */
    public double totalKimg() {
        int levels = Integer.numberOfTrailingZeros(resolution) - 1;
        return phaseKimg * (2 * levels - 2) + finalKimg;
    }

    /** As indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The quick profile: under two minutes, for tests. */
    static StudyPlan quick(long seed, String rsna, String inception, int classes) {
        return new StudyPlan(
                "quick", seed, rsna, 32, 160, 72, 0.0625, 1, 0, 32, 64, 32, 0.001, true, 32, 32,
                512, false, 0.096, 16, 0.99, 0.2, 32, 64, 200, 16, inception, classes, 0.001, 0.096,
                0, 0, null);
    }

    /** The default CPU profile: the whole study at 64x64 in about 13 minutes on 2 idle cores. */
    static StudyPlan cpu(long seed, String rsna, int resolution, String inception, int classes) {
        return new StudyPlan(
                "default",
                seed,
                rsna,
                resolution,
                8000,
                Math.max(72, resolution),
                0.25,
                2,
                5,
                200,
                400,
                16,
                0.003,
                false,
                64,
                32,
                1024,
                false,
                5,
                16,
                0.99,
                5,
                64,
                256,
                10_000,
                61,
                inception,
                classes,
                // Chosen by the ablation in the README ("Choosing the default"): lr 0.002, a
                // 15-kimg final phase, a Gs half-life of 10 kimg with ramp-up 0.05 and the
                // best-FID Gs snapshot (seed 2018: SWD 3.2x -> 1.6x real-vs-real).
                0.002,
                15,
                10,
                0.05,
                "fid");
    }

    /** The study's full schedule (official 12,000 kimg, latent 512, full-width Xception). */
    static StudyPlan full(
            long seed, String rsna, int resolution, String inception, int classes, boolean gpu) {
        return new StudyPlan(
                gpu ? "gpu" : "full",
                seed,
                rsna,
                resolution,
                12_611,
                Math.max(128, resolution),
                1.0,
                30,
                0,
                1_000,
                1_000,
                32,
                0.001,
                true,
                512,
                512,
                8192,
                true,
                600,
                16,
                0.999,
                500,
                1_000,
                10_000,
                200_000,
                121,
                inception,
                classes,
                0.001,
                600,
                0,
                0,
                null);
    }

    /** A GPU profile of the short schedule: wider networks and larger samples. */
    static StudyPlan gpu(long seed, String rsna, int resolution, String inception, int classes) {
        return new StudyPlan(
                "gpu",
                seed,
                rsna,
                resolution,
                12_611,
                Math.max(128, resolution),
                0.5,
                20,
                0,
                1_000,
                1_000,
                32,
                0.001,
                true,
                512,
                256,
                8192,
                false,
                300,
                32,
                0.999,
                150,
                1_000,
                5_000,
                50_000,
                121,
                inception,
                classes,
                0.001,
                300,
                0,
                0,
                null);
    }
}
