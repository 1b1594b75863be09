package io.pggan.agecnn.weights;

import io.pggan.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives of float arrays (what {@code numpy.savez} writes: a
 * zip of {@code <key>.npy} entries). Only little-endian {@code float32} ({@code <f4}) and {@code
 * float64} ({@code <f8}, converted to float) in C order are accepted. Files are untrusted: the
 * header is parsed strictly and every size is checked before anything is allocated.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;

    /** Largest single array accepted: 2^28 values (1 GiB of float32). */
    private static final long MAX_VALUES = 1L << 28;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /**
     * Reads every array of an archive.
     *
     * @param file the {@code .npz} file
     * @return key (entry name without {@code .npy}) to array, in archive order
     * @throws IllegalArgumentException naming the file and entry when the content is malformed
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Map<String, NamedArray> read(Path file) {
        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String entryName = entry.getName();
                if (!entryName.endsWith(".npy")) {
                    throw new IllegalArgumentException(
                            file + ": entry '" + entryName + "' is not a .npy array");
                }
                String key = entryName.substring(0, entryName.length() - 4);
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(key, readNpy(in, key, file + " entry '" + entryName + "'"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read weight file " + file + ": " + e.getMessage(), e);
        }
        return arrays;
    }

    private static NamedArray readNpy(InputStream in, String key, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new IllegalArgumentException(where + ": truncated .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IllegalArgumentException(where + ": not a .npy array (bad magic)");
            }
        }
        int major = magic[6];
        long headerLength;
        if (major == 1) {
            byte[] len = in.readNBytes(2);
            headerLength = (len[0] & 0xFF) | ((len[1] & 0xFF) << 8);
        } else if (major == 2 || major == 3) {
            byte[] len = in.readNBytes(4);
            headerLength =
                    ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        } else {
            throw new IllegalArgumentException(where + ": unsupported .npy version " + major);
        }
        if (headerLength > MAX_HEADER) {
            throw new IllegalArgumentException(
                    where + ": .npy header too long (" + headerLength + " bytes)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length != headerLength) {
            throw new IllegalArgumentException(where + ": truncated .npy header");
        }
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, where, "descr");
        if (!group(FORTRAN, header, where, "fortran_order").equals("False")) {
            throw new IllegalArgumentException(
                    where + ": Fortran-ordered arrays are not supported");
        }
        int itemSize;
        if (descr.equals("<f4")) {
            itemSize = 4;
        } else if (descr.equals("<f8")) {
            itemSize = 8;
        } else {
            throw new IllegalArgumentException(
                    where + ": dtype '" + descr + "' is not supported (use float32 '<f4')");
        }
        long[] shape = parseShape(group(SHAPE, header, where, "shape"), where);
        long count = 1;
        for (long d : shape) {
            count = Math.multiplyExact(count, d);
            if (count > MAX_VALUES) {
                throw new IllegalArgumentException(
                        where + ": array too large " + NamedArray.shapeText(shape));
            }
        }
        byte[] raw = in.readNBytes((int) (count * itemSize));
        if (raw.length != count * itemSize) {
            throw new IllegalArgumentException(
                    where
                            + ": shape "
                            + NamedArray.shapeText(shape)
                            + " needs "
                            + count * itemSize
                            + " data bytes, found "
                            + raw.length);
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException(
                    where + ": more data than shape " + NamedArray.shapeText(shape) + " holds");
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = itemSize == 4 ? buffer.getFloat() : (float) buffer.getDouble();
        }
        return new NamedArray(key, shape, data);
    }

    private static String group(Pattern pattern, String header, String where, String field) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    where + ": .npy header lacks '" + field + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, String where) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad shape (" + text + ")", e);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Writes arrays as an {@code .npz} archive (float32, C order) that {@code numpy.load} reads;
     * the file appears atomically (temp file in the same folder, then rename).
     *
     * @param file the target file
     * @param arrays the arrays, written in iteration order
     */
    public static void write(Path file, Collection<NamedArray> arrays) {
        AtomicFiles.write(file, out -> writeTo(out, arrays));
    }

    private static void writeTo(OutputStream out, Collection<NamedArray> arrays)
            throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (NamedArray array : arrays) {
            zip.putNextEntry(new ZipEntry(array.name() + ".npy"));
            zip.write(npyHeader(array.shape()));
            ByteBuffer buffer =
                    ByteBuffer.allocate(array.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(array.data());
            zip.write(buffer.array());
            zip.closeEntry();
        }
        zip.finish();
    }

    private static byte[] npyHeader(long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText =
                shape.length == 1
                        ? "(" + shape[0] + ",)"
                        : "("
                                + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2))
                                + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Pad with spaces so that magic + length + header is a multiple of 64, ending in '\n'.
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MAGIC);
        b.write(1);
        b.write(0);
        b.write(header.length() & 0xFF);
        b.write((header.length() >> 8) & 0xFF);
        b.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }
}
