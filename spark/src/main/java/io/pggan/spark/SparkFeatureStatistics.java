package io.pggan.spark;

import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.fid.FidCalculator;
import io.pggan.metrics.fid.FidResult;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * FID feature statistics (mean and covariance) of a feature column of a Spark data set: each
 * partition accumulates {@link FeatureStatistics} in batches, the partitions are combined by Chan's
 * pairwise update ({@link FeatureStatistics#merge}) with {@code treeReduce}, so the driver holds
 * O(d^2) and the result equals the single-machine statistics up to rounding. FID between two sets
 * then is {@link FidCalculator#compute(FeatureStatistics, FeatureStatistics)} of the two.
 */
public final class SparkFeatureStatistics {
    private static final int BATCH = 1024;

    private SparkFeatureStatistics() {}

    /** Statistics of the array column {@code column} (float or double) of {@code data}. */
    public static FeatureStatistics of(Dataset<Row> data, String column) {
        FeatureStatistics s =
                VectorRow.select(data, null, column, null)
                        .toJavaRDD()
                        .mapPartitions(SparkFeatureStatistics::partition)
                        .filter(p -> p.count() > 0)
                        .treeReduce(
                                (a, b) -> {
                                    a.merge(b);
                                    return a;
                                },
                                2);
        return s;
    }

    /** FID between the feature columns of two data sets. */
    public static FidResult fid(Dataset<Row> a, Dataset<Row> b, String column) {
        return FidCalculator.compute(of(a, column), of(b, column));
    }

    private static Iterator<FeatureStatistics> partition(Iterator<VectorRow> it) {
        FeatureStatistics s = null;
        double[] batch = null;
        int rows = 0;
        int dim = 0;
        while (it.hasNext()) {
            double[] x = it.next().getX();
            if (x == null) {
                throw new IllegalArgumentException("a feature row is null");
            }
            if (s == null) {
                dim = x.length;
                s = new FeatureStatistics(dim);
                batch = new double[BATCH * dim];
            } else if (x.length != dim) {
                throw new IllegalArgumentException(
                        "feature rows of length " + dim + " and " + x.length + " in one set");
            }
            System.arraycopy(x, 0, batch, rows * dim, dim);
            if (++rows == BATCH) {
                s.add(batch, rows);
                rows = 0;
            }
        }
        if (s == null) {
            return List.of(new FeatureStatistics(1)).iterator();
        }
        if (rows > 0) {
            s.add(java.util.Arrays.copyOf(batch, rows * dim), rows);
        }
        return List.of(s).iterator();
    }
}
