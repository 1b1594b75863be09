package io.pggan.metrics.fid;

/** Argument checks shared by the feature-based metrics. */
final class FeatureChecks {
    private FeatureChecks() {}

    /** Checks a feature matrix: rectangular, at least {@code minRows} rows, no NaN/infinity. */
    static int check(double[][] f, String name, int minRows, String metric) {
        if (f == null || f.length < minRows) {
            throw new IllegalArgumentException(
                    metric
                            + ": "
                            + name
                            + " has "
                            + (f == null ? 0 : f.length)
                            + " feature rows, at least "
                            + minRows
                            + " are needed");
        }
        int d = f[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(metric + ": " + name + " has 0 feature columns");
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].length != d) {
                throw new IllegalArgumentException(
                        metric
                                + ": "
                                + name
                                + " row "
                                + i
                                + " has "
                                + f[i].length
                                + " columns, row 0 has "
                                + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(f[i][j])) {
                    throw new IllegalArgumentException(
                            metric
                                    + ": "
                                    + name
                                    + " feature ["
                                    + i
                                    + ", "
                                    + j
                                    + "] is "
                                    + f[i][j]
                                    + " (NaN or infinite)");
                }
            }
        }
        return d;
    }

    static void sameDim(int da, int db, String metric) {
        if (da != db) {
            throw new IllegalArgumentException(
                    metric + ": feature dimensions differ: " + da + " vs " + db);
        }
    }

    static double[] flatten(double[][] f, int[] rows) {
        int d = f[0].length;
        int n = rows == null ? f.length : rows.length;
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            if (r < 0 || r >= f.length) {
                throw new IndexOutOfBoundsException(
                        "row index " + r + " outside [0, " + f.length + ")");
            }
            System.arraycopy(f[r], 0, out, i * d, d);
        }
        return out;
    }
}
