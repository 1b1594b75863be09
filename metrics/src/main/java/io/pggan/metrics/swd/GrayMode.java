package io.pggan.metrics.swd;

/** How SWD treats 1-channel images. */
public enum GrayMode {
    /** PGGAN: repeat the channel 3 times (147-dimensional descriptors). The default. */
    TILE,
    /** Our extension: 1-channel descriptors of 49 dimensions (no reference exists). */
    NATIVE
}
