package io.pggan.latent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

    @Test
    void writesRowsIncrementallyAndPatchesTheHeader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("z.npy");
        try (NpyWriter w = NpyWriter.open(f, NpyWriter.Dtype.FLOAT32, 3)) {
            for (int i = 0; i < 10_000; i++) {
                w.writeRow(new float[] {i, -i, 0.5f});
            }
            // nothing is visible under the final name until close
            assertThat(f).doesNotExist();
        }
        NpyArray a = NpyArray.read(f);
        assertThat(a.shape()).containsExactly(10_000, 3);
        assertThat(Files.size(f)).isEqualTo(128 + 10_000 * 3 * 4);
        assertThat(a.data()[3 * 9_999 + 1]).isEqualTo(-9_999.0);
        assertThat(NpyArray.readHeader(f)).containsExactly(10_000, 3);

        Path scalars = dir.resolve("m.npy");
        try (NpyWriter w = NpyWriter.open(scalars, NpyWriter.Dtype.FLOAT64)) {
            w.writeRow(new double[] {1.25});
            w.writeRow(new double[] {2.5});
        }
        assertThat(NpyArray.read(scalars).shape()).containsExactly(2);
        assertThat(NpyArray.read(scalars).data()).containsExactly(1.25, 2.5);
    }

    @Test
    void abortLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npy");
        NpyWriter w = NpyWriter.open(f, NpyWriter.Dtype.FLOAT64, 2);
        w.writeRow(new double[] {1, 2});
        assertThatThrownBy(() -> w.writeRow(new double[] {1, 2, 3}))
                .hasMessageContaining("row has 3 values, expected 2");
        w.abort();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThatThrownBy(() -> w.writeRow(new double[] {1, 2})).hasMessageContaining("closed");
    }
}
