package io.pggan.gan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.data.labels.LabelSpec;
import io.pggan.io.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link PgganConfig} as a JSON document: writing (version 2, grouped), reading with defaults for
 * what is left out, and the migration of version-1 documents (the flat fields that checkpoints and
 * plans written before the grouping hold).
 */
final class ConfigDocument {
    private static final ObjectMapper JSON = Json.mapper();

    /** Version 1's flat fields and the group each moved to; frozen, as version 1 is. */
    private static final Map<String, String> V1_GROUPS = v1Groups();

    /** Schedule fields whose values are maps: replaced whole, never merged key by key. */
    private static final Set<String> MAP_FIELDS =
            Set.of("minibatch", "gLearningRate", "dLearningRate", "tickKimg");

    private ConfigDocument() {}

    private static Map<String, String> v1Groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(
                "architecture",
                List.of(
                        "resolution",
                        "channels",
                        "latentDim",
                        "fmapBase",
                        "fmapDecay",
                        "fmapMax",
                        "mbstdGroupSize",
                        "fusedScale",
                        "normalizeLatents"));
        groups.put("loss", List.of("gpLambda", "gpGamma", "driftEpsilon", "penaltyScale"));
        groups.put(
                "optimizer",
                List.of(
                        "adamBeta1",
                        "adamBeta2",
                        "adamEpsilon",
                        "resetOptimizerOnLodChange",
                        "gSmoothing",
                        "gradientOutlierRatio"));
        groups.put(
                "run",
                List.of(
                        "seed",
                        "mirror",
                        "replicas",
                        "checkpointIntervalKimg",
                        "imageSnapshotTicks",
                        "maxNonFiniteIterations",
                        "progressBar"));
        Map<String, String> byField = new LinkedHashMap<>();
        groups.forEach((group, fields) -> fields.forEach(f -> byField.put(f, group)));
        return Map.copyOf(byField);
    }

    static String write(PgganConfig config) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("version", PgganConfig.VERSION);
        doc.setAll((ObjectNode) JSON.valueToTree(config));
        return Json.write(doc);
    }

    static PgganConfig read(String json) {
        try {
            JsonNode user = JSON.readTree(json);
            if (user == null || !user.isObject()) {
                throw new IllegalArgumentException("configuration must be a JSON object");
            }
            ObjectNode doc = ((ObjectNode) user).deepCopy();
            if (version(doc) == 1) {
                doc = fromVersion1(doc);
            }
            gSmoothingToGsAverage(doc);
            // labels are a whole value (no defaults to merge with); absent or null = unconditional
            JsonNode labels = doc.remove("labels");
            ObjectNode merged = JSON.valueToTree(PgganConfig.official());
            merge(merged, doc, "");
            PgganConfig c = JSON.treeToValue(merged, PgganConfig.class);
            if (labels == null || labels.isNull()) {
                return c;
            }
            return c.toBuilder().labels(JSON.treeToValue(labels, LabelSpec.class)).build();
        } catch (JsonProcessingException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw iae;
                }
            }
            throw new IllegalArgumentException(
                    "bad configuration JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The document's version (its {@code version} field is removed). Without one, a document with
     * any version-1 flat field is version 1, anything else the current version.
     */
    private static int version(ObjectNode doc) {
        JsonNode v = doc.remove("version");
        if (v == null) {
            for (var it = doc.fieldNames(); it.hasNext(); ) {
                if (V1_GROUPS.containsKey(it.next())) {
                    return 1;
                }
            }
            return PgganConfig.VERSION;
        }
        if (!v.canConvertToExactIntegral() || !v.isNumber()) {
            throw new IllegalArgumentException(
                    "configuration field version must be a whole number, got " + v);
        }
        int n = v.asInt();
        if (n != 1 && n != PgganConfig.VERSION) {
            throw new IllegalArgumentException(
                    "configuration version "
                            + v
                            + " is not supported: this library reads version 1 (flat, written"
                            + " before the grouping) and version "
                            + PgganConfig.VERSION
                            + " (grouped)");
        }
        return n;
    }

    /** Moves each flat field of a version-1 document into its group. */
    private static ObjectNode fromVersion1(ObjectNode flat) {
        ObjectNode grouped = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : flat.properties()) {
            String name = e.getKey();
            if (name.equals("schedule")) {
                grouped.set(name, e.getValue());
                continue;
            }
            String group = V1_GROUPS.get(name);
            if (group == null) {
                throw new IllegalArgumentException(
                        "unknown configuration field "
                                + name
                                + " (read as a version-1 document, because it has flat fields"
                                + " and no version)");
            }
            grouped.withObjectProperty(group).set(name, e.getValue());
        }
        return grouped;
    }

    /**
     * {@code optimizer.gSmoothing} (version 1's {@code gSmoothing}, and version 2 before the Gs
     * average became a record) is the per-step beta {@code optimizer.gsAverage.stepBeta}.
     */
    private static void gSmoothingToGsAverage(ObjectNode doc) {
        JsonNode opt = doc.get("optimizer");
        if (opt instanceof ObjectNode o && o.has("gSmoothing")) {
            JsonNode beta = o.remove("gSmoothing");
            JsonNode avg = o.get("gsAverage");
            if (avg != null && avg.has("stepBeta")) {
                throw new IllegalArgumentException(
                        "configuration has both optimizer.gSmoothing and"
                                + " optimizer.gsAverage.stepBeta; keep one");
            }
            o.withObjectProperty("gsAverage").set("stepBeta", beta);
        }
    }

    private static void merge(ObjectNode target, ObjectNode user, String path) {
        for (Map.Entry<String, JsonNode> e : user.properties()) {
            String name = path + e.getKey();
            JsonNode old = target.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException("unknown configuration field " + name);
            }
            if (old.isObject() && e.getValue().isObject() && !MAP_FIELDS.contains(e.getKey())) {
                merge((ObjectNode) old, (ObjectNode) e.getValue(), name + ".");
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
