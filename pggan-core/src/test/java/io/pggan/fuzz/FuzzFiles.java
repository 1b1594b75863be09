package io.pggan.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Support for the fuzz targets: one scratch folder per JVM, each input written to a named file
 * there (readers take paths), and the check every documented failure must pass (a message that says
 * something).
 */
public final class FuzzFiles {
    private static Path scratch;

    private FuzzFiles() {}

    /** The scratch folder (created once, deleted when the JVM exits). */
    public static synchronized Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("pggan-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            scratch.toFile().deleteOnExit();
        }
        return scratch;
    }

    /** Writes the input to {@code name} in the scratch folder (replacing the previous one). */
    public static Path write(String name, byte[] data) {
        Path f = scratch().resolve(name);
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        f.toFile().deleteOnExit();
        return f;
    }

    /** A documented failure: it must carry a message naming what is wrong. */
    public static void expectMessage(Exception e) {
        assertThat(e.getMessage()).as("message of %s", e.getClass().getName()).isNotBlank();
    }
}
