package io.pggan.agecnn.weights;

import io.pggan.io.NpyArray;
import io.pggan.io.Npz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weight files: NumPy {@code .npz} archives of float arrays (read and checked by the library's
 * {@link Npz}), as {@link NamedArray}s. Only float32 and float64 (converted to float) are weights.
 */
public final class WeightFile {
    private WeightFile() {}

    /**
     * Reads every array of a weight file.
     *
     * @return key (entry name without {@code .npy}) to array, in archive order
     * @throws IllegalArgumentException naming the file and entry of an array that is not float
     * @throws UncheckedIOException naming the file when it cannot be read or is malformed
     */
    public static Map<String, NamedArray> read(Path file) {
        Map<String, NpyArray> raw;
        try {
            raw = Npz.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read weight file " + file + ": " + e.getMessage(), e);
        }
        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, NpyArray> e : raw.entrySet()) {
            NpyArray a = e.getValue();
            if (a.isInteger()) {
                throw new IllegalArgumentException(
                        file
                                + " entry '"
                                + e.getKey()
                                + ".npy': dtype '"
                                + a.descr()
                                + "' is not supported (use float32 '<f4')");
            }
            arrays.put(e.getKey(), new NamedArray(e.getKey(), a.shape(), a.floats()));
        }
        return arrays;
    }

    /** Writes arrays as a float32 {@code .npz} that {@code numpy.load} reads, atomically. */
    public static void write(Path file, Collection<NamedArray> arrays) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (NamedArray a : arrays) {
            out.put(a.name(), NpyArray.ofFloats(a.data(), a.shape()));
        }
        Npz.write(file, out);
    }
}
