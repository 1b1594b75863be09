package io.pggan.reliability;

import io.pggan.data.DataException;
import io.pggan.data.ImageFiles;
import java.nio.file.Path;

/** Reads one image in a JVM of 1 GB heap and prints what happened (for HostileFilesTest). */
public final class ReadImageChild {
    private ReadImageChild() {}

    public static void main(String[] args) {
        try {
            var image = ImageFiles.read(Path.of(args[0]));
            System.out.println("READ " + image.getWidth() + "x" + image.getHeight());
        } catch (DataException e) {
            System.out.println("REFUSED " + e.getMessage());
        } catch (OutOfMemoryError e) {
            System.out.println("OUT OF MEMORY");
        }
    }
}
