package io.pggan.metrics.fid;

/**
 * Kernel Inception Distance over random subsets.
 *
 * @param mean mean of the unbiased MMD^2 over the subsets
 * @param std standard deviation (ddof 0) over the subsets
 * @param perSubset one MMD^2 per subset
 */
public record KidResult(double mean, double std, double[] perSubset) {}
