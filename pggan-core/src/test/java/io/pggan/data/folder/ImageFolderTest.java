package io.pggan.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.data.DataException;
import io.pggan.io.ImagePng;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir Path dir;

    private static void gray(Path f, int value) {
        float[] px = new float[40 * 40];
        java.util.Arrays.fill(px, value / 127.5f - 1f);
        ImagePng.writeGray(f, px, 40, 40);
    }

    @Test
    void readsPngAndJpegInSortedOrder() throws Exception {
        gray(dir.resolve("b.png"), 200);
        gray(dir.resolve("a.png"), 10);
        BufferedImage jpg = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = jpg.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 48, 32);
        g.dispose();
        ImageIO.write(jpg, "jpg", dir.resolve("c.JPG").toFile());
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Files.createDirectories(dir.resolve("sub"));
        gray(dir.resolve("sub/d.png"), 50);
        ImageFolder f = ImageFolder.builder().folder(dir).resolution(16).build();
        assertThat(f.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("a.png", "b.png", "c.JPG");
        assertThat(f.load(0)[100]).isEqualTo(10 / 127.5f - 1f);
        assertThat(f.load(1)[100]).isEqualTo(200 / 127.5f - 1f);
        float[] c = f.load(2);
        assertThat(c[8 * 16 + 8]).isGreaterThan(0.95f); // white JPEG
        assertThat(c[0]).isEqualTo(-1f); // padding above the 48x32 image
        ImageFolder rec = ImageFolder.builder().folder(dir).resolution(16).recursive(true).build();
        assertThat(rec.size()).isEqualTo(4);
        assertThat(rec.describe(3)).endsWith("d.png");
    }

    @Test
    void clearErrors() throws Exception {
        assertThatThrownBy(() -> ImageFolder.builder().folder(dir.resolve("nope")).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("nope: image folder does not exist");
        Files.writeString(dir.resolve("x.txt"), "no images");
        assertThatThrownBy(() -> ImageFolder.builder().folder(dir).build())
                .hasMessageContaining("no PNG, JPEG or DICOM images");
        Files.writeString(dir.resolve("broken.png"), "garbage");
        ImageFolder f = ImageFolder.builder().folder(dir).resolution(8).build();
        assertThatThrownBy(() -> f.load(0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("broken.png");
        assertThatThrownBy(() -> ImageFolder.builder().folder(dir).resolution(12).build())
                .hasMessageContaining("power of two");
    }
}
