package io.pggan.metrics.swd;

/** The 7x7 neighbourhoods of {@link SlicedWasserstein}'s descriptors, cut out of the pyramids. */
final class Neighbourhoods {
    private Neighbourhoods() {}

    /**
     * Descriptors of one pyramid level: for every centre {@code (y, x)} of {@code yx} (per image in
     * order, {@code per} each) the 7x7 neighbourhood of every channel, transposed as PGGAN stores
     * it.
     *
     * @param pyr pyramids per image and channel
     * @param l the level
     * @param yx centres as (y, x) pairs
     * @param n images
     * @param per centres per image
     * @param c channels
     * @param dim values per descriptor
     * @param hl height of the level
     * @param wl width of the level
     * @throws IllegalArgumentException naming a centre too close to the border
     */
    static double[] extract(
            double[][][][] pyr, int l, int[] yx, int n, int per, int c, int dim, int hl, int wl) {
        int nhood = SlicedWasserstein.NHOOD;
        double[] desc = new double[n * per * dim];
        for (int k = 0; k < n * per; k++) {
            int y = yx[2 * k];
            int x = yx[2 * k + 1];
            if (y < 3 || y > hl - 4 || x < 3 || x > wl - 4) {
                throw new IllegalArgumentException(
                        "patch centre (y="
                                + y
                                + ", x="
                                + x
                                + ") of level "
                                + l
                                + " is outside [3, "
                                + (hl - 4)
                                + "] x [3, "
                                + (wl - 4)
                                + "]");
            }
            int img = k / per;
            int base = k * dim;
            for (int ch = 0; ch < c; ch++) {
                double[] lev = pyr[img][ch][l];
                for (int i = 0; i < nhood; i++) {
                    for (int j = 0; j < nhood; j++) {
                        desc[base + ch * 49 + i * 7 + j] = lev[(y + j - 3) * wl + x + i - 3];
                    }
                }
            }
        }
        return desc;
    }

    /**
     * Refuses images whose pyramid of levels {@code res} is empty, does not divide H and W, or ends
     * narrower than a neighbourhood.
     */
    static void checkPyramid(int[] res, int h, int w, int minResolution, String shape) {
        if (res.length == 0) {
            throw new IllegalArgumentException(
                    "SWD: images "
                            + shape
                            + " are too small for the Laplacian pyramid (height must be >= "
                            + minResolution
                            + ")");
        }
        int f = 1 << (res.length - 1);
        if (h % f != 0 || w % f != 0) {
            throw new IllegalArgumentException(
                    "SWD: a "
                            + res.length
                            + "-level pyramid needs H and W divisible by "
                            + f
                            + ", got "
                            + shape);
        }
        if ((w >> (res.length - 1)) < SlicedWasserstein.NHOOD
                || (h >> (res.length - 1)) < SlicedWasserstein.NHOOD) {
            throw new IllegalArgumentException(
                    "SWD: the coarsest level of "
                            + shape
                            + " is narrower than a 7x7 neighbourhood");
        }
    }
}
