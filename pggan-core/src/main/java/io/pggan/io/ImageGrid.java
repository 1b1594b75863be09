package io.pggan.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Image grids ("fakes" and "reals" sheets): a batch laid out row by row, left to right, with no
 * padding, as the official {@code create_image_grid}. Empty cells are black.
 */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * The official default grid size for {@code n} images of the given shape: as close to 1920x1080
     * pixels as possible, at least 1x1 (the official {@code setup_snapshot_image_grid}).
     *
     * @return {@code {columns, rows}}
     */
    public static int[] defaultLayout(int height, int width) {
        int columns = Math.max(1920 / width, 1);
        int rows = Math.max(1080 / height, 1);
        return new int[] {columns, rows};
    }

    /**
     * A grid image from planar floats.
     *
     * @param nchw values in [-1, 1], shape {@code [n, channels, height, width]}
     * @param n images
     * @param channels 1 or 3
     * @param height rows per image
     * @param width columns per image
     * @param columns images per grid row; rows = ceil(n / columns)
     */
    public static BufferedImage grid(
            float[] nchw, int n, int channels, int height, int width, int columns) {
        if (n < 1 || columns < 1) {
            throw new IllegalArgumentException(
                    "grid needs n >= 1 and columns >= 1, got n=" + n + ", columns=" + columns);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1 || (long) nchw.length != (long) n * channels * height * width) {
            throw new IllegalArgumentException(
                    "grid of "
                            + n
                            + " images ["
                            + channels
                            + ", "
                            + height
                            + ", "
                            + width
                            + "] needs "
                            + ((long) n * channels * height * width)
                            + " values, got "
                            + nchw.length);
        }
        int per = channels * height * width;
        BufferedImage[] tiles = new BufferedImage[n];
        for (int i = 0; i < n; i++) {
            float[] one = new float[per];
            System.arraycopy(nchw, i * per, one, 0, per);
            tiles[i] = ImagePng.toImage(one, channels, height, width);
        }
        return grid(List.of(tiles), columns);
    }

    /** A grid of equally sized images; gray if all tiles are gray, else RGB. */
    public static BufferedImage grid(List<BufferedImage> tiles, int columns) {
        if (tiles.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("grid needs at least one image and columns >= 1");
        }
        int w = tiles.get(0).getWidth();
        int h = tiles.get(0).getHeight();
        boolean gray = true;
        for (BufferedImage t : tiles) {
            if (t.getWidth() != w || t.getHeight() != h) {
                throw new IllegalArgumentException(
                        "grid tiles differ in size: "
                                + w
                                + "x"
                                + h
                                + " vs "
                                + t.getWidth()
                                + "x"
                                + t.getHeight());
            }
            gray &= t.getType() == BufferedImage.TYPE_BYTE_GRAY;
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage out =
                new BufferedImage(
                        cols * w,
                        rows * h,
                        gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                g.drawImage(tiles.get(i), (i % columns) * w, (i / columns) * h, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes a grid of planar floats (see {@link #grid(float[], int, int, int, int, int)}). */
    public static void write(
            Path file, float[] nchw, int n, int channels, int height, int width, int columns) {
        ImagePng.write(file, grid(nchw, n, channels, height, width, columns));
    }

    /** Writes a grid of a batch {@code [N, C, H, W]} with values in [-1, 1]. */
    public static void write(Path file, NDArray batch, int columns) {
        Shape s = batch.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException(
                    "Cannot write grid " + file + ": batch shape " + s + " is not [N, C, H, W]");
        }
        float[] data = batch.toType(DataType.FLOAT32, false).toFloatArray();
        write(file, data, (int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3), columns);
    }

    /** Writes a grid of equally sized images. */
    public static void write(Path file, List<BufferedImage> tiles, int columns) {
        ImagePng.write(file, grid(tiles, columns));
    }
}
