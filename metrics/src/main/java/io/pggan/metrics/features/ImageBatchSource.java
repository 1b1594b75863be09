package io.pggan.metrics.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Produces image batches on demand, e.g. a generator run on fresh latents: the arrays must be
 * created in the given (per-batch) manager, which is closed after the batch is used.
 */
@FunctionalInterface
public interface ImageBatchSource {
    /**
     * Returns {@code count} images {@code [count, C, H, W]} as float32 in [-1, 1].
     *
     * @param manager the batch's manager (closed afterwards)
     * @param count number of images wanted
     */
    NDArray next(NDManager manager, int count);
}
