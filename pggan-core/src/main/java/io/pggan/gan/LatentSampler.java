package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * The one sampler of latent vectors z ~ N(0, I): latent {@code i} of seed {@code s} is one fixed
 * vector, computed from {@code (s, i)} alone, so a labelling worker, a metric sample, the video and
 * {@link Pggan#generate(int, long)} all see the same vector for the same index, and a distributed
 * worker can regenerate any index without the ones before it.
 *
 * <p>Vector {@code i} comes from a {@link SplittableRandom} seeded with a SplitMix64 finaliser of
 * {@code s * 0x9E3779B97F4A7C15 + i}; its values are standard normal by the Box-Muller transform,
 * two per pair of uniforms ({@code u} in (0, 1], {@code v} in [0, 1)): {@code sqrt(-2 ln u) cos(2
 * pi v)} then {@code sqrt(-2 ln u) sin(2 pi v)}.
 */
public final class LatentSampler {
    /** The sampler in words, as label sets record it. */
    public static final String DESCRIPTION =
            "N(0,1) by Box-Muller from SplittableRandom(splitmix(seed, index))";

    private LatentSampler() {}

    /**
     * Latent number {@code index} of {@code seed}.
     *
     * @param dim vector length (at least 1)
     */
    public static float[] latent(long seed, long index, int dim) {
        float[] z = new float[dim];
        fill(seed, index, z, 0, dim);
        return z;
    }

    /**
     * Latents {@code from .. from + count - 1} of {@code seed}, row after row.
     *
     * @return {@code count * dim} values
     */
    public static float[] latents(long seed, long from, int count, int dim) {
        if (count < 0 || dim < 1) {
            throw new IllegalArgumentException(
                    "count must be >= 0 and dim >= 1, got " + count + " and " + dim);
        }
        float[] out = new float[Math.multiplyExact(count, dim)];
        for (int i = 0; i < count; i++) {
            fill(seed, from + i, out, i * dim, dim);
        }
        return out;
    }

    /**
     * Latents {@code from .. from + count - 1} of {@code seed} as {@code [count, dim]}.
     *
     * @param owner manager of the result
     */
    public static NDArray latents(NDManager owner, long seed, long from, int count, int dim) {
        return owner.create(latents(seed, from, count, dim), new Shape(count, dim));
    }

    private static void fill(long seed, long index, float[] out, int offset, int dim) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, index));
        for (int j = 0; j < dim; j += 2) {
            double u = 1.0 - rnd.nextDouble();
            double v = rnd.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u));
            out[offset + j] = (float) (r * Math.cos(2 * Math.PI * v));
            if (j + 1 < dim) {
                out[offset + j + 1] = (float) (r * Math.sin(2 * Math.PI * v));
            }
        }
    }

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
