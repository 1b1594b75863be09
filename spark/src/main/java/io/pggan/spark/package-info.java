/**
 * The library's labelling and statistics on Apache Spark: each distributed result is the
 * single-machine one ({@link io.pggan.latent.lasso.LassoCv}, {@link
 * io.pggan.metrics.fid.FeatureStatistics}, {@link io.pggan.metrics.neighbors.NearestNeighbors})
 * computed from per-partition parts that merge exactly, combined with {@code treeReduce}.
 */
package io.pggan.spark;
