package io.pggan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.io.NpyArray.Dtype;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one .npy / .npz implementation: round trips, NumPy's layout, and untrusted input. */
class NpyTest {
    @Test
    void roundTripsEveryWrittenTypeInNumpysLayout(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        Npy.write(f, NpyArray.of(new double[] {1, 2, 3, 4, 5, -6.5}, 2, 3));
        byte[] raw = Files.readAllBytes(f);
        // magic, version 1.0, header padded to a multiple of 64 bytes and ending in '\n', as
        // numpy.save writes
        assertThat(raw.length).isEqualTo(128 + 48);
        assertThat(raw[127]).isEqualTo((byte) '\n');
        assertThat(new String(raw, 10, 118, StandardCharsets.ISO_8859_1))
                .startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
        NpyArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dtype()).isEqualTo(Dtype.FLOAT64);
        assertThat(a.doubles()).containsExactly(1, 2, 3, 4, 5, -6.5);
        assertThat(a.matrix()[1]).containsExactly(4, 5, -6.5);
        assertThat(Npy.readHeader(f).shape()).containsExactly(2, 3);

        Npy.write(f, NpyArray.ofFloats(new float[] {0.5f, -1}, 2));
        assertThat(Npy.read(f).floats()).containsExactly(0.5f, -1f);
        assertThat(Npy.read(f).descr()).isEqualTo("<f4");
        Npy.write(f, NpyArray.ofLongs(new long[] {1L << 40, -3}));
        assertThat(Npy.read(f).longs()).containsExactly(1L << 40, -3);
        assertThatThrownBy(() -> Npy.read(f).ints()).hasMessageContaining("is not an int");
        assertThatThrownBy(() -> NpyArray.of(new double[6], 4))
                .hasMessageContaining("needs 32 bytes, got 48");
        assertThatThrownBy(() -> NpyArray.ofFloats(new float[2], 2).longs())
                .hasMessageContaining("not an integer type");
    }

    @Test
    void readsSingleByteAndSmallIntegerTypes() throws Exception {
        byte[] u1 = npy("|u1", "(3,)", new byte[] {(byte) 255, 0, 7});
        assertThat(Npy.read(new ByteArrayInputStream(u1), "u1").longs()).containsExactly(255, 0, 7);
        byte[] lt = npy("<u1", "(1,)", new byte[] {9});
        assertThat(Npy.read(new ByteArrayInputStream(lt), "lt").descr()).isEqualTo("|u1");
        byte[] i2 = npy("<i2", "(2,)", new byte[] {(byte) 0xFF, (byte) 0xFF, 2, 0});
        assertThat(Npy.read(new ByteArrayInputStream(i2), "i2").ints()).containsExactly(-1, 2);
    }

    @Test
    void rejectsTruncatedAndMalformedFilesNamingThem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        Npy.write(f, NpyArray.of(new double[] {1, 2, 3, 4}, 4));
        byte[] b = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(b, b.length - 8));
        assertThatThrownBy(() -> Npy.read(cut))
                .hasMessageContaining("cut.npy")
                .hasMessageContaining("needs 32 data bytes, found 24");
        assertThatThrownBy(() -> Npy.readHeader(cut)).hasMessageContaining("found 24");
        assertThatThrownBy(
                        () ->
                                Npy.read(
                                        new ByteArrayInputStream(Arrays.copyOf(b, b.length - 8)),
                                        "s"))
                .hasMessageContaining("s: shape (4,) of <f8 needs 32 data bytes, found 24");
        Path zero = dir.resolve("zero.npy");
        Files.write(zero, new byte[20]);
        assertThatThrownBy(() -> Npy.read(zero)).hasMessageContaining("bad magic");
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining("too short");
        Files.writeString(text, "hello world");
        assertThatThrownBy(() -> Npy.read(text))
                .hasMessageContaining("text.npy")
                .hasMessageContaining("bad magic");

        String h = new String(b, 10, 54, StandardCharsets.ISO_8859_1);
        byte[] big = b.clone();
        byte[] replaced = h.replace("<f8", ">f8").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replaced, 0, big, 10, replaced.length);
        Path be = dir.resolve("be.npy");
        Files.write(be, big);
        assertThatThrownBy(() -> Npy.read(be)).hasMessageContaining("'>f8'");

        byte[] fortran = npy("<f4", "(1,)", new byte[4]);
        String fh = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
        assertThatThrownBy(
                        () ->
                                Npy.read(
                                        new ByteArrayInputStream(
                                                fh.getBytes(StandardCharsets.ISO_8859_1)),
                                        "fo"))
                .hasMessageContaining("fortran_order");
        // a header that promises 4 GB allocates nothing: refused, or read only as far as data go
        byte[] huge = npy("<f4", "(1000000000, 1000)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(huge), "huge"))
                .hasMessageContaining("too large");
        byte[] liar = npy("<f4", "(1000, 1000)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(liar), "liar"))
                .hasMessageContaining("needs 4000000 data bytes, found 8");
        byte[] negative = npy("<f4", "(-1,)", new byte[0]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(negative), "neg"))
                .hasMessageContaining("negative dimension");
        byte[] extra = npy("<f4", "(1,)", new byte[8]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(extra), "extra"))
                .hasMessageContaining("more data than shape (1,) holds");
    }

    @Test
    void writerStreamsRowsAndRewritesTheHeader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("z.npy");
        try (NpyWriter w = NpyWriter.open(f, Dtype.FLOAT32, 3)) {
            for (int i = 0; i < 10_000; i++) {
                w.writeRow(new float[] {i, -i, 0.5f});
            }
            // nothing is visible under the final name until close
            assertThat(f).doesNotExist();
        }
        NpyArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(10_000, 3);
        assertThat(Files.size(f)).isEqualTo(128 + 10_000 * 3 * 4);
        assertThat(a.doubles()[3 * 9_999 + 1]).isEqualTo(-9_999.0);

        Path scalars = dir.resolve("m.npy");
        try (NpyWriter w = NpyWriter.open(scalars, Dtype.FLOAT64)) {
            w.writeRow(new double[] {1.25});
            w.writeRow(new double[] {2.5});
        }
        assertThat(Npy.read(scalars).shape()).containsExactly(2);
        assertThat(Npy.read(scalars).doubles()).containsExactly(1.25, 2.5);
    }

    @Test
    void abortLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        NpyWriter w = NpyWriter.open(f, Dtype.FLOAT64, 2);
        w.writeRow(new double[] {1, 2});
        assertThatThrownBy(() -> w.writeRow(new double[] {1, 2, 3}))
                .hasMessageContaining("row has 3 values, expected 2");
        w.abort();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> w.writeRow(new double[] {1, 2})).hasMessageContaining("closed");
    }

    @Test
    void npzRoundTripAndMalformedEntries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.npz");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("x/kernel", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        arrays.put("scalarish", NpyArray.ofFloats(new float[] {7}, 1));
        Npz.write(file, arrays);
        Map<String, NpyArray> back = Npz.read(file);
        assertThat(back.keySet()).containsExactly("x/kernel", "scalarish");
        assertThat(back.get("x/kernel").shape()).containsExactly(2, 3);
        assertThat(back.get("x/kernel").floats()).containsExactly(1, 2, 3, 4, 5, 6);

        Path truncated = dir.resolve("short.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(truncated))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            zip.write(npy("<f4", "(1000, 1000)", new byte[8]));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Npz.read(truncated))
                .hasMessageContaining("short.npz entry 'w.npy'")
                .hasMessageContaining("needs 4000000 data bytes, found 8");
        Path notNpy = dir.resolve("other.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(notNpy))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Npz.read(notNpy))
                .hasMessageContaining("entry 'readme.txt' is not a .npy array");
    }

    /** A version-1.0 .npy with the given header fields and raw data. */
    static byte[] npy(String descr, String shape, byte[] data) {
        String dict =
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length + data.length];
        byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0};
        System.arraycopy(pre, 0, out, 0, 10);
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }
}
