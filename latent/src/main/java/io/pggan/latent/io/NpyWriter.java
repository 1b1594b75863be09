package io.pggan.latent.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a NumPy {@code .npy} (format 1.0, C order, little-endian) row by row without knowing the
 * number of rows in advance: a fixed 128-byte header is reserved and patched on {@link #close()}.
 * Data go to a temporary file in the target's folder that is renamed atomically on close, so a
 * crash never leaves a half-written {@code .npy} under the final name.
 */
public final class NpyWriter implements Closeable {
    private static final int HEADER_BYTES = 128;

    /** Element type. */
    public enum Dtype {
        FLOAT32("<f4", 4),
        FLOAT64("<f8", 8),
        INT64("<i8", 8);

        final String descr;
        final int size;

        Dtype(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }
    }

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Dtype dtype;
    private final long[] rowShape;
    private final int rowLength;
    private final ByteBuffer buffer;
    private long rows;
    private boolean closed;

    private NpyWriter(Path target, Dtype dtype, long[] rowShape) throws IOException {
        this.target = target;
        this.dtype = dtype;
        this.rowShape = rowShape.clone();
        long len = 1;
        for (long d : rowShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("bad row shape " + Arrays.toString(rowShape));
            }
            len = Math.multiplyExact(len, d);
        }
        this.rowLength = Math.toIntExact(len);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.buffer =
                ByteBuffer.allocate(Math.max(1 << 16, rowLength * dtype.size))
                        .order(ByteOrder.LITTLE_ENDIAN);
        channel.write(ByteBuffer.wrap(header(0)));
    }

    /** Opens a writer for rows of shape {@code rowShape} (empty for a 1-D array of scalars). */
    public static NpyWriter open(Path target, Dtype dtype, long... rowShape) throws IOException {
        return new NpyWriter(target, dtype, rowShape);
    }

    /** Writes a whole array at once. */
    public static void write(Path target, double[] data, Dtype dtype, long... shape)
            throws IOException {
        long[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        try (NpyWriter w = open(target, dtype, rowShape)) {
            int len = w.rowLength;
            if ((long) len * shape[0] != data.length) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " does not match "
                                + data.length
                                + " values");
            }
            for (int r = 0; r < shape[0]; r++) {
                w.writeRow(data, r * len);
            }
        }
    }

    /** Number of rows written so far. */
    public long rows() {
        return rows;
    }

    /** Appends one row of doubles. */
    public void writeRow(double[] row) throws IOException {
        if (row.length != rowLength) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, expected " + rowLength);
        }
        writeRow(row, 0);
    }

    private void writeRow(double[] src, int from) throws IOException {
        ensure();
        for (int j = 0; j < rowLength; j++) {
            double v = src[from + j];
            switch (dtype) {
                case FLOAT32 -> buffer.putFloat((float) v);
                case FLOAT64 -> buffer.putDouble(v);
                case INT64 -> buffer.putLong((long) v);
            }
        }
        rows++;
    }

    /** Appends one row of floats. */
    public void writeRow(float[] row) throws IOException {
        if (row.length != rowLength) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, expected " + rowLength);
        }
        ensure();
        for (float v : row) {
            switch (dtype) {
                case FLOAT32 -> buffer.putFloat(v);
                case FLOAT64 -> buffer.putDouble(v);
                case INT64 -> buffer.putLong((long) v);
            }
        }
        rows++;
    }

    private void ensure() throws IOException {
        if (closed) {
            throw new IllegalStateException("writer for " + target + " is closed");
        }
        if (buffer.remaining() < rowLength * dtype.size) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Deletes the temporary file without publishing anything. */
    public void abort() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
            Files.deleteIfExists(temp);
        }
    }

    /** Patches the header with the row count and renames the file into place. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
            channel.write(ByteBuffer.wrap(header(rows)), 0);
            channel.force(true);
            channel.close();
            closed = true;
            Files.move(
                    temp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    private byte[] header(long n) {
        StringBuilder shape = new StringBuilder("(").append(n);
        for (long d : rowShape) {
            shape.append(", ").append(d);
        }
        if (rowShape.length == 0) {
            shape.append(',');
        }
        shape.append(')');
        String dict =
                String.format(
                        Locale.ROOT,
                        "{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                        dtype.descr,
                        shape);
        int bodyLen = HEADER_BYTES - 10;
        if (dict.length() + 1 > bodyLen) {
            throw new IllegalStateException("npy header too long: " + dict);
        }
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < bodyLen - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 1).put((byte) 0).putShort((short) bodyLen);
        b.put(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
