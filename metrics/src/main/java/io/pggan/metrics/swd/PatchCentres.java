package io.pggan.metrics.swd;

import io.pggan.metrics.random.NumpyRandomState;

/**
 * Source of the 7x7 neighbourhood centres, so that seeded or given centres can be injected. Called
 * once per minibatch and level, finest level first, minibatches in order.
 */
public interface PatchCentres {
    /**
     * Returns {@code images * perImage} centres as {@code [y0, x0, y1, x1, ...]} for one level;
     * centres {@code k*perImage .. k*perImage+perImage-1} belong to image k of the batch. Every
     * centre must lie in {@code [3, H-4] x [3, W-4]}.
     */
    int[] draw(int level, int images, int perImage, int height, int width);

    /**
     * PGGAN's draw: {@code x = randint(3, W-3, n)} then {@code y = randint(3, H-3, n)} from NumPy's
     * legacy generator.
     */
    static PatchCentres numpy(NumpyRandomState rng) {
        return (level, images, perImage, height, width) -> {
            int n = images * perImage;
            long[] xs = rng.randint(3, width - 3, n);
            long[] ys = rng.randint(3, height - 3, n);
            int[] out = new int[2 * n];
            for (int k = 0; k < n; k++) {
                out[2 * k] = (int) ys[k];
                out[2 * k + 1] = (int) xs[k];
            }
            return out;
        };
    }

    /**
     * Given centres: {@code centres[level]} holds {@code [y, x]} pairs for all descriptors of the
     * set, consumed in order (the {@code (L, N*128, 2)} layout of the fixtures, flattened per
     * level).
     */
    static PatchCentres explicit(int[][] centres) {
        int[] offsets = new int[centres.length];
        return (level, images, perImage, height, width) -> {
            if (level >= centres.length) {
                throw new IllegalArgumentException(
                        "given patch centres have "
                                + centres.length
                                + " levels, level "
                                + level
                                + " was requested");
            }
            int n = 2 * images * perImage;
            if (offsets[level] + n > centres[level].length) {
                throw new IllegalArgumentException(
                        "given patch centres of level "
                                + level
                                + " hold "
                                + centres[level].length / 2
                                + " centres, more were requested");
            }
            int[] out = new int[n];
            System.arraycopy(centres[level], offsets[level], out, 0, n);
            offsets[level] += n;
            return out;
        };
    }
}
