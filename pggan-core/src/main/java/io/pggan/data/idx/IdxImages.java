package io.pggan.data.idx;

import io.pggan.data.DataException;
import io.pggan.data.ImageSource;
import io.pggan.data.Preprocessing;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Grayscale images from an IDX file (the MNIST / Fashion-MNIST format), plain or gzipped: a header
 * of two zero bytes, a type byte (0x08, unsigned bytes), a dimension count (3) and the big-endian
 * 32-bit sizes {@code count, rows, columns}, then the pixels row by row. Each image is padded
 * (centred, with the value 0, the sets' black background) to the next power-of-two square of at
 * least 4, e.g. 28 to 32, and area-resized to the requested resolution when it differs; values map
 * to [-1, 1] as {@code v / 127.5 - 1}.
 *
 * <p>The file is untrusted: the header is checked and the pixel count compared with a limit before
 * anything is allocated, and a file with fewer or more pixel bytes than its header says is refused,
 * naming the file and the field.
 */
public final class IdxImages implements ImageSource {
    /** Largest pixel data read by default (1 GiB; Fashion-MNIST's training set is 47 MB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /** Largest image side accepted. */
    public static final int MAX_SIDE = Preprocessing.MAX_SOURCE_SIDE;

    private final Path file;
    private final int count;
    private final int rows;
    private final int cols;
    private final int padded;
    private final int resolution;
    private final byte[] pixels;

    private IdxImages(Path file, int count, int rows, int cols, int resolution, byte[] pixels) {
        this.file = file;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.padded = Math.max(4, Integer.highestOneBit(Math.max(rows, cols) - 1) << 1);
        this.resolution = resolution == 0 ? padded : resolution;
        this.pixels = pixels;
    }

    /** Reads every image at the padded native size (28 x 28 becomes 32 x 32). */
    public static IdxImages read(Path file) {
        return read(file, 0, Integer.MAX_VALUE, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads an IDX image file.
     *
     * @param file the file, gzipped or not (recognised by its first bytes)
     * @param resolution output side, a power of two, or 0 for the padded native size
     * @param limit read at most this many images (the first ones)
     * @param maxBytes refuse files whose header promises more pixel bytes than this (of the images
     *     read)
     * @throws DataException naming the file and the bad header field, or a truncated file
     */
    public static IdxImages read(Path file, int resolution, int limit, long maxBytes) {
        if (resolution != 0) {
            Preprocessing.checkResolution(resolution);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream d = new DataInputStream(in);
            int zero0 = d.readUnsignedByte();
            int zero1 = d.readUnsignedByte();
            int type = d.readUnsignedByte();
            int dims = d.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new DataException(
                        file
                                + ": not an IDX file (the first two bytes must be 0, got "
                                + zero0
                                + ", "
                                + zero1
                                + ")");
            }
            if (type != 0x08) {
                throw new DataException(
                        file
                                + ": IDX type byte must be 0x08 (unsigned bytes), got 0x"
                                + Integer.toHexString(type));
            }
            if (dims != 3) {
                throw new DataException(
                        file
                                + ": IDX images need 3 dimensions (count, rows, columns), got "
                                + dims
                                + (dims == 1 ? " (a label file?)" : ""));
            }
            int n = d.readInt();
            int rows = d.readInt();
            int cols = d.readInt();
            checkDim(file, "count", n, Integer.MAX_VALUE);
            checkDim(file, "rows", rows, MAX_SIDE);
            checkDim(file, "columns", cols, MAX_SIDE);
            int take = Math.min(n, limit);
            long bytes = (long) take * rows * cols;
            if (bytes > maxBytes || bytes > Integer.MAX_VALUE - 16) {
                throw new DataException(
                        file
                                + ": header says "
                                + take
                                + " images of "
                                + rows
                                + "x"
                                + cols
                                + " ("
                                + bytes
                                + " bytes), more than the limit of "
                                + Math.min(maxBytes, Integer.MAX_VALUE - 16)
                                + " bytes");
            }
            byte[] pixels = new byte[(int) bytes];
            int got = d.readNBytes(pixels, 0, pixels.length);
            if (got != pixels.length) {
                throw new DataException(
                        file
                                + ": truncated: the header says "
                                + take
                                + " images of "
                                + rows
                                + "x"
                                + cols
                                + " ("
                                + bytes
                                + " bytes), the file has "
                                + got);
            }
            if (take == n && d.read() != -1) {
                throw new DataException(
                        file
                                + ": more pixel data than the header's "
                                + n
                                + " images of "
                                + rows
                                + "x"
                                + cols);
            }
            return new IdxImages(file, take, rows, cols, resolution, pixels);
        } catch (EOFException e) {
            throw new DataException(file + ": truncated IDX header", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void checkDim(Path file, String field, int v, int max) {
        if (v < 1 || v > max) {
            throw new DataException(
                    file + ": IDX " + field + " must be 1 to " + max + ", got " + v);
        }
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Rows of each stored image. */
    public int rows() {
        return rows;
    }

    /** Columns of each stored image. */
    public int columns() {
        return cols;
    }

    /** The raw 8-bit pixels of image {@code index}, {@code rows * columns}, row by row. */
    public byte[] raw(int index) {
        checkIndex(index);
        byte[] out = new byte[rows * cols];
        System.arraycopy(pixels, index * rows * cols, out, 0, out.length);
        return out;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int resolution() {
        return resolution;
    }

    @Override
    public float[] load(int index) {
        checkIndex(index);
        float[] square = new float[padded * padded];
        java.util.Arrays.fill(square, -1f);
        int top = (padded - rows) / 2;
        int left = (padded - cols) / 2;
        int base = index * rows * cols;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int v = pixels[base + y * cols + x] & 0xFF;
                square[(top + y) * padded + left + x] = v / 127.5f - 1f;
            }
        }
        return resolution == padded
                ? square
                : Preprocessing.resizeArea(square, padded, padded, resolution, resolution);
    }

    @Override
    public String describe(int index) {
        return file + " image " + index;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(
                    "image " + index + " of " + file + " (" + count + " images)");
        }
    }
}
