package io.pggan.data;

/**
 * A fixed list of grayscale images, each loaded on demand already preprocessed to a square of
 * {@link #resolution()} pixels with values in [-1, 1]. Implemented by the RSNA reader, the image
 * folder reader and the hand phantoms; the multi-resolution store is built from one.
 */
public interface ImageSource {
    /** Number of images. */
    int size();

    /** Side of every loaded image, a power of two. */
    int resolution();

    /**
     * Loads one image.
     *
     * @param index 0 to {@code size() - 1}
     * @return row-major {@code [resolution * resolution]} floats in [-1, 1]
     * @throws DataException naming the file if it cannot be read or is unusable
     */
    float[] load(int index);

    /** Where image {@code index} comes from (a file path or a phantom description), for errors. */
    String describe(int index);

    /**
     * The labels of image {@code index} for a conditional GAN (the RSNA reader and the phantoms
     * give age and sex, {@link io.pggan.data.labels.LabelSpec#ageAndSex()}), or null when the
     * source does not know them (then give the store a {@link io.pggan.data.labels.LabelTable},
     * e.g. from a {@link io.pggan.data.labels.LabelsCsv}).
     */
    default io.pggan.data.labels.Labels labels(int index) {
        return null;
    }
}
