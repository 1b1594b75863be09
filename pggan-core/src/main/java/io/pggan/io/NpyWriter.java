package io.pggan.io;

import io.pggan.io.NpyArray.Dtype;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a {@code .npy} row by row without knowing the number of rows in advance: a fixed 128-byte
 * header is reserved and rewritten with the row count on {@link #close()}. The rows go to a
 * temporary file next to the target ({@link AtomicFiles#tempSibling}) that is renamed into place on
 * close, so a crash never leaves a half-written file under the final name.
 */
public final class NpyWriter implements Closeable {
    private static final int HEADER_BYTES = 128;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Dtype dtype;
    private final long[] rowShape;
    private final int rowLength;
    private final ByteBuffer buffer;
    private long rows;
    private boolean closed;
    private boolean failed; // a write failed: close() publishes nothing

    private NpyWriter(Path target, Dtype dtype, long[] rowShape) throws IOException {
        if (dtype != Dtype.FLOAT32 && dtype != Dtype.FLOAT64 && dtype != Dtype.INT64) {
            throw new IllegalArgumentException("rows are written as <f4, <f8 or <i8, not " + dtype);
        }
        this.target = target;
        this.dtype = dtype;
        this.rowShape = rowShape.clone();
        for (long d : rowShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("bad row shape " + Arrays.toString(rowShape));
            }
        }
        this.rowLength = Math.toIntExact(NpyArray.count(rowShape));
        Path t = null;
        try {
            t = AtomicFiles.tempSibling(target);
            this.channel = FileChannel.open(t, StandardOpenOption.WRITE);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(t);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        this.temp = t;
        this.buffer =
                ByteBuffer.allocate(Math.max(1 << 16, rowLength * dtype.size()))
                        .order(ByteOrder.LITTLE_ENDIAN);
        channel.write(ByteBuffer.wrap(header(0)));
    }

    /**
     * Opens a writer for rows of shape {@code rowShape} (empty for a 1-D array of scalars).
     *
     * @param dtype {@link Dtype#FLOAT32}, {@link Dtype#FLOAT64} or {@link Dtype#INT64}
     */
    public static NpyWriter open(Path target, Dtype dtype, long... rowShape) throws IOException {
        return new NpyWriter(target, dtype, rowShape);
    }

    /** Number of rows written so far. */
    public long rows() {
        return rows;
    }

    /** Appends one row of doubles. */
    public void writeRow(double[] row) throws IOException {
        checkLength(row.length);
        ensure();
        for (double v : row) {
            put(v);
        }
        rows++;
    }

    /** Appends one row of floats. */
    public void writeRow(float[] row) throws IOException {
        checkLength(row.length);
        ensure();
        for (float v : row) {
            switch (dtype) {
                case FLOAT32 -> buffer.putFloat(v);
                case FLOAT64 -> buffer.putDouble(v);
                default -> buffer.putLong((long) v);
            }
        }
        rows++;
    }

    private void put(double v) {
        switch (dtype) {
            case FLOAT32 -> buffer.putFloat((float) v);
            case FLOAT64 -> buffer.putDouble(v);
            default -> buffer.putLong((long) v);
        }
    }

    private void checkLength(int n) {
        if (n != rowLength) {
            throw new IllegalArgumentException("row has " + n + " values, expected " + rowLength);
        }
    }

    private void ensure() throws IOException {
        if (closed) {
            throw new IllegalStateException("writer for " + target + " is closed");
        }
        if (buffer.remaining() < rowLength * dtype.size()) {
            try {
                flush();
            } catch (IOException e) {
                // a full disk: nothing of this file may be published any more
                failed = true;
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
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

    /** Rewrites the header with the row count and renames the file into place. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (failed) {
            abort();
            throw new IOException("cannot write " + target + ": an earlier write failed");
        }
        try {
            flush();
            channel.write(ByteBuffer.wrap(header(rows)), 0);
            channel.force(true);
            channel.close();
            closed = true;
            AtomicFiles.moveAtomically(temp, target);
        } catch (IOException e) {
            closed = false;
            abort();
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closed = false;
            abort();
            throw e;
        }
    }

    private byte[] header(long n) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = n;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return Npy.header(dtype, shape, HEADER_BYTES);
    }
}
