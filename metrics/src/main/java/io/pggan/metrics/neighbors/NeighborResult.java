package io.pggan.metrics.neighbors;

/**
 * k nearest reference rows of every query row, nearest first.
 *
 * @param index {@code [query][rank]} reference indices
 * @param distance {@code [query][rank]} Euclidean distances
 */
public record NeighborResult(int[][] index, double[][] distance) {}
