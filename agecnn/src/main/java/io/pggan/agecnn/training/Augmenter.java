package io.pggan.agecnn.training;

import java.util.Random;

/** Applies an {@link Augmentation} to images stored as {@code [C, H, W]} floats in [-1, 1]. */
public final class Augmenter {
    private static final float BACKGROUND = -1f;
    private final Augmentation augmentation;

    public Augmenter(Augmentation augmentation) {
        this.augmentation = augmentation;
    }

    /**
     * Writes an augmented copy of {@code src[srcOffset ..]} to {@code dst[dstOffset ..]}.
     *
     * @param src source images
     * @param srcOffset where the image starts in {@code src}
     * @param dst destination
     * @param dstOffset where to write in {@code dst}
     * @param channels channels
     * @param height height
     * @param width width
     * @param random the random source (one draw sequence per image)
     */
    public void apply(
            float[] src,
            int srcOffset,
            float[] dst,
            int dstOffset,
            int channels,
            int height,
            int width,
            Random random) {
        Augmentation a = augmentation;
        double angle = Math.toRadians(uniform(random, a.rotationDegrees()));
        double zoom = 1 + uniform(random, a.zoomFraction());
        double tx = uniform(random, a.shiftFraction()) * width;
        double ty = uniform(random, a.shiftFraction()) * height;
        boolean flip = a.horizontalFlip() && random.nextBoolean();
        double contrast = 1 + uniform(random, a.contrast());
        double gamma = Math.exp(uniform(random, Math.log1p(a.gamma())));
        int plane = height * width;
        if (!a.geometric()) {
            System.arraycopy(src, srcOffset, dst, dstOffset, channels * plane);
        } else {
            // Inverse mapping: for each output pixel find where it came from in the source.
            double cos = Math.cos(angle) / zoom;
            double sin = Math.sin(angle) / zoom;
            double cx = (width - 1) / 2.0;
            double cy = (height - 1) / 2.0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double ox = (flip ? (width - 1 - x) : x) - cx - tx;
                    double oy = y - cy - ty;
                    double sx = cos * ox + sin * oy + cx;
                    double sy = -sin * ox + cos * oy + cy;
                    for (int c = 0; c < channels; c++) {
                        dst[dstOffset + c * plane + y * width + x] =
                                bilinear(src, srcOffset + c * plane, width, height, sx, sy);
                    }
                }
            }
        }
        if (a.contrast() > 0 || a.gamma() > 0) {
            int n = channels * plane;
            for (int k = 0; k < n; k++) {
                double u = (dst[dstOffset + k] + 1) / 2;
                u = Math.pow(Math.max(u, 0), gamma);
                u = (u - 0.5) * contrast + 0.5;
                dst[dstOffset + k] = (float) (Math.min(Math.max(u, 0), 1) * 2 - 1);
            }
        }
    }

    private static double uniform(Random random, double max) {
        return max == 0 ? 0 : (random.nextDouble() * 2 - 1) * max;
    }

    private static float bilinear(
            float[] img, int offset, int width, int height, double x, double y) {
        if (x < -1 || y < -1 || x > width || y > height) {
            return BACKGROUND;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double v00 = pixel(img, offset, width, height, x0, y0);
        double v10 = pixel(img, offset, width, height, x0 + 1, y0);
        double v01 = pixel(img, offset, width, height, x0, y0 + 1);
        double v11 = pixel(img, offset, width, height, x0 + 1, y0 + 1);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static float pixel(float[] img, int offset, int width, int height, int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return BACKGROUND;
        }
        return img[offset + y * width + x];
    }
}
