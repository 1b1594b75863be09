package io.pggan.metrics.fid;

/**
 * Inception Score over splits.
 *
 * @param mean mean of the split scores
 * @param std standard deviation (ddof 0) of the split scores
 * @param splitScores one score per split
 */
public record InceptionScoreResult(double mean, double std, double[] splitScores) {}
