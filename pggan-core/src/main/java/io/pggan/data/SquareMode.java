package io.pggan.data;

/** How a non-square radiograph is made square before resizing. */
public enum SquareMode {
    /** Pad the short side symmetrically with black: keeps the whole hand (the study's choice). */
    PAD,
    /** Crop the long side symmetrically: no black bars, may cut fingertips or forearm. */
    CROP
}
