package io.pggan.metrics.msssim;

import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.random.NumpyRandomState;
import java.util.Iterator;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Multi-scale SSIM exactly as PGGAN's {@code metrics/ms_ssim.py} computes it on 8-bit images: 5
 * scales with weights {@code [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]} (not renormalised), an
 * 11-tap Gaussian window with sigma 1.5 shrinking to {@code min(11, h, w)} taps at small scales,
 * 'valid' filtering, {@code max_val = 255}, K1 = 0.01, K2 = 0.03, 2x2 box downsampling, contrast
 * structure terms of the four finer scales times SSIM of the coarsest, each clipped at 0. The
 * products {@code x*x, y*y, x*y} are rounded to float32 like the reference's float32 images (switch
 * off with {@link Builder#float32Products(boolean)} for the all-double variant).
 *
 * <p>Channels are averaged, so a grayscale image tiled to RGB gives the same value as the image
 * itself. Images must have H and W divisible by 16 (four halvings). Pairs are scored in parallel.
 */
public final class MsSsim {
    /** PGGAN's scale weights (they sum to 1.0001, as in the reference). */
    public static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private static final int LEVELS = 5;
    private static final int FILTER_SIZE = 11;
    private static final double FILTER_SIGMA = 1.5;
    private static final double MAX_VAL = 255.0;
    private static final double C1 = (0.01 * MAX_VAL) * (0.01 * MAX_VAL);
    private static final double C2 = (0.03 * MAX_VAL) * (0.03 * MAX_VAL);

    private final boolean float32Products;
    private final boolean parallel;

    private MsSsim(Builder b) {
        this.float32Products = b.float32Products;
        this.parallel = b.parallel;
    }

    /** PGGAN semantics (float32 products, parallel over pairs). */
    public static MsSsim pggan() {
        return builder().build();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link MsSsim}. */
    public static final class Builder {
        private boolean float32Products = true;
        private boolean parallel = true;

        private Builder() {}

        /** Rounds the image products to float32 like the reference (default true). */
        public Builder float32Products(boolean v) {
            this.float32Products = v;
            return this;
        }

        /** Scores pairs on all cores (default true). */
        public Builder parallel(boolean v) {
            this.parallel = v;
            return this;
        }

        /** Builds the metric. */
        public MsSsim build() {
            return new MsSsim(this);
        }
    }

    /** Checks that images are large enough and divisible for 5 scales. */
    static void checkSize(Uint8Images images) {
        int h = images.height();
        int w = images.width();
        int f = 1 << (LEVELS - 1);
        if (h < f || w < f) {
            throw new IllegalArgumentException(
                    "MS-SSIM: images "
                            + images.shapeString()
                            + " are too small for 5 scales (need H, W >= "
                            + f
                            + ")");
        }
        if (h % f != 0 || w % f != 0) {
            throw new IllegalArgumentException(
                    "MS-SSIM: image height and width must be divisible by "
                            + f
                            + " for 5 scales, got "
                            + images.shapeString());
        }
    }

    /** MS-SSIM of image {@code i} of {@code a} and image {@code j} of {@code b}. */
    public double score(Uint8Images a, int i, Uint8Images b, int j) {
        a.requireSameImageShape(b, "MS-SSIM");
        checkSize(a);
        return new Workspace(a).score(a, i, b, j, null);
    }

    /**
     * Per-scale {@code [ssim, cs]} (before clipping) of one pair, finest first; for debugging and
     * tests.
     */
    public double[][] levels(Uint8Images a, int i, Uint8Images b, int j) {
        a.requireSameImageShape(b, "MS-SSIM");
        checkSize(a);
        double[][] out = new double[LEVELS][2];
        new Workspace(a).score(a, i, b, j, out);
        return out;
    }

    /** Pairs {@code a[k]} with {@code b[k]} for every k. */
    public MsSsimResult aligned(Uint8Images a, Uint8Images b) {
        a.requireSameImageShape(b, "MS-SSIM");
        if (a.count() != b.count()) {
            throw new IllegalArgumentException(
                    "MS-SSIM aligned pairs need equal counts, got "
                            + a.shapeString()
                            + " and "
                            + b.shapeString());
        }
        int[][] pairs = new int[a.count()][];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = new int[] {k, k};
        }
        return pairs(a, b, pairs);
    }

    /** PGGAN's protocol on a fixed set: pairs (0,1), (2,3), ...; the count must be even. */
    public MsSsimResult consecutivePairs(Uint8Images images) {
        if (images.count() % 2 != 0 || images.count() == 0) {
            throw new IllegalArgumentException(
                    "MS-SSIM consecutive pairs need an even, non-zero number of images, got "
                            + images.count());
        }
        int[][] pairs = new int[images.count() / 2][];
        for (int k = 0; k < pairs.length; k++) {
            pairs[k] = new int[] {2 * k, 2 * k + 1};
        }
        return pairs(images, images, pairs);
    }

    /** Explicit pairs {@code (i, j)} into one set. */
    public MsSsimResult givenPairs(Uint8Images images, int[][] pairs) {
        return pairs(images, images, pairs);
    }

    /**
     * {@code numPairs} random pairs with {@code i != j}, drawn like {@code
     * ref_metrics.random_pairs} with NumPy's legacy RandomState: all i from {@code randint(0, N)},
     * then all j from {@code randint(0, N - 1)}, {@code j += (j >= i)}.
     */
    public MsSsimResult randomPairs(Uint8Images images, int numPairs, long seed) {
        return pairs(images, images, randomPairIndices(images.count(), numPairs, seed));
    }

    /** The random pairs {@link #randomPairs} uses. */
    public static int[][] randomPairIndices(int n, int numPairs, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("random pairs need at least 2 images, got " + n);
        }
        if (numPairs <= 0) {
            throw new IllegalArgumentException("numPairs must be positive, got " + numPairs);
        }
        NumpyRandomState rng = new NumpyRandomState(seed);
        long[] is = rng.randint(0, n, numPairs);
        long[] js = rng.randint(0, n - 1, numPairs);
        int[][] pairs = new int[numPairs][];
        for (int k = 0; k < numPairs; k++) {
            int i = (int) is[k];
            int j = (int) js[k];
            pairs[k] = new int[] {i, j >= i ? j + 1 : j};
        }
        return pairs;
    }

    /**
     * Streaming PGGAN diversity: every batch is split into consecutive pairs (its size must be
     * even); returns the mean over all pairs of all batches.
     */
    public double diversity(Iterator<Uint8Images> batches) {
        double sum = 0;
        long n = 0;
        Uint8Images first = null;
        while (batches.hasNext()) {
            Uint8Images b = batches.next();
            if (first == null) {
                first = b;
            } else {
                first.requireSameImageShape(b, "MS-SSIM diversity");
            }
            MsSsimResult r = consecutivePairs(b);
            for (double v : r.perPair()) {
                sum += v;
            }
            n += r.pairCount();
        }
        if (n == 0) {
            throw new IllegalArgumentException("MS-SSIM diversity: no image pairs were given");
        }
        return sum / n;
    }

    /** Scores {@code (a[p[0]], b[p[1]])} for every pair p. */
    public MsSsimResult pairs(Uint8Images a, Uint8Images b, int[][] pairs) {
        a.requireSameImageShape(b, "MS-SSIM");
        checkSize(a);
        if (pairs.length == 0) {
            throw new IllegalArgumentException("MS-SSIM needs at least one pair");
        }
        for (int k = 0; k < pairs.length; k++) {
            int[] p = pairs[k];
            if (p.length != 2 || p[0] < 0 || p[0] >= a.count() || p[1] < 0 || p[1] >= b.count()) {
                throw new IllegalArgumentException(
                        "MS-SSIM pair "
                                + k
                                + " "
                                + java.util.Arrays.toString(p)
                                + " is out of range for "
                                + a.count()
                                + " and "
                                + b.count()
                                + " images");
            }
        }
        double[] out = new double[pairs.length];
        int chunk = 16;
        int chunks = (pairs.length + chunk - 1) / chunk;
        IntStream range = IntStream.range(0, chunks);
        // a bar only for long runs (thousands of pairs)
        try (ProgressBar pb =
                pairs.length >= 2000
                        ? new ProgressBarBuilder()
                                .setTaskName("MS-SSIM pairs")
                                .setInitialMax(pairs.length)
                                .build()
                        : null) {
            (parallel ? range.parallel() : range)
                    .forEach(
                            c -> {
                                Workspace ws = new Workspace(a);
                                int end = Math.min(pairs.length, (c + 1) * chunk);
                                for (int k = c * chunk; k < end; k++) {
                                    out[k] = ws.score(a, pairs[k][0], b, pairs[k][1], null);
                                }
                                if (pb != null) {
                                    pb.stepBy(end - c * chunk);
                                }
                            });
        }
        double sum = 0;
        for (double v : out) {
            sum += v;
        }
        return new MsSsimResult(sum / out.length, out);
    }

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

    /** Per-thread buffers, sized for the finest scale. */
    private final class Workspace {
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

        Workspace(Uint8Images images) {
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
                    result *= Math.pow(Math.max(cs, 0.0), WEIGHTS[level]);
                    downsample(x, h, w);
                    downsample(y, h, w);
                    h /= 2;
                    w /= 2;
                } else {
                    result *= Math.pow(Math.max(ssim, 0.0), WEIGHTS[level]);
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
}
