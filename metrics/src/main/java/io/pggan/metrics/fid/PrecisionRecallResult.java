package io.pggan.metrics.fid;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019).
 *
 * @param precision fraction of generated samples inside the real manifold
 * @param recall fraction of real samples inside the generated manifold
 * @param k neighbourhood size used for the radii
 */
public record PrecisionRecallResult(double precision, double recall, int k) {}
