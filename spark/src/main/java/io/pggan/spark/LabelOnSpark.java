package io.pggan.spark;

import io.pggan.io.Json;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Example: label N generated images on Spark and fit the LASSO-CV age axis on the result, both
 * distributed. The master comes from {@code spark-submit --master} (or {@code -Dspark.master}); run
 * with plain {@code java} it is {@code local[*]}.
 *
 * <pre>
 * spark-submit --class io.pggan.spark.LabelOnSpark ... spark-0.1.0-SNAPSHOT.jar \
 *     gan.zip agecnn-folder cnnInputSize out [n] [partitionSize] [batchSize]
 * </pre>
 *
 * Writes {@code out/labels} (Parquet: index, latent, months) and {@code out/lasso-cv.json}.
 */
public final class LabelOnSpark {
    private LabelOnSpark() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println(
                    "usage: LabelOnSpark gan.zip agecnn-folder cnnInputSize out [n] [partitionSize]"
                            + " [batchSize]");
            System.exit(2);
        }
        Path out = Path.of(args[3]);
        long n = args.length > 4 ? Long.parseLong(args[4]) : 200_000;
        int partitionSize = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;
        int batch = args.length > 6 ? Integer.parseInt(args[6]) : 32;
        SparkConf conf = new SparkConf().setAppName("pggan label on spark");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            ModelFiles files =
                    ModelFiles.of(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
            SparkLabeler.Summary s =
                    SparkLabeler.builder()
                            .samples(n)
                            .seed(2018)
                            .partitionSize(partitionSize)
                            .batchSize(batch)
                            .build()
                            .label(spark, files, out.resolve("labels"));
            System.out.printf(
                    Locale.ROOT,
                    "labelled %d latents in %d partitions (%d skipped) in %.1f s: %.1f images/s"
                            + " on %s%n",
                    s.rowsLabelled(),
                    s.labelled(),
                    s.skipped(),
                    s.seconds(),
                    s.rowsPerSecond(),
                    spark.sparkContext().master());
            Dataset<Row> labels = spark.read().parquet(out.resolve("labels").toString());
            long t0 = System.nanoTime();
            LassoCvResult cv = SparkLassoCv.of(LassoCv.builder().build()).fit(labels);
            Json.write(out.resolve("lasso-cv.json"), cv);
            System.out.printf(
                    Locale.ROOT,
                    "LASSO-CV on Spark: alpha %.4g, %d nonzero of %d, CV MSE %.2f months^2 in %.1f"
                            + " s%n",
                    cv.selectedAlpha(),
                    cv.model().nonZero(),
                    cv.model().coef().length,
                    cv.meanMse()[cv.selectedIndex()],
                    (System.nanoTime() - t0) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
