package io.pggan.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.data.DataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny IDX files made here; the Fashion-MNIST package is never read by tests. */
class IdxImagesTest {
    @TempDir Path dir;

    static byte[] idx(int type, int dims, int[] sizes, int pixelBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(type);
        d.writeByte(dims);
        for (int s : sizes) {
            d.writeInt(s);
        }
        for (int i = 0; i < pixelBytes; i++) {
            d.writeByte(i * 7 % 256);
        }
        return b.toByteArray();
    }

    Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o =
                gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            o.write(bytes);
        }
        return f;
    }

    @Test
    void readsPlainAndGzippedImagesPaddedToAPowerOfTwo() throws IOException {
        byte[] data = idx(8, 3, new int[] {3, 5, 6}, 3 * 5 * 6);
        for (boolean gz : new boolean[] {false, true}) {
            IdxImages im = IdxImages.read(write("a" + gz + ".idx", data, gz));
            assertThat(im.size()).isEqualTo(3);
            assertThat(im.rows()).isEqualTo(5);
            assertThat(im.columns()).isEqualTo(6);
            assertThat(im.resolution()).isEqualTo(8);
            float[] img = im.load(2);
            assertThat(img).hasSize(64);
            // 5x6 centred in 8x8: rows 1..5, columns 1..6; the border is black (-1).
            assertThat(img[0]).isEqualTo(-1f);
            assertThat(img[7 * 8 + 7]).isEqualTo(-1f);
            int first = (2 * 30) * 7 % 256; // image 2's pixel (0, 0)
            assertThat(img[1 * 8 + 1]).isCloseTo(first / 127.5f - 1f, within(1e-6f));
            int last = (2 * 30 + 29) * 7 % 256; // pixel (4, 5)
            assertThat(img[5 * 8 + 6]).isCloseTo(last / 127.5f - 1f, within(1e-6f));
            assertThat(im.raw(2)[0] & 0xFF).isEqualTo(first);
        }
    }

    @Test
    void resizesAndLimits() throws IOException {
        Path f = write("b.idx.gz", idx(8, 3, new int[] {4, 8, 8}, 256), true);
        IdxImages small = IdxImages.read(f, 4, 2, 1 << 20);
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.resolution()).isEqualTo(4);
        float[] full = IdxImages.read(f).load(1);
        float[] half = small.load(1);
        // area resize: each output pixel is the mean of a 2x2 block
        double mean = (full[2 * 8 + 2] + full[2 * 8 + 3] + full[3 * 8 + 2] + full[3 * 8 + 3]) / 4.0;
        assertThat((double) half[1 * 4 + 1]).isCloseTo(mean, within(1e-5));
        assertThatThrownBy(() -> small.load(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void badHeadersAreRefusedBeforeAllocatingAndNamed() throws IOException {
        Path notIdx = write("x.idx", new byte[] {1, 2, 8, 3, 0, 0, 0, 1}, false);
        assertThatThrownBy(() -> IdxImages.read(notIdx))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("x.idx")
                .hasMessageContaining("not an IDX file");
        Path floats = write("f.idx", idx(0x0D, 3, new int[] {1, 2, 2}, 16), false);
        assertThatThrownBy(() -> IdxImages.read(floats)).hasMessageContaining("type byte");
        Path labels = write("l.idx", idx(8, 1, new int[] {3}, 3), false);
        assertThatThrownBy(() -> IdxImages.read(labels)).hasMessageContaining("label file");
        Path zero = write("z.idx", idx(8, 3, new int[] {0, 28, 28}, 0), false);
        assertThatThrownBy(() -> IdxImages.read(zero)).hasMessageContaining("count");
        Path wide = write("w.idx", idx(8, 3, new int[] {1, 28, 100_000}, 0), false);
        assertThatThrownBy(() -> IdxImages.read(wide)).hasMessageContaining("columns");
        Path negative = write("n.idx", idx(8, 3, new int[] {1, -28, 28}, 0), false);
        assertThatThrownBy(() -> IdxImages.read(negative)).hasMessageContaining("rows");
        // A header promising 2^31 - 1 images of 4096 x 4096: refused from the header alone.
        Path huge =
                write("h.idx.gz", idx(8, 3, new int[] {Integer.MAX_VALUE, 4096, 4096}, 10), true);
        assertThatThrownBy(() -> IdxImages.read(huge))
                .hasMessageContaining("h.idx.gz")
                .hasMessageContaining("more than the limit");
        Path big = write("g.idx", idx(8, 3, new int[] {100, 28, 28}, 0), false);
        assertThatThrownBy(() -> IdxImages.read(big, 0, 1000, 1000))
                .hasMessageContaining("more than the limit of 1000 bytes");
        Path shortFile = write("s.idx.gz", idx(8, 3, new int[] {3, 4, 4}, 40), true);
        assertThatThrownBy(() -> IdxImages.read(shortFile))
                .hasMessageContaining("truncated")
                .hasMessageContaining("48 bytes")
                .hasMessageContaining("has 40");
        Path longFile = write("t.idx", idx(8, 3, new int[] {3, 4, 4}, 49), false);
        assertThatThrownBy(() -> IdxImages.read(longFile)).hasMessageContaining("more pixel data");
        Path header = write("e.idx", new byte[] {0, 0, 8, 3, 0, 0}, false);
        assertThatThrownBy(() -> IdxImages.read(header))
                .hasMessageContaining("truncated IDX header");
        Path empty = write("empty.idx", new byte[0], false);
        assertThatThrownBy(() -> IdxImages.read(empty)).hasMessageContaining("empty.idx");
    }
}
