package io.pggan.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints numbers, asserts nothing. Run one at a time under the heavy lock:
 *
 * <pre>
 * flock /tmp/heavy.lock mvn -B -ntp -o -q -pl spark test -Dtest=SparkBenchmark#labelling \
 *     -DexcludedTestGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.gan=gan.zip -Dbench.agecnn=agecnn-folder -Dbench.cnnInput=72 -Dbench.n=2000
 * ... -Dtest=SparkBenchmark#lasso -Dbench.rows=200000 -Dbench.p=512
 * </pre>
 *
 * Labelling: the same model with {@link LatentLabeler} in this JVM, then {@link SparkLabeler} on
 * {@code local[1]} and {@code local[2]}, {@code bench.repeats} times alternating. LASSO: {@link
 * LassoCv} on rows held in memory against {@link SparkLassoCv} on {@code local[2]} over the same
 * rows generated on the fly from (seed, index), so Spark never holds the data.
 */
@Tag("benchmark")
class SparkBenchmark {
    private static final Locale R = Locale.ROOT;

    @Test
    void labelling() throws Exception {
        Path gan = Path.of(System.getProperty("bench.gan"));
        Path age = Path.of(System.getProperty("bench.agecnn"));
        int input = Integer.getInteger("bench.cnnInput", 72);
        int n = Integer.getInteger("bench.n", 2000);
        int batch = Integer.getInteger("bench.batch", 32);
        int part = Integer.getInteger("bench.partition", 250);
        int repeats = Integer.getInteger("bench.repeats", 2);
        Path work = Files.createTempDirectory("spark-label-bench");
        ModelFiles files = ModelFiles.of(gan, age, input);
        PgganEngine engine = PgganEngine.start(Integer.getInteger("bench.threads", 1));
        System.out.printf(
                R,
                "model %s, %d latents, batch %d, torch threads %d%n",
                gan,
                n,
                batch,
                engine.threads());
        for (int rep = 0; rep < repeats; rep++) {
            try (Pggan g = Pggan.load(gan);
                    AgeCnnPredictor cnn = new AgeCnnPredictor(AgeRegressor.load(age), input);
                    NDManager m = NDManager.newBaseManager()) {
                long t0 = System.nanoTime();
                LatentLabeler.builder()
                        .samples(n)
                        .seed(2018)
                        .batchSize(batch)
                        .shardSize(part)
                        .progress(false)
                        .build()
                        .label(
                                work.resolve("single-" + rep),
                                m,
                                PgganLatentGenerator.of(g, gan),
                                cnn);
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        R, "run %d LatentLabeler      %.1f images/s (%.1f s)%n", rep, n / sec, sec);
            }
            for (int cores : new int[] {1, 2}) {
                SparkSession spark =
                        SparkSession.builder()
                                .master("local[" + cores + "]")
                                .config("spark.ui.enabled", "false")
                                .getOrCreate();
                try {
                    // the probe and the first load are outside the timed job, as in a long run
                    SparkLabeler.Summary s =
                            SparkLabeler.builder()
                                    .samples(n)
                                    .seed(2018)
                                    .batchSize(batch)
                                    .partitionSize(part)
                                    .build()
                                    .label(spark, files, work.resolve("spark" + cores + "-" + rep));
                    System.out.printf(
                            R,
                            "run %d SparkLabeler local[%d] %.1f images/s (%.1f s)%n",
                            rep,
                            cores,
                            s.rowsPerSecond(),
                            s.seconds());
                } finally {
                    spark.stop();
                }
            }
        }
    }

    @Test
    void lasso() {
        int n = Integer.getInteger("bench.rows", 200_000);
        int p = Integer.getInteger("bench.p", 512);
        int threads = Integer.getInteger("bench.lassoThreads", 2);
        boolean single = Boolean.parseBoolean(System.getProperty("bench.single", "true"));
        LassoCv cv = LassoCv.builder().threads(threads).build();
        System.out.printf(R, "LASSO-CV %d x %d, 10 folds, 100 alphas%n", n, p);
        LassoCvResult one = null;
        if (single) {
            long t0 = System.nanoTime();
            float[][] x = new float[n][];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = LatentSampler.latent(2018, i, p);
                y[i] = months(x[i], i);
            }
            double gen = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            one = cv.fit(Design.of(x), y);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    R,
                    "LassoCv (threads %d)  %.1f s (+ %.1f s to sample the rows)%n",
                    threads,
                    sec,
                    gen);
        }
        SparkSession spark =
                SparkSession.builder()
                        .master(System.getProperty("bench.master", "local[2]"))
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        try {
            int dim = p;
            spark.udf()
                    .register(
                            "latent",
                            (UDF1<Long, float[]>) i -> LatentSampler.latent(2018, i, dim),
                            DataTypes.createArrayType(DataTypes.FloatType, false));
            spark.udf()
                    .register(
                            "months",
                            (UDF1<Long, Double>) i -> months(LatentSampler.latent(2018, i, dim), i),
                            DataTypes.DoubleType);
            int partitions = Integer.getInteger("bench.partitions", 8);
            Dataset<Row> rows =
                    spark.range(0, n, 1, partitions)
                            .select(
                                    col("id").as("index"),
                                    callUDF("latent", col("id")).as("latent"),
                                    callUDF("months", col("id")).as("months"));
            // warm-up (code generation, class loading, executor start) on a small slice
            SparkLassoCv.of(cv).fit(rows.filter(col("index").lt(10_000)));
            // what producing the rows costs Spark (both passes read them): sampled and decoded
            // as SparkLassoCv reads them, with nothing done to them
            long tp = System.nanoTime();
            for (int pass = 0; pass < 2; pass++) {
                VectorRow.select(rows, "index", "latent", "months").toJavaRDD().foreach(r -> {});
            }
            System.out.printf(
                    R,
                    "Spark producing the rows for two passes %.1f s%n",
                    (System.nanoTime() - tp) / 1e9);
            long t0 = System.nanoTime();
            LassoCvResult distributed = SparkLassoCv.of(cv).fit(rows);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    R,
                    "SparkLassoCv %s, %d partitions  %.1f s (rows sampled on the fly,"
                            + " twice)%n",
                    spark.sparkContext().master(),
                    partitions,
                    sec);
            if (one != null) {
                double d = 0;
                for (int j = 0; j < p; j++) {
                    d =
                            Math.max(
                                    d,
                                    Math.abs(
                                            one.model().coef()[j] - distributed.model().coef()[j]));
                }
                System.out.printf(
                        R,
                        "alpha %.6g vs %.6g, max |coef difference| %.3g%n",
                        one.selectedAlpha(),
                        distributed.selectedAlpha(),
                        d);
            }
        } finally {
            spark.stop();
        }
    }

    /** A planted age: two latent coordinates plus noise from the index. */
    private static double months(float[] z, long i) {
        return 120 + 10 * z[0] - 6 * z[5] + 4 * LatentSampler.latent(7, i, 1)[0];
    }
}
