package io.pggan.latent.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric array read from a NumPy {@code .npy} file (format 1.0 to 3.0, C order, little-endian
 * {@code <f8}, {@code <f4}, {@code <i8} or {@code <i4}). Values are widened to double.
 *
 * <p>Files are untrusted: the header is parsed strictly and the shape is checked against the file
 * size before anything is allocated.
 */
public final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final String dtype;
    private final long[] shape;
    private final double[] data;

    private NpyArray(String dtype, long[] shape, double[] data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /** The NumPy dtype string, e.g. {@code <f8}. */
    public String dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** All values in C (row-major) order; the array is owned by this object, do not modify. */
    public double[] data() {
        return data;
    }

    /** Number of rows for a 2-D array, or the length of a 1-D array. */
    public int rows() {
        return (int) shape[0];
    }

    /** Number of columns of a 2-D array (1 for a 1-D array). */
    public int cols() {
        return shape.length < 2 ? 1 : (int) shape[1];
    }

    /** The values of a 2-D array as rows. */
    public double[][] toMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException(
                    "expected a 2-D array, shape " + Arrays.toString(shape));
        }
        int n = rows();
        int p = cols();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(data, i * p, (i + 1) * p);
        }
        return out;
    }

    /** The values of a 1-D integer array. */
    public int[] toIntArray() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (int) data[i];
        }
        return out;
    }

    /** Reads a file; errors name the file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /** Shape of a {@code .npy} file from its header, after checking the header and file size. */
    public static long[] readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return header(in, file.toString(), Files.size(file)).shape;
        }
    }

    private record Header(String dtype, long[] shape, int itemSize, long count) {}

    private static Header header(InputStream in, String name, long totalBytes) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            throw new IOException(name + ": not a .npy file (bad magic)");
        }
        int major = pre[6];
        int headerLen;
        int preamble;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            preamble = 12;
        } else {
            throw new IOException(name + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerLen > 1 << 20 || preamble + headerLen > totalBytes) {
            throw new IOException(name + ": bad header length " + headerLen);
        }
        String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
        String dtype = group(DESCR, header, name, "descr");
        if ("True".equals(group(FORTRAN, header, name, "fortran_order"))) {
            throw new IOException(name + ": fortran_order arrays are not supported");
        }
        String[] dims = group(SHAPE, header, name, "shape").split(",");
        long[] shape =
                Arrays.stream(dims)
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .mapToLong(s -> parseDim(s, name))
                        .toArray();
        int itemSize =
                switch (dtype) {
                    case "<f8", "<i8" -> 8;
                    case "<f4", "<i4" -> 4;
                    default -> throw new IOException(name + ": unsupported dtype " + dtype);
                };
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
        }
        long expected = preamble + headerLen + count * itemSize;
        if (count > Integer.MAX_VALUE - 8 || expected != totalBytes) {
            throw new IOException(
                    name
                            + ": shape "
                            + Arrays.toString(shape)
                            + " of "
                            + dtype
                            + " needs "
                            + expected
                            + " bytes but the file has "
                            + totalBytes);
        }
        return new Header(dtype, shape, itemSize, count);
    }

    /** Reads from a stream of known total length; {@code name} is used in error messages. */
    public static NpyArray read(InputStream in, String name, long totalBytes) throws IOException {
        Header h = header(in, name, totalBytes);
        String dtype = h.dtype();
        long[] shape = h.shape();
        int itemSize = h.itemSize();
        long count = h.count();
        double[] data = new double[(int) count];
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int filled = 0;
        byte[] chunk = new byte[(1 << 16) / itemSize * itemSize];
        while (filled < count) {
            int want = (int) Math.min(chunk.length, (count - filled) * itemSize);
            int got = in.readNBytes(chunk, 0, want);
            if (got != want) {
                throw new IOException(name + ": truncated data");
            }
            buf.clear();
            buf.put(chunk, 0, want).flip();
            for (int k = 0; k < want / itemSize; k++) {
                data[filled++] =
                        switch (dtype) {
                            case "<f8" -> buf.getDouble();
                            case "<f4" -> buf.getFloat();
                            case "<i8" -> buf.getLong();
                            default -> buf.getInt();
                        };
            }
        }
        return new NpyArray(dtype, shape, data);
    }

    private static long parseDim(String s, String name) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": bad dimension '" + s + "' in shape", e);
        }
    }

    private static String group(Pattern p, String header, String name, String field)
            throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": header has no '" + field + "': " + header.trim());
        }
        return m.group(1);
    }
}
