package io.pggan.data.phantom;

/** How much non-age variation the phantoms get. */
public enum Variation {
    /** Pose, framing, exposure, noise, blur, marker and collimation all vary (the default). */
    FULL,
    /**
     * A fixed canonical pose and exposure and no individual anatomy jitter: only age and sex change
     * the picture (for figures and for inspecting the anatomy).
     */
    NONE
}
