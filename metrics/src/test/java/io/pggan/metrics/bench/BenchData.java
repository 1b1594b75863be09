package io.pggan.metrics.bench;

import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark inputs, also written as {@code .npy} under {@code target/bench} so that the NumPy
 * reference can be timed on the same data.
 */
final class BenchData {
    static final Path DIR = Path.of("target", "bench");

    private BenchData() {}

    static Uint8Images images(String name, int n, int size, long seed) {
        Uint8Images img = TestImages.random(n, 1, size, size, seed);
        Path f = DIR.resolve("img_" + name + "_" + n + "_" + size + ".npy");
        if (!Files.exists(f)) {
            writeUint8(f, img);
        }
        return img;
    }

    static void writeUint8(Path f, Uint8Images img) {
        String dict =
                "{'descr': '|u1', 'fortran_order': False, 'shape': ("
                        + img.count()
                        + ", "
                        + img.channels()
                        + ", "
                        + img.height()
                        + ", "
                        + img.width()
                        + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int size = img.count() * img.imageSize();
        ByteBuffer bb =
                ByteBuffer.allocate(10 + header.length() + size).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        bb.putShort((short) header.length());
        bb.put(header.getBytes(StandardCharsets.ISO_8859_1));
        byte[] data = new byte[size];
        for (int i = 0; i < img.count(); i++) {
            img.copyImage(i, data, i * img.imageSize());
        }
        bb.put(data);
        try {
            Files.createDirectories(DIR);
            Files.write(f, bb.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] features(String name, int n, int d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] f = new double[n][d];
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                // correlated, non-negative like pool3 activations
                double v = Math.abs(r.nextGaussian() * 0.5 + (j % 7) * 0.05);
                f[i][j] = v;
                flat[i * d + j] = v;
            }
        }
        Path p = DIR.resolve("feat_" + name + "_" + n + "_" + d + ".npy");
        if (!Files.exists(p)) {
            Npy.write(p, NpyArray.of(flat, n, d));
        }
        return f;
    }
}
