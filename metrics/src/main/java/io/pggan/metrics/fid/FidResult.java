package io.pggan.metrics.fid;

/**
 * Fréchet distance and its parts: {@code fid = meanSqDiff + traceS1 + traceS2 - 2 * traceSqrtS1S2}.
 *
 * @param fid the Fréchet Inception Distance
 * @param traceSqrtS1S2 {@code tr sqrtm(S1 S2)}
 * @param meanSqDiff {@code ||mu1 - mu2||^2}
 * @param traceS1 trace of the first covariance
 * @param traceS2 trace of the second covariance
 */
public record FidResult(
        double fid, double traceSqrtS1S2, double meanSqDiff, double traceS1, double traceS2) {}
