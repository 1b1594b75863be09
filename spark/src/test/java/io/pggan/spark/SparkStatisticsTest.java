package io.pggan.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LassoCv;
import io.pggan.latent.lasso.LassoCvResult;
import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.fid.FidCalculator;
import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.neighbors.NeighborResult;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The distributed statistics equal the single-machine ones on the same rows. */
class SparkStatisticsTest {
    private static SparkSession spark;
    private static float[][] x;
    private static float[] months;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        int n = 700;
        int p = 10;
        Random rnd = new Random(11);
        x = new float[n][p];
        months = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = (float) (0.5 + rnd.nextGaussian());
            }
            months[i] =
                    (float) (120 + 8 * x[i][0] - 5 * x[i][4] + 2 * x[i][7] + rnd.nextGaussian());
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static double[] widened(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void assertSameFit(LassoCvResult spark, LassoCvResult one) {
        assertThat(spark.alphas()).containsExactly(one.alphas(), within(1e-9));
        for (int a = 0; a < one.alphas().length; a++) {
            assertThat(spark.msePath()[a]).containsExactly(one.msePath()[a], within(1e-9));
        }
        assertThat(spark.meanMse()).containsExactly(one.meanMse(), within(1e-9));
        assertThat(spark.seMse()).containsExactly(one.seMse(), within(1e-9));
        assertThat(spark.selectedIndex()).isEqualTo(one.selectedIndex());
        assertThat(spark.model().coef()).containsExactly(one.model().coef(), within(1e-9));
        assertThat(spark.model().intercept()).isCloseTo(one.model().intercept(), within(1e-9));
    }

    @Test
    void lassoCvOnSparkEqualsLassoCv() {
        Dataset<Row> data = LocalSpark.latents(spark, x, months, 5);
        for (LassoCv cv :
                new LassoCv[] {
                    LassoCv.builder().nAlphas(40).build(),
                    LassoCv.builder().folds(7).nAlphas(25).shuffleSeed(3L).standardize(true).build()
                }) {
            LassoCvResult one = cv.fit(Design.of(x), widened(months));
            LassoCvResult distributed = SparkLassoCv.of(cv).fit(data);
            assertSameFit(distributed, one);
            // the fit found the planted direction, so the comparison is of a real model
            assertThat(one.model().coef()[0]).isCloseTo(8.0, within(0.5));
        }
    }

    @Test
    void lassoCvOnASubsetEqualsTheHoldOutFitOfLassoCv() {
        Dataset<Row> data = LocalSpark.latents(spark, x, months, 4);
        LassoCv cv = LassoCv.builder().nAlphas(30).build();
        int[] perm = io.pggan.random.Permutation.of(x.length, 19);
        int nTest = x.length / 5;
        int[] train = java.util.Arrays.copyOfRange(perm, nTest, x.length);
        int[] test = java.util.Arrays.copyOfRange(perm, 0, nTest);
        LassoCvResult one = cv.fitHoldOut(Design.of(x), widened(months), train, test, null).cv();
        assertSameFit(SparkLassoCv.of(cv).fit(data, train), one);
        assertThatThrownBy(() -> SparkLassoCv.of(cv).fit(data, new int[] {1, 2, 2000}))
                .hasMessageContaining("holds 2 of the 3 rows");
        assertThatThrownBy(() -> SparkLassoCv.of(cv).fit(data, new int[] {1, 2, 1}))
                .hasMessageContaining("listed twice");
    }

    @Test
    void theStudysAxisThroughSparkIsLassoCvAxis() {
        double[] y = widened(months);
        io.pggan.latent.axis.LatentAxisFinder.Builder finder =
                io.pggan.latent.axis.LatentAxisFinder.builder()
                        .model("m", x[0].length)
                        .testFraction(0.2)
                        .seed(5);
        LassoCv cv = LassoCv.builder().nAlphas(30).build();
        io.pggan.latent.axis.AgeAxis one =
                finder.method(new io.pggan.latent.axis.LassoCvAxis(cv)).build().fit(x, y);
        io.pggan.latent.axis.AgeAxis distributed =
                finder.method(new SparkLassoCvAxis(spark, cv, 3)).build().fit(x, y);
        assertThat(distributed.method()).isEqualTo(one.method());
        assertThat(distributed.direction()).containsExactly(one.direction(), within(1e-9));
        assertThat(distributed.monthsPerUnit()).isCloseTo(one.monthsPerUnit(), within(1e-9));
        assertThat(distributed.heldOutR2()).isCloseTo(one.heldOutR2(), within(1e-9));
        assertThat(one.heldOutR2()).isGreaterThan(0.5);
    }

    @Test
    void lassoRefusesRowsThatAreNotIndexedZeroToNMinusOne() {
        Dataset<Row> data = LocalSpark.latents(spark, x, months, 3);
        Dataset<Row> gap = data.filter("index != 17");
        assertThatThrownBy(() -> SparkLassoCv.of(LassoCv.builder().build()).fit(gap))
                .hasMessageContaining("row indices must be 0..698");
        assertThatThrownBy(
                        () ->
                                SparkLassoCv.of(LassoCv.builder().build())
                                        .columns("index", "z", "months")
                                        .fit(data))
                .hasMessageContaining("no column 'z'");
    }

    @Test
    void featureStatisticsEqualSingleMachine() {
        Dataset<Row> data = LocalSpark.latents(spark, x, months, 4);
        FeatureStatistics one = FeatureStatistics.of(toDouble(x));
        FeatureStatistics distributed = SparkFeatureStatistics.of(data, "latent");
        assertThat(distributed.count()).isEqualTo(x.length);
        assertThat(distributed.mean()).containsExactly(one.mean(), within(1e-12));
        assertThat(distributed.covariance()).containsExactly(one.covariance(), within(1e-12));

        float[][] shifted = new float[300][];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = x[i].clone();
            shifted[i][2] += 0.7f;
        }
        Dataset<Row> other = LocalSpark.latents(spark, shifted, new float[300], 2);
        double fid = SparkFeatureStatistics.fid(data, other, "latent").fid();
        double expected = FidCalculator.compute(one, FeatureStatistics.of(toDouble(shifted))).fid();
        assertThat(fid).isGreaterThan(0.3).isCloseTo(expected, within(1e-9));
    }

    @Test
    void nearestNeighboursEqualSingleMachine() {
        Dataset<Row> data = LocalSpark.latents(spark, x, months, 3);
        double[][] ref = toDouble(x);
        Random rnd = new Random(5);
        double[][] query = new double[9][];
        for (int i = 0; i < query.length; i++) {
            // near reference rows; query 0 exactly on one
            query[i] = ref[rnd.nextInt(ref.length)].clone();
            if (i > 0) {
                query[i][1] += 0.1 * rnd.nextGaussian();
            }
        }
        NeighborResult one = NearestNeighbors.features(query, ref, 4, false);
        NeighborResult distributed =
                SparkNearestNeighbors.features(query, data, "index", "latent", 4);
        for (int i = 0; i < query.length; i++) {
            assertThat(distributed.index()[i]).containsExactly(one.index()[i]);
            assertThat(distributed.distance()[i]).containsExactly(one.distance()[i]);
        }
        assertThat(distributed.distance()[0][0]).isZero();
        assertThatThrownBy(
                        () ->
                                SparkNearestNeighbors.features(
                                        query, data.limit(3), "index", "latent", 4))
                .hasMessageContaining("has 3 rows");
    }

    private static double[][] toDouble(float[][] v) {
        double[][] d = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            d[i] = widened(v[i]);
        }
        return d;
    }
}
