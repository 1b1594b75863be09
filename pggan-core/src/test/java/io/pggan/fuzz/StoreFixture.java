package io.pggan.fuzz;

import io.pggan.data.ImageSource;
import io.pggan.data.store.MultiResolutionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A valid two-image 8x8 store, restored before every fuzzed read of a store. */
public final class StoreFixture {
    static final String LEVEL_8 = "r03.bin";
    private static byte[] header;
    private static byte[] level4;
    private static byte[] level8;

    private StoreFixture() {}

    /** A ramp image source: image i has pixel values (i + x + y) / 16 - 1 / 2. */
    public static ImageSource ramps(int count, int side) {
        return new ImageSource() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int resolution() {
                return side;
            }

            @Override
            public float[] load(int index) {
                float[] v = new float[side * side];
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        v[y * side + x] = (index + x + y) / (4f * side) - 0.5f;
                    }
                }
                return v;
            }

            @Override
            public String describe(int index) {
                return "ramp " + index;
            }
        };
    }

    /** The store folder with valid level files (the header is left for the caller to write). */
    static synchronized Path folder() {
        Path folder = FuzzFiles.scratch().resolve("store");
        try {
            if (header == null) {
                MultiResolutionStore.builder()
                        .source(ramps(2, 8))
                        .folder(folder)
                        .progress(false)
                        .build()
                        .close();
                header = Files.readAllBytes(folder.resolve("store.json"));
                level4 = Files.readAllBytes(folder.resolve("r02.bin"));
                level8 = Files.readAllBytes(folder.resolve(LEVEL_8));
            }
            Files.write(folder.resolve("r02.bin"), level4);
            Files.write(folder.resolve(LEVEL_8), level8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    static synchronized byte[] header() {
        folder();
        return header.clone();
    }
}
