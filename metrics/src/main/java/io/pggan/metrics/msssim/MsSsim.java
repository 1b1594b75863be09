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

    /** Number of scales. */
    static final int LEVELS = 5;

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
        return new MsSsimWorkspace(a, float32Products).score(a, i, b, j, null);
    }

    /**
     * Per-scale {@code [ssim, cs]} (before clipping) of one pair, finest first; for debugging and
     * tests.
     */
    public double[][] levels(Uint8Images a, int i, Uint8Images b, int j) {
        a.requireSameImageShape(b, "MS-SSIM");
        checkSize(a);
        double[][] out = new double[LEVELS][2];
        new MsSsimWorkspace(a, float32Products).score(a, i, b, j, out);
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
                                MsSsimWorkspace ws = new MsSsimWorkspace(a, float32Products);
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
}
