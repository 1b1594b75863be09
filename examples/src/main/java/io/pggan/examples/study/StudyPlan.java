package io.pggan.examples.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every size the study uses, grouped by stage, immutable, written to {@code plan.json} in the
 * output folder so a resumed run is checked against the run it continues. The profiles are named
 * derivations of {@link #defaults()}: {@code quick()} is {@code defaults().toBuilder()...build()}.
 *
 * <pre>{@code
 * StudyPlan p = StudyPlan.defaults().toBuilder().gan(g -> g.gsHalfLifeKimg(2)).build();
 * }</pre>
 *
 * @param version format of {@code plan.json} ({@link #VERSION})
 * @param profile "default", "quick", "gpu" or "full"
 * @param seed seed of every random draw
 * @param data the training images
 * @param ageCnn the bone-age CNN
 * @param gan the progressive GAN
 * @param metrics the GAN metrics
 * @param latent labelling, the age axis and the video
 */
public record StudyPlan(
        int version,
        String profile,
        long seed,
        DataPlan data,
        AgeCnnPlan ageCnn,
        GanPlan gan,
        MetricsPlan metrics,
        LatentPlan latent) {

    /** The format this version writes: 2 groups the fields (version 1 had 33 flat fields). */
    public static final int VERSION = 2;

    private static final ObjectMapper JSON = Json.mapper();

    /** Checks what one group's sizes need of another's. */
    public StudyPlan {
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "plan version "
                            + version
                            + " is not supported (this version reads "
                            + VERSION
                            + ")");
        }
        if (data == null || ageCnn == null || gan == null || metrics == null || latent == null) {
            throw new IllegalArgumentException(
                    "a plan needs the groups data, ageCnn, gan, metrics and latent");
        }
        int samples = Math.max(metrics.sample(), metrics.evalSample());
        if (data.size() < samples) {
            throw new IllegalArgumentException(
                    "data.size "
                            + data.size()
                            + " is smaller than the metric samples ("
                            + samples
                            + ")");
        }
    }

    /** The default CPU profile: the whole study at 64x64 in about 13 minutes on 2 idle cores. */
    public static StudyPlan defaults() {
        return new StudyPlan(
                VERSION,
                "default",
                2018,
                new DataPlan(null, 64, 8000),
                new AgeCnnPlan(72, 0.25, 2, 5, 200, 400, 16, 0.003, false),
                // Chosen by the ablation in the README ("Choosing the default"): lr 0.002, a
                // 15-kimg final phase, a Gs half-life of 10 kimg with ramp-up 0.05 and the
                // best-FID Gs snapshot (seed 2018: SWD 3.2x -> 1.6x real-vs-real).
                new GanPlan(64, 32, 1024, false, 5, 15, 16, 0.002, 0.99, 10, 0.05, "fid", false),
                new MetricsPlan(5, 64, 256, null, 1008),
                new LatentPlan(10_000, 61));
    }

    /** The quick profile: 32x32, 160 images, under two minutes, for tests and a first look. */
    public static StudyPlan quick() {
        return defaults().toBuilder()
                .profile("quick")
                .data(d -> d.resolution(32).size(160))
                .ageCnn(
                        c ->
                                c.width(0.0625)
                                        .epochs(1)
                                        .minutes(0)
                                        .validation(32)
                                        .test(64)
                                        .batch(32)
                                        .learningRate(0.001)
                                        .augmentation(true))
                .gan(
                        g ->
                                g.latentDim(32)
                                        .fmapBase(512)
                                        .phaseKimg(0.096)
                                        .finalKimg(0.096)
                                        .learningRate(0.001)
                                        .gsHalfLifeKimg(0)
                                        .gsRampup(0)
                                        .bestMetric(null))
                .metrics(m -> m.everyKimg(0.2).sample(32).evalSample(64))
                .latent(l -> l.labelSamples(200).videoFrames(16))
                .build();
    }

    /** A GPU profile of the short schedule at 128x128: wider networks and larger samples. */
    public static StudyPlan gpu() {
        return defaults().toBuilder()
                .profile("gpu")
                .data(d -> d.resolution(128).size(12_611))
                .ageCnn(
                        c ->
                                c.minInput(128)
                                        .width(0.5)
                                        .epochs(20)
                                        .minutes(0)
                                        .validation(1_000)
                                        .test(1_000)
                                        .batch(32)
                                        .learningRate(0.001)
                                        .augmentation(true))
                .gan(
                        g ->
                                g.latentDim(512)
                                        .fmapMax(256)
                                        .fmapBase(8192)
                                        .phaseKimg(300)
                                        .finalKimg(300)
                                        .minibatch(32)
                                        .learningRate(0.001)
                                        .gSmoothing(0.999)
                                        .gsHalfLifeKimg(0)
                                        .gsRampup(0)
                                        .bestMetric(null))
                .metrics(m -> m.everyKimg(150).sample(1_000).evalSample(5_000))
                .latent(l -> l.labelSamples(50_000).videoFrames(121))
                .build();
    }

    /** The study's full schedule at 256x256: official 12,000 kimg, full-width Xception. */
    public static StudyPlan full() {
        return gpu().toBuilder()
                .profile("full")
                .data(d -> d.resolution(256))
                .ageCnn(c -> c.width(1.0).epochs(30))
                .gan(
                        g ->
                                g.fmapMax(512)
                                        .officialSchedule(true)
                                        .phaseKimg(600)
                                        .finalKimg(600)
                                        .minibatch(16))
                .metrics(m -> m.everyKimg(500).evalSample(10_000))
                .latent(l -> l.labelSamples(200_000))
                .build();
    }

    /** Side of the age CNN's input: GAN images are bilinearly upsampled to it. */
    public int cnnInput() {
        return Math.max(ageCnn.minInput(), data.resolution());
    }

    /** Total kimg of the GAN's short schedule. */
    public double totalKimg() {
        return gan.totalKimg(data.resolution());
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** As indented JSON (the {@code plan.json} format). */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * Reads a {@code plan.json}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static StudyPlan read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    /**
     * A plan from the text of a {@code plan.json}.
     *
     * @param source where it came from, for messages
     * @throws IllegalArgumentException naming the source and what is wrong in it
     */
    public static StudyPlan fromJson(String json, String source) {
        JsonNode node = parse(json, source);
        if (!node.has("version")) {
            throw new IllegalArgumentException(
                    source
                            + " is a version 1 plan (33 flat fields); this version reads version "
                            + VERSION
                            + " (fields grouped in data, ageCnn, gan, metrics, latent)");
        }
        return convert(node, source);
    }

    /**
     * This plan with the fields of a JSON object replaced (the {@code --plan FILE} option), group
     * by group: {@code {"gan": {"gsHalfLifeKimg": 2}}}. Fields left out keep this plan's values;
     * unknown fields are refused with their path.
     *
     * @param json a JSON object of plan fields
     * @param source where it came from, for messages
     */
    public StudyPlan with(String json, String source) {
        JsonNode user = parse(json, source);
        ObjectNode merged = JSON.valueToTree(this);
        merge(merged, user, "", source, merged);
        return convert(merged, source);
    }

    private static JsonNode parse(String json, String source) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(source + ": a plan must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static StudyPlan convert(JsonNode node, String source) {
        try {
            return JSON.treeToValue(node, StudyPlan.class);
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause();
            String why =
                    c instanceof IllegalArgumentException ? c.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(source + ": " + why, e);
        }
    }

    private static void merge(
            ObjectNode into, JsonNode user, String path, String source, ObjectNode root) {
        for (Map.Entry<String, JsonNode> e : user.properties()) {
            String field = path + e.getKey();
            JsonNode old = into.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException(
                        source + ": unknown plan field " + field + hint(root, e.getKey()));
            }
            if (old.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) old, e.getValue(), field + ".", source, root);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Where a field of a version 1 plan lives now, if a group holds one of that name. */
    private static String hint(ObjectNode root, String name) {
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, JsonNode> g : root.properties()) {
            if (g.getValue().isObject() && g.getValue().has(name)) {
                groups.add(g.getKey() + "." + name);
            }
        }
        return groups.isEmpty() ? "" : " (did you mean " + String.join(" or ", groups) + "?)";
    }

    /** Builds a plan group by group. */
    public static final class Builder {
        private String profile;
        private long seed;
        private DataPlan data;
        private AgeCnnPlan ageCnn;
        private GanPlan gan;
        private MetricsPlan metrics;
        private LatentPlan latent;

        private Builder(StudyPlan p) {
            profile = p.profile;
            seed = p.seed;
            data = p.data;
            ageCnn = p.ageCnn;
            gan = p.gan;
            metrics = p.metrics;
            latent = p.latent;
        }

        /** The profile's name. */
        public Builder profile(String v) {
            profile = v;
            return this;
        }

        /** Seed of every random draw. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Changes the data group. */
        public Builder data(UnaryOperator<DataPlan.Builder> change) {
            data = change.apply(data.toBuilder()).build();
            return this;
        }

        /** Changes the age CNN group. */
        public Builder ageCnn(UnaryOperator<AgeCnnPlan.Builder> change) {
            ageCnn = change.apply(ageCnn.toBuilder()).build();
            return this;
        }

        /** Changes the GAN group. */
        public Builder gan(UnaryOperator<GanPlan.Builder> change) {
            gan = change.apply(gan.toBuilder()).build();
            return this;
        }

        /** Changes the metrics group. */
        public Builder metrics(UnaryOperator<MetricsPlan.Builder> change) {
            metrics = change.apply(metrics.toBuilder()).build();
            return this;
        }

        /** Changes the latent group. */
        public Builder latent(UnaryOperator<LatentPlan.Builder> change) {
            latent = change.apply(latent.toBuilder()).build();
            return this;
        }

        /** The plan. */
        public StudyPlan build() {
            return new StudyPlan(VERSION, profile, seed, data, ageCnn, gan, metrics, latent);
        }
    }
}
