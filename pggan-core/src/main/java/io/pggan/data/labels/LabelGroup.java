package io.pggan.data.labels;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * One label of a conditional GAN: either a discrete group of classes, fed to G as a one-hot block
 * and predicted by D with a softmax of its own (the official AC-GAN hook), or one continuous value
 * (age in months, say), fed to G normalised as {@code (value - mean) / scale} and predicted by a
 * linear regression output of D.
 *
 * @param name the label's name (also the column of a labels CSV), e.g. {@code sex} or {@code age}
 * @param kind discrete or continuous
 * @param classes the class names of a discrete group (at least 2), null for a continuous one
 * @param mean the value that normalises to 0 (continuous only)
 * @param scale the value difference that normalises to 1 (continuous only)
 * @param min smallest valid value (continuous only)
 * @param max largest valid value (continuous only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelGroup(
        String name,
        Kind kind,
        List<String> classes,
        Double mean,
        Double scale,
        Double min,
        Double max) {

    /** How a label is encoded and predicted. */
    public enum Kind {
        /** One-hot classes; D predicts them with a softmax cross-entropy. */
        DISCRETE,
        /** One normalised value; D predicts it with a squared-error regression output. */
        CONTINUOUS
    }

    /** Validates; messages name the field as {@code labels.<name>.<field>}. */
    public LabelGroup {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "labels: a group name must be a letter then letters, digits or _, got "
                            + (name == null ? "null" : "'" + name + "'"));
        }
        String f = "labels." + name + ".";
        if (kind == null) {
            throw new IllegalArgumentException(f + "kind must be DISCRETE or CONTINUOUS");
        }
        if (kind == Kind.DISCRETE) {
            if (classes == null || classes.size() < 2) {
                throw new IllegalArgumentException(
                        f + "classes must name at least 2 classes, got " + classes);
            }
            classes = List.copyOf(classes);
            if (new HashSet<>(lower(classes)).size() != classes.size()) {
                throw new IllegalArgumentException(
                        f + "classes must differ (ignoring case), got " + classes);
            }
            if (mean != null || scale != null || min != null || max != null) {
                throw new IllegalArgumentException(
                        f + "mean, scale, min and max belong to a CONTINUOUS group only");
            }
        } else {
            if (classes != null) {
                throw new IllegalArgumentException(f + "classes belong to a DISCRETE group only");
            }
            require(mean != null && Double.isFinite(mean), f + "mean", "finite", mean);
            require(
                    scale != null && scale > 0 && Double.isFinite(scale),
                    f + "scale",
                    "> 0",
                    scale);
            require(min != null && Double.isFinite(min), f + "min", "finite", min);
            require(max != null && Double.isFinite(max) && max > min, f + "max", "> min", max);
        }
    }

    private static void require(boolean ok, String field, String want, Object got) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + want + ", got " + got);
        }
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** A discrete group. */
    public static LabelGroup discrete(String name, String... classes) {
        return new LabelGroup(name, Kind.DISCRETE, List.of(classes), null, null, null, null);
    }

    /** A continuous group normalised as {@code (v - mean) / scale}, valid in [min, max]. */
    public static LabelGroup continuous(
            String name, double mean, double scale, double min, double max) {
        return new LabelGroup(name, Kind.CONTINUOUS, null, mean, scale, min, max);
    }

    /** Entries this group takes in the label vector: the classes, or 1. */
    @JsonIgnore
    public int width() {
        return kind == Kind.DISCRETE ? classes.size() : 1;
    }

    /**
     * The index of a class name (case-insensitive; a whole number is taken as the index itself).
     *
     * @return the index, or -1 if the name is no class of this group
     */
    public int classIndex(String value) {
        String v = value.trim();
        List<String> names = lower(classes);
        int i = names.indexOf(v.toLowerCase(Locale.ROOT));
        if (i >= 0) {
            return i;
        }
        if (v.matches("\\d{1,3}")) {
            int k = Integer.parseInt(v);
            return k < classes.size() ? k : -1;
        }
        return -1;
    }

    /** {@code (value - mean) / scale}. */
    public float normalise(double value) {
        return (float) ((value - mean) / scale);
    }

    /** The inverse of {@link #normalise}. */
    public double denormalise(double normalised) {
        return normalised * scale + mean;
    }
}
