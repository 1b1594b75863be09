package io.pggan.latent.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Conversions between generator output and AWT images. */
public final class Images {
    private Images() {}

    /** Images {@code [n, c, h, w]} with values in [-1, 1] (c = 1 grey or 3 RGB) as 8-bit images. */
    public static BufferedImage[] fromNd(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || (s.get(1) != 1 && s.get(1) != 3)) {
            throw new IllegalArgumentException("expected images [n, 1 or 3, h, w], got shape " + s);
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] v = images.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        BufferedImage[] out = new BufferedImage[n];
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            BufferedImage img =
                    new BufferedImage(
                            w,
                            h,
                            c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            int base = i * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    if (c == 1) {
                        int g = toByte(v[base + p]);
                        img.getRaster().setSample(x, y, 0, g);
                    } else {
                        int r = toByte(v[base + p]);
                        int g = toByte(v[base + plane + p]);
                        int b = toByte(v[base + 2 * plane + p]);
                        img.setRGB(x, y, (r << 16) | (g << 8) | b);
                    }
                }
            }
            out[i] = img;
        }
        return out;
    }

    private static int toByte(float x) {
        if (!Float.isFinite(x)) {
            return 0;
        }
        return Math.max(0, Math.min(255, Math.round((x + 1f) * 127.5f)));
    }

    /**
     * An RGB copy scaled so that both sides are multiples of 16 and the shorter side is at least
     * {@code minSide} (H.264 works on 16 x 16 macroblocks).
     */
    public static BufferedImage forVideo(BufferedImage src, int minSide) {
        double f = Math.max(1.0, (double) minSide / Math.min(src.getWidth(), src.getHeight()));
        int w = roundUp16((int) Math.round(src.getWidth() * f));
        int h = roundUp16((int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int roundUp16(int v) {
        return Math.max(16, (v + 15) / 16 * 16);
    }
}
