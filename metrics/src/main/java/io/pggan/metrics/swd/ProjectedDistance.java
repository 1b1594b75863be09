package io.pggan.metrics.swd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;

/**
 * The distance half of {@link SlicedWasserstein}: descriptors standardised per channel, projected
 * onto random directions on DJL (PyTorch), sorted, and compared entry by entry.
 */
final class ProjectedDistance {
    private ProjectedDistance() {}

    /** Per-channel standardisation (ddof 0) over all descriptors and 7x7 positions of one set. */
    static double[] normalize(SwdDescriptors s, int level) {
        int dim = s.storedDim();
        int n = s.descriptorCount();
        double[] raw = s.rawShared(level);
        double[] out = new double[n * dim];
        for (int c = 0; c < s.nativeChannels(); c++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                for (int m = 0; m < 49; m++) {
                    sum += raw[k * dim + c * 49 + m];
                }
            }
            double mean = sum / (49.0 * n);
            double sq = 0;
            for (int k = 0; k < n; k++) {
                for (int m = 0; m < 49; m++) {
                    double v = raw[k * dim + c * 49 + m] - mean;
                    sq += v * v;
                }
            }
            double sd = Math.sqrt(sq / (49.0 * n));
            if (!(sd > 0)) {
                throw new IllegalArgumentException(
                        "SWD: descriptors of level "
                                + level
                                + " channel "
                                + c
                                + " are constant (std 0), cannot normalise");
            }
            for (int k = 0; k < n; k++) {
                for (int m = 0; m < 49; m++) {
                    int p = k * dim + c * 49 + m;
                    out[p] = (raw[p] - mean) / sd;
                }
            }
        }
        return out;
    }

    /**
     * Mean over the direction repeats of the sorted-projection distance of two normalised
     * descriptor sets of one level (tiled grayscale copies counted {@code replicas} times).
     */
    static double level(
            NDManager m,
            double[] na,
            double[] nb,
            int dim,
            int replicas,
            float[][] dirs,
            int dirsPerRepeat,
            SwdPrecision precision) {
        int ka = na.length / dim;
        int kb = nb.length / dim;
        if (ka != kb) {
            throw new IllegalStateException("descriptor counts differ: " + ka + " vs " + kb);
        }
        boolean f64 = precision == SwdPrecision.FLOAT64;
        DataType dt = f64 ? DataType.FLOAT64 : DataType.FLOAT32;
        NDArray at = m.create(na, new Shape(ka, dim)).toType(dt, false).transpose();
        NDArray bt = m.create(nb, new Shape(kb, dim)).toType(dt, false).transpose();
        double sum = 0;
        for (float[] d : dirs) {
            // tiled copies are identical, so project onto the sum of the direction blocks
            double[] eff = new double[dim * dirsPerRepeat];
            for (int rep = 0; rep < replicas; rep++) {
                for (int p = 0; p < dim * dirsPerRepeat; p++) {
                    eff[p] += d[rep * dim * dirsPerRepeat + p];
                }
            }
            try (NDManager step = m.newSubManager()) {
                NDArray ddt =
                        step.create(eff, new Shape(dim, dirsPerRepeat))
                                .toType(dt, false)
                                .transpose();
                // projections as [directions, descriptors]: one contiguous row per direction
                NDArray pa = ddt.dot(at);
                NDArray pb = ddt.dot(bt);
                sum +=
                        f64
                                ? sortedDistance(pa.toDoubleArray(), pb.toDoubleArray(), ka)
                                : sortedDistance(pa.toFloatArray(), pb.toFloatArray(), ka);
            }
        }
        return sum / dirs.length;
    }

    /** Mean over all rows and entries of |sort(a_row) - sort(b_row)| (rows of length k). */
    private static double sortedDistance(double[] a, double[] b, int k) {
        int rows = a.length / k;
        double total =
                IntStream.range(0, rows)
                        .parallel()
                        .mapToDouble(
                                r -> {
                                    long[] keys = new long[k];
                                    long[] tmp = new long[k];
                                    RadixSort.sort(a, r * k, k, keys, tmp);
                                    RadixSort.sort(b, r * k, k, keys, tmp);
                                    double s = 0;
                                    for (int i = r * k; i < (r + 1) * k; i++) {
                                        s += Math.abs(a[i] - b[i]);
                                    }
                                    return s;
                                })
                        .sum();
        return total / ((double) rows * k);
    }

    private static double sortedDistance(float[] a, float[] b, int k) {
        int rows = a.length / k;
        double total =
                IntStream.range(0, rows)
                        .parallel()
                        .mapToDouble(
                                r -> {
                                    int[] keys = new int[k];
                                    int[] tmp = new int[k];
                                    RadixSort.sort(a, r * k, k, keys, tmp);
                                    RadixSort.sort(b, r * k, k, keys, tmp);
                                    double s = 0;
                                    for (int i = r * k; i < (r + 1) * k; i++) {
                                        s += Math.abs((double) a[i] - (double) b[i]);
                                    }
                                    return s;
                                })
                        .sum();
        return total / ((double) rows * k);
    }
}
