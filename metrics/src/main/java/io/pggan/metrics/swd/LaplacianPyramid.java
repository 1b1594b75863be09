package io.pggan.metrics.swd;

/**
 * PGGAN's Laplacian pyramid for SWD in double precision: 5x5 binomial kernel {@code
 * outer([1,4,6,4,1], [1,4,6,4,1]) / 256}, reflect-101 borders (scipy 'mirror'), {@code pyr_down}
 * keeps even rows and columns, {@code pyr_up} zero-inserts and blurs with 4x the kernel. Level l is
 * {@code G_l - pyr_up(G_{l+1})}; the last level is the Gaussian {@code G_{L-1}} itself.
 */
public final class LaplacianPyramid {
    private static final double[] BINOMIAL = {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0};

    private LaplacianPyramid() {}

    /**
     * Builds the pyramid of one single-channel image.
     *
     * @param image row-major {@code h x w} values
     * @param levels number of levels (at least 1)
     * @return levels finest first; level l has size {@code (h >> l) x (w >> l)}
     */
    public static double[][] build(double[] image, int h, int w, int levels) {
        if (image.length != h * w) {
            throw new IllegalArgumentException(
                    "image has " + image.length + " values, expected " + h + "x" + w);
        }
        int f = 1 << (levels - 1);
        if (h % f != 0 || w % f != 0 || (h >> (levels - 1)) < 3 || (w >> (levels - 1)) < 3) {
            throw new IllegalArgumentException(
                    "a "
                            + levels
                            + "-level pyramid needs H and W divisible by "
                            + f
                            + " and a coarsest level of at least 3x3, got "
                            + h
                            + "x"
                            + w);
        }
        double[][] g = new double[levels][];
        g[0] = image;
        for (int l = 1; l < levels; l++) {
            g[l] = down(g[l - 1], h >> (l - 1), w >> (l - 1));
        }
        double[][] out = new double[levels][];
        for (int l = 0; l < levels - 1; l++) {
            int hl = h >> l;
            int wl = w >> l;
            double[] up = up(g[l + 1], hl / 2, wl / 2);
            double[] lap = new double[hl * wl];
            for (int k = 0; k < lap.length; k++) {
                lap[k] = g[l][k] - up[k];
            }
            out[l] = lap;
        }
        out[levels - 1] = g[levels - 1].clone();
        return out;
    }

    static int mirror(int i, int n) {
        if (i < 0) {
            return -i;
        }
        if (i >= n) {
            return 2 * n - 2 - i;
        }
        return i;
    }

    /** Blur then keep even rows and columns. */
    static double[] down(double[] x, int h, int w) {
        int nh = h / 2;
        int nw = w / 2;
        // horizontal pass, only at even columns
        double[] t = new double[h * nw];
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < nw; q++) {
                int c = 2 * q;
                double acc = 0;
                for (int k = 0; k < 5; k++) {
                    acc += BINOMIAL[k] * x[r * w + mirror(c + k - 2, w)];
                }
                t[r * nw + q] = acc;
            }
        }
        double[] out = new double[nh * nw];
        for (int p = 0; p < nh; p++) {
            int r = 2 * p;
            for (int q = 0; q < nw; q++) {
                double acc = 0;
                for (int k = 0; k < 5; k++) {
                    acc += BINOMIAL[k] * t[mirror(r + k - 2, h) * nw + q];
                }
                out[p * nw + q] = acc;
            }
        }
        return out;
    }

    /** Zero-insert to {@code 2h x 2w}, blur, multiply by 4. */
    static double[] up(double[] x, int h, int w) {
        int nh = 2 * h;
        int nw = 2 * w;
        double[] z = new double[nh * nw];
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                z[(2 * r) * nw + 2 * q] = x[r * w + q];
            }
        }
        return blur(z, nh, nw, 4.0);
    }

    static double[] blur(double[] x, int h, int w, double scale) {
        double[] t = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double acc = 0;
                for (int k = 0; k < 5; k++) {
                    acc += BINOMIAL[k] * x[r * w + mirror(c + k - 2, w)];
                }
                t[r * w + c] = acc;
            }
        }
        double[] out = new double[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double acc = 0;
                for (int k = 0; k < 5; k++) {
                    acc += BINOMIAL[k] * t[mirror(r + k - 2, h) * w + c];
                }
                out[r * w + c] = acc * scale;
            }
        }
        return out;
    }
}
