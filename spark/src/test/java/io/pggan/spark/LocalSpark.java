package io.pggan.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The tests' Spark: local[2], no UI, few shuffle partitions; one session per test class. */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession start() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("pggan-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    /** Rows (index, latent array<float>, months float) in {@code partitions} partitions. */
    static Dataset<Row> latents(SparkSession spark, float[][] x, float[] y, int partitions) {
        StructType schema =
                new StructType()
                        .add("index", DataTypes.LongType, false)
                        .add("latent", DataTypes.createArrayType(DataTypes.FloatType, false))
                        .add("months", DataTypes.FloatType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(RowFactory.create((long) i, boxed(x[i]), y[i]));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }

    static Float[] boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }
}
