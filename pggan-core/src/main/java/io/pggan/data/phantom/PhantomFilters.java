package io.pggan.data.phantom;

import java.util.SplittableRandom;

/**
 * The phantoms' image arithmetic: box and Gaussian blurs with clamped edges, area downsampling, and
 * noise that is the same on every machine (SplittableRandom and StrictMath only).
 */
final class PhantomFilters {
    private PhantomFilters() {}

    /** Approximately normal noise (Irwin-Hall of 4 uniforms): cheap, exact across machines. */
    static float fastGauss(SplittableRandom r) {
        double u = r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble();
        return (float) ((u - 2) * 1.7320508075688772);
    }

    static double gauss(SplittableRandom r) {
        // Box-Muller with StrictMath: the same numbers on every machine.
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    static void boxBlur(float[] a, int w, int h, int r) {
        float[] tmp = new float[Math.max(w, h)];
        float norm = 1f / (2 * r + 1);
        for (int y = 0; y < h; y++) {
            blurLine(a, y * w, 1, w, r, norm, tmp);
        }
        for (int x = 0; x < w; x++) {
            blurLine(a, x, w, h, r, norm, tmp);
        }
    }

    private static void blurLine(
            float[] a, int off, int step, int n, int r, float norm, float[] tmp) {
        for (int i = 0; i < n; i++) {
            tmp[i] = a[off + i * step];
        }
        double acc = 0;
        for (int i = -r; i <= r; i++) {
            acc += tmp[clamp(i, n)];
        }
        for (int i = 0; i < n; i++) {
            a[off + i * step] = (float) (acc * norm);
            acc += tmp[clamp(i + r + 1, n)] - tmp[clamp(i - r, n)];
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    static void gaussianBlur(float[] a, int w, int h, double sigma) {
        int r = (int) StrictMath.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) StrictMath.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            convolve(a, y * w, 1, w, k, r, tmp);
        }
        for (int x = 0; x < w; x++) {
            convolve(a, x, w, h, k, r, tmp);
        }
    }

    private static void convolve(
            float[] a, int off, int step, int n, float[] k, int r, float[] tmp) {
        for (int i = 0; i < n; i++) {
            tmp[i] = a[off + i * step];
        }
        for (int i = 0; i < n; i++) {
            float acc = 0;
            for (int j = -r; j <= r; j++) {
                acc += k[j + r] * tmp[clamp(i + j, n)];
            }
            a[off + i * step] = acc;
        }
    }

    static float[] downsample(float[] img, int from, int to) {
        int f = from / to;
        float[] out = new float[to * to];
        float norm = 1f / (f * f);
        for (int y = 0; y < to; y++) {
            for (int x = 0; x < to; x++) {
                float acc = 0;
                for (int dy = 0; dy < f; dy++) {
                    int row = (y * f + dy) * from + x * f;
                    for (int dx = 0; dx < f; dx++) {
                        acc += img[row + dx];
                    }
                }
                out[y * to + x] = acc * norm;
            }
        }
        return out;
    }
}
