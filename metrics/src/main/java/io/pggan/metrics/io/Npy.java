package io.pggan.metrics.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal reader and writer for NumPy {@code .npy} files (format versions 1.0 to 3.0, C order,
 * little-endian or single-byte dtypes). Pre-computed Inception features or probabilities can be
 * read with it. Files are untrusted: the header is parsed strictly and the element count is checked
 * against the file length before anything is allocated.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int MAX_HEADER = 1 << 16;

    private Npy() {}

    /** Reads a {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        long length = Files.size(file);
        if (length > Integer.MAX_VALUE) {
            throw new IOException(file + ": file of " + length + " bytes is too large");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a 2-D array (e.g. pre-computed {@code N x 2048} Inception features or {@code N x 1008}
     * probabilities) as rows of doubles.
     */
    public static double[][] readMatrix(Path file) throws IOException {
        NpyArray a = read(file);
        if (a.ndim() != 2) {
            throw new IOException(
                    file
                            + ": expected a 2-D array, got shape "
                            + java.util.Arrays.toString(a.shape()));
        }
        int n = a.dim(0);
        int d = a.dim(1);
        double[][] m = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.doubles(), i * d, m[i], 0, d);
        }
        return m;
    }

    /** Reads a {@code .npy} stream (e.g. a class-path resource) fully. */
    public static NpyArray read(InputStream in, String name) throws IOException {
        return parse(in.readAllBytes(), name);
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} is used in error messages. */
    public static NpyArray parse(byte[] bytes, String name) throws IOException {
        if (bytes.length < 10) {
            throw new IOException(name + ": too short for a .npy file");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IOException(name + ": not a .npy file (bad magic)");
            }
        }
        int major = bytes[6] & 0xFF;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(name + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerLen > MAX_HEADER || headerStart + headerLen > bytes.length) {
            throw new IOException(name + ": bad header length " + headerLen);
        }
        String header =
                new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1).trim();
        String descr = group(DESCR, header, "descr", name);
        if ("True".equals(group(FORTRAN, header, "fortran_order", name))) {
            throw new IOException(name + ": fortran_order=True is not supported");
        }
        int[] shape = parseShape(group(SHAPE, header, "shape", name), name);
        long count = 1;
        for (int s : shape) {
            count *= s;
            if (count > Integer.MAX_VALUE) {
                throw new IOException(name + ": too many elements");
            }
        }
        int itemSize = itemSize(descr, name);
        int dataStart = headerStart + headerLen;
        long need = count * itemSize;
        if (bytes.length - dataStart != need) {
            throw new IOException(
                    name
                            + ": data has "
                            + (bytes.length - dataStart)
                            + " bytes, shape and dtype "
                            + descr
                            + " need "
                            + need);
        }
        int n = (int) count;
        double[] d = new double[n];
        long[] l = null;
        char kind = descr.charAt(1);
        if (kind == 'f') {
            for (int i = 0; i < n; i++) {
                d[i] =
                        itemSize == 8
                                ? bb.getDouble(dataStart + 8 * i)
                                : bb.getFloat(dataStart + 4 * i);
            }
        } else {
            l = new long[n];
            for (int i = 0; i < n; i++) {
                int p = dataStart + itemSize * i;
                long v =
                        switch (itemSize) {
                            case 1 -> kind == 'u' ? bytes[p] & 0xFF : bytes[p];
                            case 2 -> kind == 'u' ? bb.getShort(p) & 0xFFFF : bb.getShort(p);
                            case 4 -> kind == 'u' ? bb.getInt(p) & 0xFFFFFFFFL : bb.getInt(p);
                            default -> bb.getLong(p);
                        };
                l[i] = v;
                d[i] = v;
            }
        }
        return new NpyArray(descr, shape, d, l);
    }

    private static String group(Pattern p, String header, String field, String name)
            throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": header has no '" + field + "': " + header);
        }
        return m.group(1);
    }

    private static int[] parseShape(String s, String name) throws IOException {
        String t = s.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int k = 0;
        int[] tmp = new int[parts.length];
        for (String p : parts) {
            String q = p.trim();
            if (q.isEmpty()) {
                continue;
            }
            try {
                tmp[k] = Integer.parseInt(q.endsWith("L") ? q.substring(0, q.length() - 1) : q);
            } catch (NumberFormatException e) {
                throw new IOException(name + ": bad shape '" + s + "'", e);
            }
            if (tmp[k] < 0) {
                throw new IOException(name + ": negative dimension in shape '" + s + "'");
            }
            k++;
        }
        int[] shape = new int[k];
        System.arraycopy(tmp, 0, shape, 0, k);
        return shape;
    }

    private static int itemSize(String descr, String name) throws IOException {
        switch (descr) {
            case "|u1", "|i1", "|b1", "<u1", "<i1":
                return 1;
            case "<i2", "<u2":
                return 2;
            case "<i4", "<u4", "<f4":
                return 4;
            case "<i8", "<f8":
                return 8;
            default:
                throw new IOException(
                        name + ": unsupported dtype '" + descr + "' (need little-endian)");
        }
    }

    /**
     * Writes a float64 array of the given shape atomically (temp file in the same folder, then
     * rename).
     */
    public static void writeFloat64(Path file, int[] shape, double[] data) throws IOException {
        long count = 1;
        StringBuilder sb = new StringBuilder("(");
        for (int s : shape) {
            count *= s;
            sb.append(s).append(", ");
        }
        if (count != data.length) {
            throw new IllegalArgumentException(
                    "shape has " + count + " elements, data has " + data.length);
        }
        String shapeStr =
                shape.length == 1 ? "(" + shape[0] + ",)" : sb.substring(0, sb.length() - 2) + ")";
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeStr + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb =
                ByteBuffer.allocate(10 + header.length() + 8 * data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        bb.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : data) {
            bb.putDouble(v);
        }
        AtomicFiles.write(file, bb.array());
    }
}
