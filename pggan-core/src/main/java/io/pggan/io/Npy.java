package io.pggan.io;

import io.pggan.io.NpyArray.Dtype;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1.0 to 3.0, C order, the dtypes of {@link Dtype}): the
 * library's one reader and writer; {@link NpyWriter} streams rows, {@link Npz} holds several arrays
 * in one zip. Files are untrusted: the header is parsed strictly, and the element count is checked
 * against the file's length (or against the data actually present, for a stream) before the data
 * are allocated. Errors name the file and the field at fault.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * What a {@code .npy} header says.
     *
     * @param dtype element type
     * @param shape dimensions
     * @param headerBytes bytes before the data (magic, version, length, dictionary)
     */
    public record Header(Dtype dtype, long[] shape, int headerBytes) {
        /** Number of elements. */
        public long count() {
            return NpyArray.count(shape);
        }

        /** Bytes of data the shape and dtype need. */
        public long dataBytes() {
            return Math.multiplyExact(count(), (long) dtype.size());
        }
    }

    /** Reads a {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /** Reads the header of a {@code .npy} file after checking it against the file's length. */
    public static Header readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            String name = file.toString();
            Header h = header(in, name);
            checkLength(h, Files.size(file) - h.headerBytes(), name);
            return h;
        }
    }

    /**
     * Reads one array from a stream.
     *
     * @param in the stream, positioned at the magic string; read to the end of the array
     * @param name what error messages call it (a file, or a file and an archive entry)
     * @param totalBytes the stream's length if known, else -1 (the data are then read in chunks, so
     *     a header that promises more than the stream holds allocates no more than is there)
     */
    public static NpyArray read(InputStream in, String name, long totalBytes) throws IOException {
        Header h = header(in, name);
        byte[] data;
        if (totalBytes >= 0) {
            checkLength(h, totalBytes - h.headerBytes(), name);
            data = in.readNBytes((int) h.dataBytes());
        } else {
            checkSize(h, name);
            data = readChunked(in, h.dataBytes());
        }
        if (data.length != h.dataBytes()) {
            throw new IOException(tooShort(h, data.length, name));
        }
        if (totalBytes < 0 && in.read() != -1) {
            throw new IOException(
                    name + ": more data than shape " + NpyArray.shapeText(h.shape()) + " holds");
        }
        return new NpyArray(h.dtype(), h.shape(), data);
    }

    /** Reads a class-path resource or any stream of unknown length to its end. */
    public static NpyArray read(InputStream in, String name) throws IOException {
        return read(in, name, -1);
    }

    private static byte[] readChunked(InputStream in, long need) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(need, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long left = need;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            out.write(buf, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    /**
     * Largest array read: what a Java array holds, and at most a quarter of the heap, so that a
     * header (or a zip entry that inflates without end) cannot make the reader run out of memory.
     */
    static long maxDataBytes() {
        return Math.min(MAX_ARRAY_BYTES, Runtime.getRuntime().maxMemory() / 4);
    }

    private static void checkSize(Header h, String name) throws IOException {
        long max = maxDataBytes();
        if (h.dataBytes() > max) {
            throw new IOException(
                    name
                            + ": shape "
                            + NpyArray.shapeText(h.shape())
                            + " of "
                            + h.dtype().descr()
                            + " is too large ("
                            + h.dataBytes()
                            + " bytes; this JVM reads arrays of up to "
                            + max
                            + " bytes, a quarter of its heap: raise -Xmx)");
        }
    }

    private static void checkLength(Header h, long present, String name) throws IOException {
        checkSize(h, name);
        if (present != h.dataBytes()) {
            throw new IOException(tooShort(h, present, name));
        }
    }

    private static String tooShort(Header h, long found, String name) {
        return name
                + ": shape "
                + NpyArray.shapeText(h.shape())
                + " of "
                + h.dtype().descr()
                + " needs "
                + h.dataBytes()
                + " data bytes, found "
                + found;
    }

    /** Parses the header; the stream is left at the first data byte. */
    public static Header header(InputStream in, String name) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8) {
            throw new IOException(name + ": too short for a .npy file");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw new IOException(name + ": not a .npy file (bad magic)");
            }
        }
        int major = pre[6] & 0xFF;
        long headerLen;
        int preamble;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            headerLen = l.length < 2 ? -1 : (l[0] & 0xFF) | (l[1] & 0xFF) << 8;
            preamble = 10;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            headerLen =
                    l.length < 4
                            ? -1
                            : ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt()
                                    & 0xFFFFFFFFL;
            preamble = 12;
        } else {
            throw new IOException(name + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerLen > MAX_HEADER) {
            throw new IOException(name + ": bad header length " + headerLen);
        }
        byte[] raw = in.readNBytes((int) headerLen);
        if (raw.length != headerLen) {
            throw new IOException(name + ": truncated .npy header");
        }
        String header = new String(raw, StandardCharsets.ISO_8859_1).trim();
        String descr = field(DESCR, header, "descr", name);
        Dtype dtype = Dtype.of(descr);
        if (dtype == null) {
            throw new IOException(
                    name + ": unsupported dtype '" + descr + "' (need a little-endian number)");
        }
        if (!"False".equals(field(FORTRAN, header, "fortran_order", name))) {
            throw new IOException(name + ": fortran_order=True is not supported");
        }
        long[] shape = parseShape(field(SHAPE, header, "shape", name), name);
        Header h = new Header(dtype, shape, (int) (preamble + headerLen));
        try {
            h.dataBytes();
        } catch (ArithmeticException e) {
            throw new IOException(
                    name + ": shape " + NpyArray.shapeText(shape) + " has too many bytes", e);
        }
        return h;
    }

    private static String field(Pattern p, String header, String field, String name)
            throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": header has no '" + field + "': " + header);
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, String name) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            long d;
            try {
                d = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new IOException(name + ": bad shape '(" + text + ")'", e);
            }
            if (d < 0) {
                throw new IOException(name + ": negative dimension in shape '(" + text + ")'");
            }
            dims.add(d);
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        try {
            NpyArray.count(shape);
        } catch (ArithmeticException e) {
            throw new IOException(name + ": shape '(" + text + ")' has too many elements", e);
        }
        return shape;
    }

    /** Writes an array atomically (temporary file in the same folder, then rename). */
    public static void write(Path file, NpyArray array) {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes an array to a stream (e.g. an archive entry); the stream is not closed. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array.dtype(), array.shape(), 0));
        out.write(array.bytes());
    }

    /**
     * The bytes of a version-1.0 header, padded with spaces to a multiple of 64 bytes as NumPy
     * does, or to exactly {@code fixedBytes} when that is not 0 (so a header can be rewritten in
     * place once the row count is known).
     */
    static byte[] header(Dtype dtype, long[] shape, int fixedBytes) {
        String dict =
                "{'descr': '"
                        + dtype.descr()
                        + "', 'fortran_order': False, 'shape': "
                        + NpyArray.shapeText(shape)
                        + ", }";
        int unpadded = 10 + dict.length() + 1;
        int total = fixedBytes > 0 ? fixedBytes : unpadded + (64 - unpadded % 64) % 64;
        if (unpadded > total || total - 10 > 0xFFFF) {
            throw new IllegalStateException("npy header too long: " + dict);
        }
        String text = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) (total - 10));
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
