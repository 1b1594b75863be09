package io.pggan.agecnn.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Random changes applied to each training image, suited to hand radiographs: small rotation, shift
 * and zoom (bilinear, black fill), contrast and gamma. No horizontal flip by default: a flipped
 * left hand looks like a right hand, which the RSNA protocol does not contain.
 *
 * @param rotationDegrees maximum absolute rotation
 * @param shiftFraction maximum shift as a fraction of the image side
 * @param zoomFraction zoom drawn from {@code [1 - z, 1 + z]}
 * @param contrast contrast factor drawn from {@code [1 - c, 1 + c]} around mid-grey
 * @param gamma gamma drawn log-uniformly from {@code [1/(1 + g), 1 + g]}
 * @param horizontalFlip flip half of the images left-right
 */
public record Augmentation(
        @JsonProperty("rotationDegrees") double rotationDegrees,
        @JsonProperty("shiftFraction") double shiftFraction,
        @JsonProperty("zoomFraction") double zoomFraction,
        @JsonProperty("contrast") double contrast,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("horizontalFlip") boolean horizontalFlip) {
    public Augmentation {
        check("rotationDegrees", rotationDegrees, 45);
        check("shiftFraction", shiftFraction, 0.5);
        check("zoomFraction", zoomFraction, 0.5);
        check("contrast", contrast, 0.9);
        check("gamma", gamma, 2);
    }

    private static void check(String field, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(
                    "augmentation " + field + " must be in [0, " + max + "], got " + value);
        }
    }

    /** Rotation 8 degrees, shift 5%, zoom 8%, contrast 15%, gamma 20%, no flip. */
    public static Augmentation radiographDefaults() {
        return new Augmentation(8, 0.05, 0.08, 0.15, 0.2, false);
    }

    /** No augmentation at all. */
    public static Augmentation none() {
        return new Augmentation(0, 0, 0, 0, 0, false);
    }

    /** Whether any geometric change is enabled. */
    boolean geometric() {
        return rotationDegrees > 0 || shiftFraction > 0 || zoomFraction > 0 || horizontalFlip;
    }
}
