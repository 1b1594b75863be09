package io.pggan.metrics.msssim;

import io.pggan.metrics.Uint8Images;

/**
 * The scoring of {@link MsSsim} for one thread: buffers sized for the finest scale, the Gaussian
 * filter, the 2x2 downsampling and the five-scale product.
 */
final class MsSsimWorkspace {
    private static final int LEVELS = MsSsim.LEVELS;
    private static final int FILTER_SIZE = 11;
    private static final double FILTER_SIGMA = 1.5;
    private static final double MAX_VAL = 255.0;
    private static final double C1 = (0.01 * MAX_VAL) * (0.01 * MAX_VAL);
    private static final double C2 = (0.03 * MAX_VAL) * (0.03 * MAX_VAL);

    /** 1-D factor of MATLAB's fspecial('gaussian'); even sizes use half-integer offsets. */
    static double[] gaussianTaps(int size, double sigma) {
        double[] g = new double[size];
        double sum = 0;
        for (int k = 0; k < size; k++) {
            double p = k - (size - 1) / 2.0;
            g[k] = Math.exp(-(p * p) / (2.0 * sigma * sigma));
            sum += g[k];
        }
        for (int k = 0; k < size; k++) {
            g[k] /= sum;
        }
        return g;
    }

    private final boolean float32Products;
    final int channels;
    final int h0;
    final int w0;
    final double[] x;
    final double[] y;
    final double[] prod;
    final double[] tmp;
    final double[] muX;
    final double[] muY;
    final double[] eXX;
    final double[] eYY;
    final double[] eXY;

    MsSsimWorkspace(Uint8Images images, boolean float32Products) {
        this.float32Products = float32Products;
        channels = images.channels();
        h0 = images.height();
        w0 = images.width();
        int plane = h0 * w0;
        x = new double[channels * plane];
        y = new double[channels * plane];
        prod = new double[plane];
        tmp = new double[plane];
        muX = new double[plane];
        muY = new double[plane];
        eXX = new double[plane];
        eYY = new double[plane];
        eXY = new double[plane];
    }

    double score(Uint8Images a, int i, Uint8Images b, int j, double[][] debug) {
        int per = channels * h0 * w0;
        int baseA = i * per;
        int baseB = j * per;
        for (int k = 0; k < per; k++) {
            x[k] = a.at(baseA + k);
            y[k] = b.at(baseB + k);
        }
        int h = h0;
        int w = w0;
        double result = 1.0;
        for (int level = 0; level < LEVELS; level++) {
            int size = Math.min(FILTER_SIZE, Math.min(h, w));
            double[] taps = gaussianTaps(size, size * FILTER_SIGMA / FILTER_SIZE);
            int oh = h - size + 1;
            int ow = w - size + 1;
            double ssimSum = 0;
            double csSum = 0;
            for (int c = 0; c < channels; c++) {
                int off = c * h * w;
                filter(x, off, h, w, taps, muX);
                filter(y, off, h, w, taps, muY);
                products(x, x, off, h * w);
                filter(prod, 0, h, w, taps, eXX);
                products(y, y, off, h * w);
                filter(prod, 0, h, w, taps, eYY);
                products(x, y, off, h * w);
                filter(prod, 0, h, w, taps, eXY);
                int m = oh * ow;
                for (int k = 0; k < m; k++) {
                    double mx = muX[k];
                    double my = muY[k];
                    double mxx = mx * mx;
                    double myy = my * my;
                    double mxy = mx * my;
                    double numCs = 2.0 * (eXY[k] - mxy) + C2;
                    double denCs = (eXX[k] - mxx) + (eYY[k] - myy) + C2;
                    ssimSum += (2.0 * mxy + C1) * numCs / ((mxx + myy + C1) * denCs);
                    csSum += numCs / denCs;
                }
            }
            double denom = (double) channels * oh * ow;
            double ssim = ssimSum / denom;
            double cs = csSum / denom;
            if (debug != null) {
                debug[level][0] = ssim;
                debug[level][1] = cs;
            }
            if (level < LEVELS - 1) {
                result *= Math.pow(Math.max(cs, 0.0), MsSsim.WEIGHTS[level]);
                downsample(x, h, w);
                downsample(y, h, w);
                h /= 2;
                w /= 2;
            } else {
                result *= Math.pow(Math.max(ssim, 0.0), MsSsim.WEIGHTS[level]);
            }
        }
        return result;
    }

    private void products(double[] p, double[] q, int off, int n) {
        if (float32Products) {
            for (int k = 0; k < n; k++) {
                prod[k] = (double) ((float) p[off + k] * (float) q[off + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                prod[k] = p[off + k] * q[off + k];
            }
        }
    }

    /** Separable 'valid' filter: rows first (along W), then columns (along H). */
    private void filter(double[] src, int off, int h, int w, double[] taps, double[] out) {
        int size = taps.length;
        int ow = w - size + 1;
        int oh = h - size + 1;
        for (int r = 0; r < h; r++) {
            int s = off + r * w;
            int t = r * ow;
            for (int c = 0; c < ow; c++) {
                double acc = 0;
                for (int k = 0; k < size; k++) {
                    acc += taps[k] * src[s + c + k];
                }
                tmp[t + c] = acc;
            }
        }
        for (int r = 0; r < oh; r++) {
            int t = r * ow;
            for (int c = 0; c < ow; c++) {
                out[t + c] = 0;
            }
            for (int k = 0; k < size; k++) {
                double tk = taps[k];
                int s = (r + k) * ow;
                for (int c = 0; c < ow; c++) {
                    out[t + c] += tk * tmp[s + c];
                }
            }
        }
    }

    /** 2x2 box average with stride 2, in place, all channels. */
    private void downsample(double[] img, int h, int w) {
        int nh = h / 2;
        int nw = w / 2;
        for (int c = 0; c < channels; c++) {
            int src = c * h * w;
            int dst = c * nh * nw;
            for (int r = 0; r < nh; r++) {
                for (int q = 0; q < nw; q++) {
                    int s = src + 2 * r * w + 2 * q;
                    img[dst + r * nw + q] =
                            (img[s] + img[s + w] + img[s + 1] + img[s + w + 1]) * 0.25;
                }
            }
        }
    }
}
