package io.pggan.metrics.swd;

/** Arithmetic of the SWD projections and sorts. */
public enum SwdPrecision {
    /** Double precision throughout (matches the fixtures' {@code swd_x1e3} to 1e-8). */
    FLOAT64,
    /** float32 projections like PGGAN's numpy code (about 1e-5 relative difference, faster). */
    FLOAT32
}
