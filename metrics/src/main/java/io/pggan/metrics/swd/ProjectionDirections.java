package io.pggan.metrics.swd;

import io.pggan.metrics.random.NumpyRandomState;

/** Source of the random unit projection directions of SWD, so that they can be injected. */
public interface ProjectionDirections {
    /**
     * Returns a {@code dim x count} row-major matrix whose columns have unit L2 norm, as float32
     * values; called per level (finest first) and repeat.
     */
    float[] directions(int level, int repeat, int dim, int count);

    /**
     * PGGAN's draw: {@code randn(dim, count)} from NumPy's legacy generator, columns normalised in
     * double, cast to float32.
     */
    static ProjectionDirections numpy(NumpyRandomState rng) {
        return (level, repeat, dim, count) -> {
            double[] d = rng.randn(dim * count);
            double[] norm = new double[count];
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < count; c++) {
                    norm[c] += d[r * count + c] * d[r * count + c];
                }
            }
            float[] out = new float[d.length];
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < count; c++) {
                    out[r * count + c] = (float) (d[r * count + c] / Math.sqrt(norm[c]));
                }
            }
            return out;
        };
    }

    /**
     * Given directions: {@code dirs[level][repeat]} is a {@code dim x count} row-major matrix (the
     * {@code (L, R, D, 128)} layout of the fixtures).
     */
    static ProjectionDirections explicit(float[][][] dirs) {
        return (level, repeat, dim, count) -> {
            if (level >= dirs.length || repeat >= dirs[level].length) {
                throw new IllegalArgumentException(
                        "given directions have no entry for level " + level + ", repeat " + repeat);
            }
            float[] d = dirs[level][repeat];
            if (d.length != dim * count) {
                throw new IllegalArgumentException(
                        "given directions of level "
                                + level
                                + " have "
                                + d.length
                                + " values, expected "
                                + dim
                                + "x"
                                + count);
            }
            return d;
        };
    }
}
