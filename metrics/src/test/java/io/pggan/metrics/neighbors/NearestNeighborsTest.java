package io.pggan.metrics.neighbors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.metrics.TestImages;
import io.pggan.metrics.Uint8Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestNeighborsTest {
    @Test
    void aTrainingImageFindsItselfAtDistanceZeroAndTheGridIsWritten(@TempDir Path dir)
            throws IOException {
        Uint8Images train = TestImages.random(12, 1, 16, 16, 1);
        Uint8Images query = train.select(new int[] {5, 0, 11});
        NeighborResult r = NearestNeighbors.pixel(query, train, 3, false);
        assertThat(r.index()[0][0]).isEqualTo(5);
        assertThat(r.index()[1][0]).isEqualTo(0);
        assertThat(r.index()[2][0]).isEqualTo(11);
        for (double[] d : r.distance()) {
            assertThat(d[0]).isZero();
            assertThat(d[1]).isPositive().isLessThanOrEqualTo(d[2]);
        }
        NeighborResult self = NearestNeighbors.pixel(train, train, 1, true);
        assertThat(self.index()[5][0]).isNotEqualTo(5);
        Path png = dir.resolve("nn.png");
        NearestNeighbors.writeGrid(png, query, train, r, 10);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getHeight()).isEqualTo(2 + 3 * 18);
        assertThat(img.getWidth()).isEqualTo(2 + 16 + 8 + 3 * 18);
        // top-left pixel of the first generated image
        assertThat(img.getRGB(2, 2) & 0xFF).isEqualTo(query.get(0, 0, 0, 0));
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void badInputsGetClearErrors() {
        Uint8Images a = TestImages.random(4, 1, 16, 16, 1);
        assertThatThrownBy(
                        () ->
                                NearestNeighbors.pixel(
                                        a, TestImages.random(4, 3, 16, 16, 1), 1, false))
                .hasMessageContaining("[4, 1, 16, 16]");
        assertThatThrownBy(() -> NearestNeighbors.pixel(a, a, 4, true))
                .hasMessageContaining("k = 4");
        assertThatThrownBy(
                        () ->
                                NearestNeighbors.features(
                                        new double[][] {{1, Double.NaN}},
                                        new double[][] {{1, 2}},
                                        1,
                                        false))
                .hasMessageContaining("NaN");
    }
}
