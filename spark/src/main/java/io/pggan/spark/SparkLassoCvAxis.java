package io.pggan.spark;

import io.pggan.latent.axis.AxisMethod;
import io.pggan.latent.axis.AxisSample;
import io.pggan.latent.axis.Direction;
import io.pggan.latent.axis.LassoCvAxis;
import io.pggan.latent.lasso.LassoCv;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The study's axis method ({@link LassoCvAxis}: LASSO of age on the latent, penalty by K-fold CV)
 * with the data pass on Spark: {@code LatentAxisFinder.builder().method(new SparkLassoCvAxis(spark,
 * cv))} finds the same direction as {@code new LassoCvAxis(cv)} (to 1e-9), with the O(n p^2) Gram
 * pass spread over the executors. The training sample comes from the driver, in {@code partitions}
 * slices.
 */
public final class SparkLassoCvAxis implements AxisMethod {
    private final SparkSession spark;
    private final LassoCv cv;
    private final int partitions;

    /** The axis fitted with {@code cv} on {@code spark}, one slice per default parallelism. */
    public SparkLassoCvAxis(SparkSession spark, LassoCv cv) {
        this(spark, cv, spark.sparkContext().defaultParallelism());
    }

    /** The same with the number of slices of the training sample. */
    public SparkLassoCvAxis(SparkSession spark, LassoCv cv, int partitions) {
        if (spark == null || cv == null) {
            throw new IllegalArgumentException("spark and lassoCv must not be null");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.spark = spark;
        this.cv = cv;
        this.partitions = partitions;
    }

    /** The same name as {@link LassoCvAxis}: it is the same method, computed elsewhere. */
    @Override
    public String name() {
        return new LassoCvAxis(cv).name();
    }

    @Override
    public Direction find(AxisSample train) {
        if (train.size() < cv.folds()) {
            throw new IllegalArgumentException(
                    "only "
                            + train.size()
                            + " training samples: fewer than the "
                            + cv.folds()
                            + " CV folds");
        }
        return Direction.of(SparkLassoCv.of(cv).fit(rows(train)).model());
    }

    private Dataset<Row> rows(AxisSample s) {
        StructType schema =
                new StructType()
                        .add("index", DataTypes.LongType, false)
                        .add("latent", DataTypes.createArrayType(DataTypes.FloatType, false))
                        .add("months", DataTypes.DoubleType, false);
        List<Row> rows = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            float[] z = s.latents()[i];
            Float[] boxed = new Float[z.length];
            for (int j = 0; j < z.length; j++) {
                boxed[j] = z[j];
            }
            rows.add(RowFactory.create((long) i, boxed, s.months()[i]));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }
}
