package io.pggan.metrics.swd;

/**
 * SWD x 1e3 per pyramid level (finest first) and their arithmetic mean, as PGGAN reports them
 * ({@code SWDx1e3_<res>}, {@code SWDx1e3_avg}).
 *
 * @param resolutions level heights, finest first
 * @param perLevel SWD x 1e3 per level
 * @param average mean over the levels
 */
public record SwdResult(int[] resolutions, double[] perLevel, double average) {}
