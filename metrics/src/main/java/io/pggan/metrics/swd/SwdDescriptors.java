package io.pggan.metrics.swd;

import java.util.Arrays;

/**
 * The raw (unnormalised) 7x7 neighbourhood descriptors of one image set, per pyramid level, in
 * PGGAN's transposed layout: component {@code c*49 + i*7 + j} is {@code level[c][y + j - 3][x + i -
 * 3]} (i = column offset, j = row offset). For a grayscale set in {@link GrayMode#TILE} mode only
 * the single native channel is stored and {@link #replicas()} is 3: the three tiled copies are
 * identical, so they are applied implicitly when projecting.
 */
public final class SwdDescriptors {
    private final int[] resolutions;
    private final int nativeChannels;
    private final int replicas;
    private final int height;
    private final int width;
    private double[][] data;
    private int[] sizes;
    private int count;

    SwdDescriptors(int[] resolutions, int nativeChannels, int replicas, int height, int width) {
        this.resolutions = resolutions.clone();
        this.nativeChannels = nativeChannels;
        this.replicas = replicas;
        this.height = height;
        this.width = width;
        this.data = new double[resolutions.length][1024 * nativeChannels * 49];
        this.sizes = new int[resolutions.length];
    }

    void append(int level, double[] desc, int n) {
        int need = sizes[level] + n;
        if (need > data[level].length) {
            long grown = Math.max(need, 2L * data[level].length);
            if (grown > Integer.MAX_VALUE - 8) {
                grown = need;
            }
            data[level] = Arrays.copyOf(data[level], (int) grown);
        }
        System.arraycopy(desc, 0, data[level], sizes[level], n);
        sizes[level] = need;
    }

    void addImages(int n) {
        count += n;
    }

    /** Level heights, finest first. */
    public int[] resolutions() {
        return resolutions.clone();
    }

    /** Number of images described. */
    public int imageCount() {
        return count;
    }

    /** Number of descriptors per level. */
    public int descriptorCount() {
        return sizes[0] / storedDim();
    }

    /** Stored channels (1 for tiled grayscale). */
    public int nativeChannels() {
        return nativeChannels;
    }

    /** How many identical copies of the stored channels the descriptor has (3 or 1). */
    public int replicas() {
        return replicas;
    }

    /** Full descriptor dimension {@code replicas * channels * 49} (147 for PGGAN). */
    public int dim() {
        return replicas * nativeChannels * 49;
    }

    int storedDim() {
        return nativeChannels * 49;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /** The raw stored descriptors of one level, {@code descriptorCount x storedDim} (a copy). */
    public double[] raw(int level) {
        return Arrays.copyOf(data[level], sizes[level]);
    }

    double[] rawShared(int level) {
        return data[level];
    }

    /** Drops unused capacity. */
    void trim() {
        for (int l = 0; l < data.length; l++) {
            if (data[l].length != sizes[l]) {
                data[l] = Arrays.copyOf(data[l], sizes[l]);
            }
        }
    }
}
