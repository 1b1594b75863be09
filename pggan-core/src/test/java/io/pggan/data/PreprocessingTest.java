package io.pggan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void areaResizeAveragesExactlyForIntegerFactors() {
        float[] src = new float[8 * 8];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        float[] out = Preprocessing.resizeArea(src, 8, 8, 2, 2);
        // Top-left 4x4 block: rows 0..3, cols 0..3 -> mean of (8y + x).
        assertThat(out[0]).isCloseTo(13.5f, offset(1e-4f));
        assertThat(out[3]).isCloseTo(49.5f, offset(1e-4f));
    }

    @Test
    void areaResizePreservesTheMeanForFractionalFactors() {
        java.util.Random r = new java.util.Random(3);
        float[] src = new float[50 * 50];
        double mean = 0;
        for (int i = 0; i < src.length; i++) {
            src[i] = r.nextFloat() * 255;
            mean += src[i];
        }
        mean /= src.length;
        float[] out = Preprocessing.resizeArea(src, 50, 50, 16, 16);
        double m2 = 0;
        for (float v : out) {
            m2 += v;
        }
        assertThat(m2 / out.length).isCloseTo(mean, offset(1e-3));
    }

    @Test
    void convertsColourAnd16BitToGrayInMinusOneToOne() {
        BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                rgb.setRGB(x, y, 0x00FF00);
            }
        }
        float[] g = new Preprocessing(4, SquareMode.PAD).apply(rgb, "rgb");
        assertThat(g[0]).isCloseTo((float) (0.587 * 255 / 127.5 - 1), offset(1e-4f));
        BufferedImage u16 = new BufferedImage(32, 32, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                u16.getRaster().setSample(x, y, 0, 65535);
            }
        }
        assertThat(new Preprocessing(8, SquareMode.CROP).apply(u16, "u16")).containsOnly(1f);
    }

    @Test
    void rejectsBadSettingsAndTinyImages() {
        assertThatThrownBy(() -> new Preprocessing(48, SquareMode.PAD))
                .hasMessageContaining("power of two")
                .hasMessageContaining("48");
        assertThatThrownBy(() -> new Preprocessing(2, SquareMode.PAD))
                .hasMessageContaining("got 2");
        BufferedImage tiny = new BufferedImage(20, 40, BufferedImage.TYPE_BYTE_GRAY);
        assertThatThrownBy(() -> new Preprocessing(32, SquareMode.PAD).apply(tiny, "x/tiny.png"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("x/tiny.png: image is 20x40 pixels");
    }

    @Test
    void serialisesToReadableJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Preprocessing p = new Preprocessing(256, SquareMode.CROP);
        String text = json.writeValueAsString(p);
        assertThat(text).contains("\"resolution\":256").contains("\"squareMode\":\"CROP\"");
        assertThat(json.readValue(text, Preprocessing.class)).isEqualTo(p);
    }
}
