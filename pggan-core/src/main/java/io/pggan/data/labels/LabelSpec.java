package io.pggan.data.labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.data.Sex;
import io.pggan.io.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a conditional PGGAN is conditioned on: an ordered list of {@link LabelGroup}s. The label
 * vector G receives (concatenated to its latent) is the groups' encodings side by side: a one-hot
 * block per discrete group, one normalised value per continuous group; D's last dense layer has
 * {@code 1 + size()} outputs, the score then the groups' logits or predictions in the same order.
 * Immutable; JSON as {@code {"groups": [...]}}.
 *
 * @param groups the groups, at least one, with distinct names
 */
public record LabelSpec(@JsonProperty("groups") List<LabelGroup> groups) {
    /** The name of the sex group of {@link #ageAndSex()}. */
    public static final String SEX = "sex";

    /** The name of the age group of {@link #ageAndSex()}. */
    public static final String AGE = "age";

    /** Validates: at least one group, names distinct. */
    @JsonCreator
    public LabelSpec {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("labels.groups must hold at least one group");
        }
        groups = List.copyOf(groups);
        Set<String> names = new HashSet<>();
        for (LabelGroup g : groups) {
            Objects.requireNonNull(g, "labels.groups has a null group");
            if (!names.add(g.name())) {
                throw new IllegalArgumentException(
                        "labels.groups has two groups named " + g.name());
            }
        }
    }

    /** A spec of these groups, in this order. */
    public static LabelSpec of(LabelGroup... groups) {
        return new LabelSpec(List.of(groups));
    }

    /**
     * Sex ({@code F}, {@code M}: {@link Sex#FEMALE}, {@link Sex#MALE}) and age in months, valid 0
     * to 240 and normalised as {@code (months - 120) / 60}: the hand radiographs' two covariates.
     */
    public static LabelSpec ageAndSex() {
        return of(LabelGroup.discrete(SEX, "F", "M"), LabelGroup.continuous(AGE, 120, 60, 0, 240));
    }

    /** Length of the label vector. */
    @JsonIgnore
    public int size() {
        return groups.stream().mapToInt(LabelGroup::width).sum();
    }

    /** The group of a name, or null. */
    public LabelGroup group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    /** Position of group {@code i}'s first entry in the label vector. */
    public int offset(int i) {
        int o = 0;
        for (int k = 0; k < i; k++) {
            o += groups.get(k).width();
        }
        return o;
    }

    /**
     * The label vector of one image's raw values: per group, the class index (discrete) or the
     * value (continuous), already validated ({@link #raw}).
     */
    public float[] encode(double[] raw) {
        float[] out = new float[size()];
        encodeInto(raw, out, 0);
        return out;
    }

    void encodeInto(double[] raw, float[] out, int at) {
        for (int i = 0; i < groups.size(); i++) {
            LabelGroup g = groups.get(i);
            if (g.kind() == LabelGroup.Kind.DISCRETE) {
                out[at + offset(i) + (int) raw[i]] = 1f;
            } else {
                out[at + offset(i)] = g.normalise(raw[i]);
            }
        }
    }

    /**
     * Validates one image's labels and returns its raw values in group order.
     *
     * @param labels the values by group name
     * @param where the image (and file and row), for messages
     * @throws IllegalArgumentException naming the image and the field: a group missing, an unknown
     *     name, a class not of the group, a value out of range or not finite
     */
    public double[] raw(Labels labels, String where) {
        if (labels == null) {
            throw new IllegalArgumentException(
                    where + ": no labels, but the model is conditional on " + names());
        }
        for (String name : labels.values().keySet()) {
            if (group(name) == null) {
                throw new IllegalArgumentException(
                        where + ": unknown label '" + name + "' (the labels are " + names() + ")");
            }
        }
        double[] out = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            LabelGroup g = groups.get(i);
            Object v = labels.values().get(g.name());
            if (v == null) {
                throw new IllegalArgumentException(where + ": label '" + g.name() + "' is missing");
            }
            if (g.kind() == LabelGroup.Kind.DISCRETE) {
                int k =
                        v instanceof Number num
                                ? classOfNumber(num.doubleValue(), g)
                                : g.classIndex(v.toString());
                if (k < 0) {
                    throw new IllegalArgumentException(
                            where
                                    + ": label '"
                                    + g.name()
                                    + "' is '"
                                    + v
                                    + "', not one of "
                                    + g.classes());
                }
                out[i] = k;
            } else {
                double x;
                try {
                    x = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            where + ": label '" + g.name() + "' is not a number: '" + v + "'");
                }
                if (!(x >= g.min() && x <= g.max())) {
                    throw new IllegalArgumentException(
                            where
                                    + ": label '"
                                    + g.name()
                                    + "' is "
                                    + x
                                    + ", out of its range ["
                                    + g.min()
                                    + ", "
                                    + g.max()
                                    + "]");
                }
                out[i] = x;
            }
        }
        return out;
    }

    private static int classOfNumber(double v, LabelGroup g) {
        return v == Math.rint(v) && v >= 0 && v < g.width() ? (int) v : -1;
    }

    /** The group names, in order. */
    @JsonIgnore
    public List<String> names() {
        return groups.stream().map(LabelGroup::name).toList();
    }

    /**
     * What differs between this spec and another, in words (null if they are equal), for refusing a
     * checkpoint made with other labels.
     */
    public static String difference(LabelSpec mine, LabelSpec other) {
        if (Objects.equals(mine, other)) {
            return null;
        }
        if (mine == null || other == null) {
            return (mine == null ? "unconditional" : "labels " + mine.names())
                    + " versus "
                    + (other == null ? "unconditional" : "labels " + other.names());
        }
        List<String> diffs = new ArrayList<>();
        int n = Math.max(mine.groups.size(), other.groups.size());
        for (int i = 0; i < n; i++) {
            LabelGroup a = i < mine.groups.size() ? mine.groups.get(i) : null;
            LabelGroup b = i < other.groups.size() ? other.groups.get(i) : null;
            if (!Objects.equals(a, b)) {
                diffs.add("group " + i + ": " + describe(a) + " versus " + describe(b));
            }
        }
        return String.join("; ", diffs);
    }

    private static String describe(LabelGroup g) {
        if (g == null) {
            return "none";
        }
        return g.kind() == LabelGroup.Kind.DISCRETE
                ? g.name() + " " + g.classes()
                : g.name()
                        + " (mean "
                        + g.mean()
                        + ", scale "
                        + g.scale()
                        + ", range "
                        + g.min()
                        + ".."
                        + g.max()
                        + ")";
    }

    /** This spec as indented JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a spec written by {@link #toJson()}; messages name the bad field. */
    public static LabelSpec fromJson(String json) {
        try {
            return Json.mapper().readValue(json, LabelSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw iae;
                }
            }
            throw new IllegalArgumentException("bad labels JSON: " + e.getOriginalMessage(), e);
        }
    }
}
