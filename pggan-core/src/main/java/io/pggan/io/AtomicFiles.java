package io.pggan.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary file
 * in the same folder (so the rename stays on one file system), which is then moved over the target
 * with {@link StandardCopyOption#ATOMIC_MOVE}. On any failure the temporary file is deleted and the
 * target is left as it was.
 */
public final class AtomicFiles {
    /** Prefix of temporary files, so stale ones from a killed process are easy to recognise. */
    public static final String TEMP_PREFIX = ".tmp-";

    /**
     * Test hook: milliseconds to sleep before every rename of a finished temporary file (0 by
     * default). The crash tests set it to make a kill inside a write likely.
     */
    public static final String RENAME_DELAY_PROPERTY = "pggan.atomicFiles.renameDelayMs";

    /**
     * Test hook: a disk with this many bytes free (unset by default). A write whose temporary files
     * (all of them in the folder, for writers of several files) grow past it fails with "No space
     * left on device", as a full disk would, before anything is renamed; the tests of every writer
     * use it to check that the previous good file stays in place.
     */
    public static final String FREE_BYTES_PROPERTY = "pggan.atomicFiles.freeBytes";

    private AtomicFiles() {}

    /** Writes bytes produced by a callback; used with any format writer. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the whole content.
         *
         * @param out the stream to the temporary file (buffered; do not close it)
         * @throws IOException on failure: the target is then left untouched
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically; creates its parent folders.
     *
     * @param target the final file
     * @param writer produces the content
     * @throws UncheckedIOException naming the target on failure
     */
    public static void write(Path target, StreamWriter writer) {
        Path temp = null;
        try {
            temp = tempSibling(target);
            try (OutputStream out =
                    new BufferedOutputStream(limited(Files.newOutputStream(temp)), 1 << 16)) {
                writer.write(out);
            }
            moveAtomically(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Produces a file at a path it is given; for libraries that write to a file themselves. */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * Writes the whole content to {@code temp}.
         *
         * @param temp an empty temporary file next to the target
         * @throws IOException on failure: the target is then left untouched
         */
        void write(Path temp) throws IOException;
    }

    /**
     * Writes {@code target} atomically through a writer that takes a file path (a video encoder, an
     * image library); creates its parent folders.
     *
     * @throws UncheckedIOException naming the target on failure
     */
    public static void writeFile(Path target, FileWriter writer) {
        Path temp = null;
        try {
            temp = tempSibling(target);
            writer.write(temp);
            moveAtomically(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Writes the bytes to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes the text as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A fresh temporary path next to {@code target} (same folder), for callers that produce the
     * file themselves and then call {@link #moveAtomically}.
     */
    public static Path tempSibling(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, TEMP_PREFIX + target.getFileName() + "-", ".part");
        // createTempFile makes the file owner-only (0600); the result is an ordinary output file.
        if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        return temp;
    }

    /**
     * Moves {@code source} over {@code target} atomically. Falls back to a plain replacing move
     * only where the file system cannot do atomic moves at all.
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        renameDelay();
        long free = Long.getLong(FREE_BYTES_PROPERTY, Long.MAX_VALUE);
        if (free != Long.MAX_VALUE && tempBytes(source.toAbsolutePath().getParent()) > free) {
            throw new IOException(noSpace(free));
        }
        try {
            Files.move(
                    source,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Bytes held by the temporary files of a folder (what a full disk would have refused). */
    private static long tempBytes(Path folder) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, TEMP_PREFIX + "*")) {
            for (Path t : temps) {
                sum += Files.size(t);
            }
        }
        return sum;
    }

    private static String noSpace(long free) {
        return "No space left on device (" + FREE_BYTES_PROPERTY + "=" + free + ")";
    }

    /** The stream, failing like a full disk once more than the free bytes are written. */
    private static OutputStream limited(OutputStream out) {
        long free = Long.getLong(FREE_BYTES_PROPERTY, Long.MAX_VALUE);
        if (free == Long.MAX_VALUE) {
            return out;
        }
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > free) {
                    throw new IOException(noSpace(free));
                }
                written += len;
                out.write(b, off, len);
            }
        };
    }

    private static void renameDelay() throws IOException {
        long ms = Long.getLong(RENAME_DELAY_PROPERTY, 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted before the rename");
            }
        }
    }

    /**
     * Deletes the temporary files a killed process left next to {@code target} (its {@value
     * #TEMP_PREFIX} siblings). Call it where a run resumes, before the first write: a SIGKILL
     * inside a write cannot clean up after itself. The target itself is never touched.
     *
     * @return how many were deleted
     * @throws UncheckedIOException naming the folder when it cannot be listed or a file deleted
     */
    public static int removeStaleTemps(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        String prefix = TEMP_PREFIX + target.getFileName() + "-";
        int n = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(parent, prefix + "*.part")) {
            for (Path t : temps) {
                if (Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(t);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot remove stale temporary files in " + parent + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** Deletes a file if it exists, ignoring errors (clean-up on a failure path). */
    public static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: we are already reporting the original failure.
        }
    }
}
