package io.pggan.data;

import ai.djl.ndarray.NDArray;

/**
 * Real images and the label vectors of the same images.
 *
 * @param images float32 {@code [n, channels, r, r]} in [-1, 1]
 * @param labels float32 {@code [n, labelSize]}, encoded by the source's {@link
 *     io.pggan.data.labels.LabelSpec}
 */
public record LabeledMinibatch(NDArray images, NDArray labels) {}
