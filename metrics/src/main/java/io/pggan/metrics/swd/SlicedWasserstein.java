package io.pggan.metrics.swd;

import ai.djl.ndarray.NDManager;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.random.NumpyRandomState;
import java.util.Iterator;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * PGGAN's sliced Wasserstein distance on Laplacian pyramids ({@code
 * metrics/sliced_wasserstein.py}): levels from the image height down to 16, 128 random 7x7
 * neighbourhoods per image and level, descriptors normalised per channel and per set, 4 repeats of
 * 128 random unit directions, mean absolute difference of the sorted projections, times 1e3. Both
 * sets must hold the same number of images. Patch centres and directions are injectable ({@link
 * PatchCentres}, {@link ProjectionDirections}); {@link #compute(Uint8Images, Uint8Images, long)}
 * reproduces PGGAN's NumPy draw order for a seed.
 *
 * <p>Pyramids and descriptors are computed in double in Java; projections and sorts run on DJL
 * (PyTorch) in float64 or float32 ({@link SwdPrecision}).
 */
public final class SlicedWasserstein {
    /** Neighbourhood size. */
    public static final int NHOOD = 7;

    private final GrayMode gray;
    private final SwdPrecision precision;
    private final int nhoodsPerImage;
    private final int dirRepeats;
    private final int dirsPerRepeat;
    private final int minResolution;
    private final int minibatch;

    private SlicedWasserstein(Builder b) {
        this.gray = b.gray;
        this.precision = b.precision;
        this.nhoodsPerImage = b.nhoodsPerImage;
        this.dirRepeats = b.dirRepeats;
        this.dirsPerRepeat = b.dirsPerRepeat;
        this.minResolution = b.minResolution;
        this.minibatch = b.minibatch;
    }

    /** PGGAN's settings: tile grayscale, 128 neighbourhoods, 4 x 128 directions, down to 16. */
    public static SlicedWasserstein pggan() {
        return builder().build();
    }

    /** Returns a builder with PGGAN's settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link SlicedWasserstein}. */
    public static final class Builder {
        private GrayMode gray = GrayMode.TILE;
        private SwdPrecision precision = SwdPrecision.FLOAT64;
        private int nhoodsPerImage = 128;
        private int dirRepeats = 4;
        private int dirsPerRepeat = 128;
        private int minResolution = 16;
        private int minibatch = 0;

        private Builder() {}

        /** Grayscale handling (default {@link GrayMode#TILE}, PGGAN). */
        public Builder gray(GrayMode v) {
            this.gray = v;
            return this;
        }

        /** Projection arithmetic (default float64). */
        public Builder precision(SwdPrecision v) {
            this.precision = v;
            return this;
        }

        /** Neighbourhoods per image and level (default 128). */
        public Builder nhoodsPerImage(int v) {
            this.nhoodsPerImage = positive(v, "nhoodsPerImage");
            return this;
        }

        /** Direction repeats (default 4). */
        public Builder dirRepeats(int v) {
            this.dirRepeats = positive(v, "dirRepeats");
            return this;
        }

        /** Directions per repeat (default 128). */
        public Builder dirsPerRepeat(int v) {
            this.dirsPerRepeat = positive(v, "dirsPerRepeat");
            return this;
        }

        /** Coarsest level height (default 16). */
        public Builder minResolution(int v) {
            this.minResolution = positive(v, "minResolution");
            return this;
        }

        /**
         * Minibatch size of the seeded protocol (it fixes the order of random draws); 0 = PGGAN's
         * {@code clip(8192 / H, 4, 256)}.
         */
        public Builder minibatch(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("minibatch must be >= 0, got " + v);
            }
            this.minibatch = v;
            return this;
        }

        /** Builds the metric. */
        public SlicedWasserstein build() {
            return new SlicedWasserstein(this);
        }

        private static int positive(int v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + v);
            }
            return v;
        }
    }

    /** Level heights for an image height: H, H/2, ... while at least the minimum (16). */
    public int[] resolutions(int height) {
        int n = 0;
        for (int r = height; r >= minResolution; r /= 2) {
            n++;
        }
        int[] res = new int[n];
        int k = 0;
        for (int r = height; r >= minResolution; r /= 2) {
            res[k++] = r;
        }
        return res;
    }

    /** PGGAN's evaluation minibatch for the seeded protocol. */
    public int minibatchFor(int height) {
        if (minibatch > 0) {
            return minibatch;
        }
        return Math.max(4, Math.min(256, 8192 / height));
    }

    private int[] checkImages(int c, int h, int w, String shape) {
        int[] res = resolutions(h);
        Neighbourhoods.checkPyramid(res, h, w, minResolution, shape);
        return res;
    }

    /** Creates an empty descriptor set for images of the given shape. */
    public SwdDescriptors newDescriptors(int channels, int height, int width) {
        String shape = "[N, " + channels + ", " + height + ", " + width + "]";
        int[] res = checkImages(channels, height, width, shape);
        int replicas = channels == 1 && gray == GrayMode.TILE ? 3 : 1;
        return new SwdDescriptors(res, channels, replicas, height, width);
    }

    /** Describes every batch with centres from {@code centres}, in order. */
    public SwdDescriptors describe(Iterator<Uint8Images> batches, PatchCentres centres) {
        SwdDescriptors d = null;
        while (batches.hasNext()) {
            Uint8Images b = batches.next();
            if (d == null) {
                d = newDescriptors(b.channels(), b.height(), b.width());
            }
            addBatch(d, b, centres);
        }
        if (d == null) {
            throw new IllegalArgumentException("SWD: no images were given");
        }
        d.trim();
        return d;
    }

    /** Adds one minibatch to a descriptor set (one call of {@code centres} per level). */
    public void addBatch(SwdDescriptors d, Uint8Images batch, PatchCentres centres) {
        if (batch.channels() != d.nativeChannels()
                || batch.height() != d.height()
                || batch.width() != d.width()) {
            throw new IllegalArgumentException(
                    "SWD: image shapes differ: "
                            + batch.shapeString()
                            + " vs [N, "
                            + d.nativeChannels()
                            + ", "
                            + d.height()
                            + ", "
                            + d.width()
                            + "]");
        }
        int levels = d.resolutions().length;
        int n = batch.count();
        int c = batch.channels();
        int h = batch.height();
        int w = batch.width();
        // pyramids of every image and channel, in parallel
        double[][][][] pyr = new double[n][c][][];
        IntStream.range(0, n * c)
                .parallel()
                .forEach(
                        t -> {
                            int i = t / c;
                            int ch = t % c;
                            double[] img = new double[h * w];
                            for (int y = 0; y < h; y++) {
                                for (int x = 0; x < w; x++) {
                                    img[y * w + x] = batch.get(i, ch, y, x);
                                }
                            }
                            pyr[i][ch] = LaplacianPyramid.build(img, h, w, levels);
                        });
        int dim = d.storedDim();
        int per = nhoodsPerImage;
        for (int l = 0; l < levels; l++) {
            int hl = h >> l;
            int wl = w >> l;
            int[] yx = centres.draw(l, n, per, hl, wl);
            if (yx.length != 2 * n * per) {
                throw new IllegalArgumentException(
                        "patch centres: expected " + 2 * n * per + " values, got " + yx.length);
            }
            double[] desc = Neighbourhoods.extract(pyr, l, yx, n, per, c, dim, hl, wl);
            d.append(l, desc, desc.length);
        }
        d.addImages(n);
    }

    /**
     * SWD x 1e3 between two described sets with the given directions. Directions are requested per
     * level (finest first), then per repeat.
     */
    public SwdResult distance(SwdDescriptors a, SwdDescriptors b, ProjectionDirections dirs) {
        if (a.imageCount() != b.imageCount()
                || a.dim() != b.dim()
                || a.height() != b.height()
                || a.width() != b.width()) {
            throw new IllegalArgumentException(
                    "SWD needs the same number and shape of images in both sets, got "
                            + a.imageCount()
                            + " images of "
                            + a.height()
                            + "x"
                            + a.width()
                            + " (D="
                            + a.dim()
                            + ") and "
                            + b.imageCount()
                            + " of "
                            + b.height()
                            + "x"
                            + b.width()
                            + " (D="
                            + b.dim()
                            + ")");
        }
        if (a.imageCount() == 0) {
            throw new IllegalArgumentException("SWD needs at least one image per set");
        }
        int[] res = a.resolutions();
        double[] per = new double[res.length];
        // a bar only for long runs (about 100,000 descriptors per level and more)
        boolean showProgress = a.descriptorCount() >= 100_000;
        try (NDManager manager = NDManager.newBaseManager();
                ProgressBar pb =
                        showProgress
                                ? new ProgressBarBuilder()
                                        .setTaskName("SWD levels")
                                        .setInitialMax(res.length)
                                        .build()
                                : null) {
            for (int l = 0; l < res.length; l++) {
                try (NDManager step = manager.newSubManager()) {
                    double[] na = ProjectedDistance.normalize(a, l);
                    double[] nb = ProjectedDistance.normalize(b, l);
                    float[][] dl = new float[dirRepeats][];
                    for (int r = 0; r < dirRepeats; r++) {
                        dl[r] = dirs.directions(l, r, a.dim(), dirsPerRepeat);
                    }
                    per[l] =
                            1e3
                                    * ProjectedDistance.level(
                                            step,
                                            na,
                                            nb,
                                            a.storedDim(),
                                            a.replicas(),
                                            dl,
                                            dirsPerRepeat,
                                            precision);
                }
                if (pb != null) {
                    pb.step();
                }
            }
        }
        double avg = 0;
        for (double v : per) {
            avg += v;
        }
        return new SwdResult(res, per, avg / per.length);
    }

    /**
     * Seeded SWD with PGGAN's draw order (without its 10 warm-up minibatches): {@code
     * RandomState(seed)}; centres for set a per minibatch and level (x, then y); {@code L*4}
     * discarded {@code randn(D, 128)} (PGGAN's reals-vs-reals pass); centres for set b; then the
     * directions per level and repeat.
     */
    public SwdResult compute(Uint8Images a, Uint8Images b, long seed) {
        checkPair(a, b);
        NumpyRandomState rng = new NumpyRandomState(seed);
        PatchCentres centres = PatchCentres.numpy(rng);
        int mb = minibatchFor(a.height());
        SwdDescriptors da = describe(batches(a, mb), centres);
        for (int k = 0; k < da.resolutions().length * dirRepeats; k++) {
            rng.randn(da.dim() * dirsPerRepeat);
        }
        SwdDescriptors db = describe(batches(b, mb), centres);
        return distance(da, db, ProjectionDirections.numpy(rng));
    }

    /** SWD with given centres for each set and given directions. */
    public SwdResult compute(
            Uint8Images a,
            Uint8Images b,
            PatchCentres centresA,
            PatchCentres centresB,
            ProjectionDirections dirs) {
        checkPair(a, b);
        int mb = minibatchFor(a.height());
        SwdDescriptors da = describe(batches(a, mb), centresA);
        SwdDescriptors db = describe(batches(b, mb), centresB);
        return distance(da, db, dirs);
    }

    private static void checkPair(Uint8Images a, Uint8Images b) {
        a.requireSameImageShape(b, "SWD");
        if (a.count() != b.count()) {
            throw new IllegalArgumentException(
                    "SWD needs the same number of images in both sets, got "
                            + a.shapeString()
                            + " and "
                            + b.shapeString());
        }
        if (a.count() == 0) {
            throw new IllegalArgumentException("SWD needs at least one image per set");
        }
    }

    /** Splits a set into minibatches of {@code size}. */
    public static Iterator<Uint8Images> batches(Uint8Images images, int size) {
        return new Iterator<>() {
            int next = 0;

            @Override
            public boolean hasNext() {
                return next < images.count();
            }

            @Override
            public Uint8Images next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int end = Math.min(images.count(), next + size);
                Uint8Images s = images.slice(next, end);
                next = end;
                return s;
            }
        };
    }
}
