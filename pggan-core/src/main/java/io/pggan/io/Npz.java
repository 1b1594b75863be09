package io.pggan.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives, as {@code numpy.savez} writes them: a zip of {@code <key>.npy}
 * entries, each read and checked by {@link Npy}. Errors name the file and the entry.
 */
public final class Npz {
    private Npz() {}

    /**
     * Reads every array of an archive.
     *
     * @return key (entry name without {@code .npy}) to array, in archive order
     * @throws IOException naming the file and entry when the content is malformed
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                String where = file + " entry '" + name + "'";
                if (!name.endsWith(".npy")) {
                    throw new IOException(where + " is not a .npy array");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    // the entry's declared size is untrusted too: read as a stream of unknown
                    // length
                    arrays.put(name.substring(0, name.length() - 4), Npy.read(in, where, -1));
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                        throw e;
                    }
                    // the inflater's own errors (an EOFException has no message) name nothing
                    throw new IOException(where + ": corrupt entry (" + e + ")", e);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(
                    file + ": not a readable .npz archive (" + e.getMessage() + ")", e);
        }
        return arrays;
    }

    /**
     * Writes arrays as an archive that {@code numpy.load} reads; the file appears atomically.
     *
     * @param arrays key to array, written in iteration order
     */
    public static void write(Path file, Map<String, NpyArray> arrays) {
        AtomicFiles.write(
                file,
                out -> {
                    ZipOutputStream zip = new ZipOutputStream(out);
                    for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                        zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                        Npy.write(zip, e.getValue());
                        zip.closeEntry();
                    }
                    zip.finish();
                });
    }
}
