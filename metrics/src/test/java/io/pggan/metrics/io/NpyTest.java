package io.pggan.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.metrics.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @Test
    void roundTripsFloat64AndReadsFixtureDtypes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.writeFloat64(f, new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, -6.5});
        NpyArray a = Npy.read(f);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.doubles()).containsExactly(1, 2, 3, 4, 5, -6.5);
        double[][] m = Npy.readMatrix(f);
        assertThat(m[1]).containsExactly(4, 5, -6.5);
        Npy.writeFloat64(f, new int[] {6}, new double[6]);
        assertThatThrownBy(() -> Npy.readMatrix(f)).hasMessageContaining("2-D");
        assertThat(Fixtures.npy("swd_rgb_coords_a.npy").descr()).isEqualTo("<i2");
        assertThat(Fixtures.npy("img_rgb_a.npy").shape()).containsExactly(8, 3, 64, 64);
    }

    @Test
    void rejectsTruncatedAndMalformedFiles(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.writeFloat64(f, new int[] {4}, new double[] {1, 2, 3, 4});
        byte[] b = Files.readAllBytes(f);
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 8);
        assertThatThrownBy(() -> Npy.parse(cut, "cut.npy"))
                .hasMessageContaining("cut.npy")
                .hasMessageContaining("need 32");
        assertThatThrownBy(() -> Npy.parse(new byte[20], "zero.npy")).hasMessageContaining("magic");
        String h =
                new String(b, 10, b.length - 10 - 32, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] big = b.clone();
        byte[] replaced =
                h.replace("<f8", ">f8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(replaced, 0, big, 10, replaced.length);
        assertThatThrownBy(() -> Npy.parse(big, "be.npy")).hasMessageContaining("'>f8'");
    }
}
