package io.pggan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.engine.PgganEngine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePngTest {
    @TempDir Path dir;

    @Test
    void officialMappingRoundsAndClips() {
        assertThat(ImagePng.toByte(-1f)).isEqualTo(0);
        assertThat(ImagePng.toByte(1f)).isEqualTo(255);
        assertThat(ImagePng.toByte(0f)).isEqualTo(128); // rint(127.5) rounds half to even: 128
        assertThat(ImagePng.toByte(-0.5f)).isEqualTo(64); // rint(63.75)
        assertThat(ImagePng.toByte(3f)).isEqualTo(255);
        assertThat(ImagePng.toByte(-7f)).isEqualTo(0);
        assertThat(ImagePng.toByte(Float.NaN)).isEqualTo(0);
        for (int b = 0; b < 256; b++) {
            assertThat(ImagePng.toByte(ImagePng.toFloat(b))).isEqualTo(b);
        }
    }

    @Test
    void grayPngDecodesToTheSamePixels() throws IOException {
        Random r = new Random(1);
        int w = 37;
        int h = 23;
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        Path f = dir.resolve("g.png");
        ImagePng.writeGray(f, v, w, h);
        BufferedImage back = ImageIO.read(f.toFile());
        assertThat(back.getWidth()).isEqualTo(w);
        assertThat(back.getHeight()).isEqualTo(h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(back.getRaster().getSample(x, y, 0))
                        .isEqualTo(ImagePng.toByte(v[y * w + x]));
            }
        }
        assertThat(ImagePng.encode(back)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void rgbPngKeepsChannels() throws IOException {
        float[] chw = new float[3 * 4 * 5];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 7) / 3f - 1f;
        }
        byte[] png = ImagePng.encode(ImagePng.toImage(chw, 3, 4, 5));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    int rgb = back.getRGB(x, y);
                    int sample = (rgb >> (16 - 8 * c)) & 0xFF;
                    assertThat(sample).isEqualTo(ImagePng.toByte(chw[c * 20 + y * 5 + x]));
                }
            }
        }
    }

    @Test
    void writesNdArraysAndRejectsBadShapes() throws IOException {
        PgganEngine engine = PgganEngine.start();
        try (NDManager m = NDManager.newBaseManager(engine.device())) {
            NDArray img = m.linspace(-1f, 1f, 64).reshape(1, 1, 8, 8);
            Path f = dir.resolve("nd.png");
            ImagePng.write(f, img);
            BufferedImage back = ImageIO.read(f.toFile());
            assertThat(back.getRaster().getSample(0, 0, 0)).isZero();
            assertThat(back.getRaster().getSample(7, 7, 0)).isEqualTo(255);
            NDArray bad = m.zeros(new Shape(2, 2, 2, 2, 2));
            assertThatThrownBy(() -> ImagePng.write(dir.resolve("bad.png"), bad))
                    .hasMessageContaining("bad.png")
                    .hasMessageContaining("(2, 2, 2, 2, 2)");
        }
        assertThatThrownBy(() -> ImagePng.write(dir.resolve("c.png"), new float[8], 2, 2, 2))
                .hasMessageContaining("channels must be 1 or 3");
        assertThatThrownBy(() -> ImagePng.writeGray(dir.resolve("c.png"), new float[5], 2, 2))
                .hasMessageContaining("needs 4 values, got 5");
        assertThat(Files.exists(dir.resolve("c.png"))).isFalse();
    }
}
