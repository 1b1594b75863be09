package io.pggan.metrics;

import java.util.Random;

/** Synthetic 8-bit images for property tests: smooth gradients, blobs and noise. */
public final class TestImages {
    private TestImages() {}

    /** {@code n} random images of shape {@code [n, c, h, w]}. */
    public static Uint8Images random(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n * c * h * w];
        for (int i = 0; i < n; i++) {
            double bx = r.nextDouble() * w;
            double by = r.nextDouble() * h;
            double s = 2 + r.nextDouble() * h / 4.0;
            double base = r.nextDouble() * 100;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double d2 = (x - bx) * (x - bx) + (y - by) * (y - by);
                        double v =
                                base
                                        + 60.0 * x / w
                                        + 120 * Math.exp(-d2 / (2 * s * s))
                                        + r.nextGaussian() * 8;
                        b[((i * c + ch) * h + y) * w + x] =
                                (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                    }
                }
            }
        }
        return Uint8Images.of(b, n, c, h, w);
    }
}
