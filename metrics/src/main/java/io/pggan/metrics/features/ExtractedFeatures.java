package io.pggan.metrics.features;

import io.pggan.metrics.fid.FeatureStatistics;

/**
 * Features of a streamed image set.
 *
 * @param statistics streaming mean and covariance (for FID)
 * @param rows the feature rows if they were kept (for KID, IS, precision/recall), else null
 */
public record ExtractedFeatures(FeatureStatistics statistics, double[][] rows) {}
