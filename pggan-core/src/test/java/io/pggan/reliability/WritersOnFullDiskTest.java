package io.pggan.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.ndarray.NDManager;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.fuzz.StoreFixture;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.GanState;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Csv;
import io.pggan.io.ImagePng;
import io.pggan.io.Json;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.io.NpyArray.Dtype;
import io.pggan.io.NpyWriter;
import io.pggan.io.Npz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: every writer, on a disk that fills ({@link AtomicFiles#FREE_BYTES_PROPERTY}), in a
 * folder it cannot create or cannot write, stops with an error naming the file and leaves the
 * previous good file in place, with no temporary file beside it.
 */
class WritersOnFullDiskTest {
    @TempDir Path dir;

    /** One writer: writes version {@code v} (bigger for bigger v) of {@code file}. */
    interface Writer {
        void write(Path file, int v) throws Exception;
    }

    record Case(String name, String file, Writer writer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i % 255) / 127.5f - 1f;
        }
        return v;
    }

    static List<Case> writers() {
        return List.of(
                new Case(
                        "npy",
                        "w.npy",
                        (f, v) -> Npy.write(f, NpyArray.ofFloats(noise(v * 400), v * 400))),
                new Case(
                        "npz",
                        "w.npz",
                        (f, v) ->
                                Npz.write(
                                        f,
                                        Map.of("a", NpyArray.ofFloats(noise(v * 400), v * 400)))),
                new Case(
                        "json (axis, summaries)",
                        "axis.json",
                        (f, v) -> Json.write(f, Map.of("x", ramp(v * 200)))),
                new Case(
                        "csv",
                        "metrics.csv",
                        (f, v) -> {
                            Csv.Table t = Csv.table("i", "value");
                            for (int i = 0; i < v * 200; i++) {
                                t.row(i, i * 0.5);
                            }
                            t.write(f);
                        }),
                new Case(
                        "png figure",
                        "figure.png",
                        (f, v) -> ImagePng.writeGray(f, noise(v * 2048), 64, v * 32)),
                new Case(
                        "npy rows streamed (latent and label shards)",
                        "shard.npy",
                        (f, v) -> {
                            try (NpyWriter w = NpyWriter.open(f, Dtype.FLOAT32, 16)) {
                                for (int i = 0; i < v * 40; i++) {
                                    w.writeRow(ramp(16));
                                }
                            }
                        }),
                new Case(
                        "file written by a library (video, chart)",
                        "video.bin",
                        (f, v) ->
                                AtomicFiles.writeFile(f, t -> Files.write(t, new byte[v * 2000]))),
                new Case(
                        "checkpoint",
                        "checkpoint.zip",
                        (f, v) -> {
                            PgganConfig c =
                                    PgganConfig.builder()
                                            .resolution(v > 3 ? 64 : 4 << v)
                                            .latentDim(8)
                                            .fmapMax(8)
                                            .progressBar(false)
                                            .build();
                            try (NDManager m = NDManager.newBaseManager();
                                    GanState s = new GanState(c, m)) {
                                Checkpoints.write(s, f);
                            }
                        }));
    }

    static float[] noise(int n) {
        float[] v = new float[n];
        java.util.Random r = new java.util.Random(n);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    @AfterEach
    void clearHook() {
        System.clearProperty(AtomicFiles.FREE_BYTES_PROPERTY);
    }

    static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aFullDiskKeepsThePreviousFile(Case c) throws Exception {
        Path f = dir.resolve(c.file());
        c.writer().write(f, 1);
        byte[] good = Files.readAllBytes(f);
        System.setProperty(AtomicFiles.FREE_BYTES_PROPERTY, "" + good.length / 2);
        assertThatThrownBy(() -> c.writer().write(f, 2))
                .hasMessageContaining(c.file())
                .hasStackTraceContaining("No space left on device");
        System.clearProperty(AtomicFiles.FREE_BYTES_PROPERTY);
        assertThat(Files.readAllBytes(f)).as("the previous file").isEqualTo(good);
        assertThat(temps(dir)).as("temporary files").isEmpty();
        c.writer().write(f, 2); // and with space again the write goes through
        assertThat(Files.size(f)).isGreaterThan(good.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aFolderThatCannotBeCreatedIsNamed(Case c) throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "keep");
        Path f = notAFolder.resolve("sub").resolve(c.file());
        assertThatThrownBy(() -> c.writer().write(f, 1))
                .hasMessageContaining(notAFolder.toString());
        assertThat(Files.readString(notAFolder)).isEqualTo("keep");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aReadOnlyFolderKeepsThePreviousFile(Case c) throws Exception {
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        Path f = ro.resolve(c.file());
        c.writer().write(f, 1);
        byte[] good = Files.readAllBytes(f);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes anywhere: there the full-disk case stands for this one
            assumeThat(Files.isWritable(ro)).as("running as root").isFalse();
            assertThatThrownBy(() -> c.writer().write(f, 2)).hasMessageContaining(c.file());
            assertThat(Files.readAllBytes(f)).isEqualTo(good);
            assertThat(temps(ro)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aStoreRebuiltOnAFullDiskKeepsThePreviousStore() throws Exception {
        Path folder = dir.resolve("store");
        MultiResolutionStore.builder()
                .source(StoreFixture.ramps(2, 16))
                .folder(folder)
                .progress(false)
                .build()
                .close();
        float[] before;
        try (MultiResolutionStore s = MultiResolutionStore.open(folder, false)) {
            before = s.image(1, 16);
        }
        System.setProperty(AtomicFiles.FREE_BYTES_PROPERTY, "300");
        assertThatThrownBy(
                        () ->
                                MultiResolutionStore.builder()
                                        .source(StoreFixture.ramps(5, 16))
                                        .folder(folder)
                                        .progress(false)
                                        .build())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(folder.toString())
                .hasStackTraceContaining("No space left on device");
        System.clearProperty(AtomicFiles.FREE_BYTES_PROPERTY);
        try (MultiResolutionStore s = MultiResolutionStore.open(folder, false)) {
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.image(1, 16)).containsExactly(before);
        }
        assertThat(temps(folder)).isEmpty();
    }
}
