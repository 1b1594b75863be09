package io.pggan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.data.labels.LabelTable;
import java.util.Random;

/**
 * Real images for GAN training, served at any level of detail of a progressive run.
 *
 * <p>Images are float32 {@code [n, channels, resolution, resolution]} with values in [-1, 1]; a
 * lower resolution is the box-filtered (2x2 average, repeatedly) version of the full-size image, as
 * the official PGGAN data store keeps one copy per level of detail.
 */
public interface MinibatchSource {
    /** Number of images. */
    int size();

    /** Channels per image: 1 (grayscale) or 3. */
    int channels();

    /** Full resolution (a power of two); every power of two from 4 up to it can be served. */
    int maxResolution();

    /**
     * A random minibatch at the given resolution, drawn with the given random generator.
     *
     * @param manager where the returned array is created (the caller's per-step scope)
     * @param resolution a power of two between 4 and {@link #maxResolution()}
     * @param batchSize number of images, at least 1
     * @param random source of the image indices (and mirroring, where the source mirrors)
     * @return float32 {@code [batchSize, channels, resolution, resolution]} in [-1, 1]
     */
    NDArray minibatch(NDManager manager, int resolution, int batchSize, Random random);

    /** The labels of the images (for a conditional GAN), or null when the source has none. */
    default LabelTable labels() {
        return null;
    }

    /**
     * A random minibatch with the labels of its images, drawn as {@link #minibatch} draws (the same
     * images for the same random state). Sources with {@link #labels()} override it.
     *
     * @throws UnsupportedOperationException when the source has no labels
     */
    default LabeledMinibatch labeledMinibatch(
            NDManager manager, int resolution, int batchSize, Random random) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " has no labels, so it cannot feed a conditional GAN");
    }
}
