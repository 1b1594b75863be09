package io.pggan.agecnn;

import io.pggan.data.Sex;
import java.util.Arrays;

/**
 * Images with their ages, the data an {@link AgeRegressor} trains on and is evaluated with.
 *
 * <p>Images are {@code [N, C, H, W]} floats in [-1, 1] (Keras's Xception preprocessing, and what
 * the GAN and the data readers produce), stored row-major in one array; ages are in months; sex is
 * optional (all or none). Instances are immutable: the arrays are copied in.
 */
public final class AgeDataset {
    private static final float RANGE_TOLERANCE = 1e-3f;

    private final float[] images;
    private final int size;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] ages;
    private final Sex[] sexes;

    private AgeDataset(
            float[] images,
            int size,
            int channels,
            int height,
            int width,
            float[] ages,
            Sex[] sexes) {
        this.images = images;
        this.size = size;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.ages = ages;
        this.sexes = sexes;
    }

    /**
     * Builds a dataset from arrays.
     *
     * @param images {@code size * channels * height * width} values in [-1, 1], row-major NCHW
     * @param channels channels per image (1 or 3)
     * @param height image height
     * @param width image width
     * @param ages age of each image in months (finite, at least 0)
     * @param sexes sex of each image, or {@code null} when unknown for the whole set
     * @return the dataset
     * @throws IllegalArgumentException naming the offending field or index
     */
    public static AgeDataset of(
            float[] images, int channels, int height, int width, float[] ages, Sex[] sexes) {
        if (ages.length == 0) {
            throw new IllegalArgumentException(
                    "an age dataset needs at least one image; got an empty one");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + height + "x" + width);
        }
        long expected = (long) ages.length * channels * height * width;
        if (images.length != expected) {
            throw new IllegalArgumentException(
                    "images hold "
                            + images.length
                            + " values but "
                            + ages.length
                            + " ages x ["
                            + channels
                            + ", "
                            + height
                            + ", "
                            + width
                            + "] need "
                            + expected);
        }
        if (sexes != null && sexes.length != ages.length) {
            throw new IllegalArgumentException(
                    "got " + sexes.length + " sexes for " + ages.length + " images");
        }
        for (int i = 0; i < ages.length; i++) {
            if (!Float.isFinite(ages[i]) || ages[i] < 0) {
                throw new IllegalArgumentException(
                        "age of image " + i + " must be finite and >= 0, got " + ages[i]);
            }
            if (sexes != null && sexes[i] == null) {
                throw new IllegalArgumentException("sex of image " + i + " is missing");
            }
        }
        int per = channels * height * width;
        for (int k = 0; k < images.length; k++) {
            float v = images[k];
            if (!(v >= -1 - RANGE_TOLERANCE && v <= 1 + RANGE_TOLERANCE)) {
                throw new IllegalArgumentException(
                        "image "
                                + k / per
                                + " has value "
                                + v
                                + " outside [-1, 1] at flat offset "
                                + k % per);
            }
        }
        return new AgeDataset(
                images.clone(),
                ages.length,
                channels,
                height,
                width,
                ages.clone(),
                sexes == null ? null : sexes.clone());
    }

    /** Number of images. */
    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Values per image: {@code channels * height * width}. */
    public int imageLength() {
        return channels * height * width;
    }

    /** Whether every image has a sex. */
    public boolean hasSex() {
        return sexes != null;
    }

    /** Age of image {@code i} in months. */
    public float age(int i) {
        return ages[i];
    }

    /** A copy of all ages in months. */
    public float[] ages() {
        return ages.clone();
    }

    /** Sex of image {@code i}. */
    public Sex sex(int i) {
        if (sexes == null) {
            throw new IllegalStateException("this dataset has no sex column");
        }
        return sexes[i];
    }

    /** Copies image {@code i} ({@code [C, H, W]} row-major) into {@code dst} at {@code offset}. */
    public void copyImage(int i, float[] dst, int offset) {
        int per = imageLength();
        System.arraycopy(images, i * per, dst, offset, per);
    }

    /** The images at the given indices, in that order. */
    public AgeDataset subset(int[] indices) {
        int per = imageLength();
        float[] img = new float[indices.length * per];
        float[] a = new float[indices.length];
        Sex[] s = sexes == null ? null : new Sex[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " outside dataset of " + size);
            }
            System.arraycopy(images, i * per, img, k * per, per);
            a[k] = ages[i];
            if (s != null) {
                s[k] = sexes[i];
            }
        }
        return new AgeDataset(img, indices.length, channels, height, width, a, s);
    }

    /** The backing image array (not a copy: package-internal, never modified). */
    float[] imagesView() {
        return images;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public AgeDataset range(int from, int to) {
        int[] idx = new int[to - from];
        Arrays.setAll(idx, k -> from + k);
        return subset(idx);
    }

    @Override
    public String toString() {
        return "AgeDataset["
                + size
                + " x "
                + channels
                + "x"
                + height
                + "x"
                + width
                + (hasSex() ? ", with sex]" : "]");
    }
}
