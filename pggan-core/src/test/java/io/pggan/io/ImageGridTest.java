package io.pggan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir Path dir;

    @Test
    void laysImagesOutRowByRowWithBlackEmptyCells() throws Exception {
        int n = 5;
        float[] batch = new float[n * 4 * 6];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(batch, i * 24, (i + 1) * 24, i / 4f * 2 - 1);
        }
        Path f = dir.resolve("grid.png");
        ImageGrid.write(f, batch, n, 1, 4, 6, 3);
        BufferedImage g = ImageIO.read(f.toFile());
        assertThat(g.getWidth()).isEqualTo(18);
        assertThat(g.getHeight()).isEqualTo(8);
        for (int i = 0; i < n; i++) {
            int x = (i % 3) * 6 + 2;
            int y = (i / 3) * 4 + 1;
            assertThat(g.getRaster().getSample(x, y, 0)).isEqualTo(ImagePng.toByte(i / 4f * 2 - 1));
        }
        assertThat(g.getRaster().getSample(15, 6, 0)).isZero(); // the sixth cell is empty
    }

    @Test
    void checksTileSizesAndShapes() {
        BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage b = new BufferedImage(4, 5, BufferedImage.TYPE_BYTE_GRAY);
        assertThatThrownBy(() -> ImageGrid.grid(List.of(a, b), 2))
                .hasMessageContaining("4x4 vs 4x5");
        assertThatThrownBy(() -> ImageGrid.grid(new float[10], 2, 1, 2, 2, 2))
                .hasMessageContaining("needs 8 values, got 10");
        assertThat(ImageGrid.defaultLayout(256, 256)).containsExactly(7, 4);
    }
}
