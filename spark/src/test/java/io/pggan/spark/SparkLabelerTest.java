package io.pggan.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.agecnn.AgeRegressor;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Labelling on Spark local[2] with a real (tiny) PGGAN and age CNN saved to files. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkLabelerTest {
    private static final int DIM = 16;
    @TempDir static Path models;
    private static SparkSession spark;
    private static ModelFiles files;

    @BeforeAll
    static void start() {
        PgganEngine.start();
        spark = LocalSpark.start();
        try (Pggan gan = tinyGan(1)) {
            gan.save(models.resolve("gan.zip"));
        }
        try (Pggan gan = tinyGan(2)) {
            gan.save(models.resolve("other-gan.zip"));
        }
        try (AgeRegressor cnn =
                AgeRegressor.builder()
                        .widthMultiplier(0.0625)
                        .hiddenUnits(16)
                        .evalBatchSize(8)
                        .useSex(false)
                        .progressBar(false)
                        .seed(3)
                        .build()) {
            cnn.save(models.resolve("agecnn"));
        }
        files = ModelFiles.of(models.resolve("gan.zip"), models.resolve("agecnn"), 72);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Pggan tinyGan(long seed) {
        return Pggan.builder()
                .resolution(8)
                .latentDim(DIM)
                .fmapMax(8)
                .seed(seed)
                .schedule(TrainingSchedule.shortRun(0.016, 0.064, 8))
                .progressBar(false)
                .build();
    }

    private static SparkLabeler.Builder labeler() {
        return SparkLabeler.builder().samples(90).seed(7).batchSize(16).partitionSize(32);
    }

    private static List<Row> rows(Path dir) {
        return spark.read().parquet(dir.toString()).orderBy("index").collectAsList();
    }

    private static float[] floats(Row r, String field) {
        List<Float> l = r.getList(r.fieldIndex(field));
        float[] v = new float[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = l.get(i);
        }
        return v;
    }

    @Test
    @Order(1) // first, so that the JVM's model pool starts empty
    void monthsPerIndexAreLatentLabelersForTheSameModelAndSeed(@TempDir Path dir) throws Exception {
        for (boolean features : new boolean[] {false, true}) {
            Path out = dir.resolve("spark-" + features);
            SparkLabeler.Summary s =
                    labeler().keepFeatures(features).build().label(spark, files, out);
            assertThat(s.partitions()).isEqualTo(3);
            assertThat(s.labelled()).isEqualTo(3);
            assertThat(s.rowsLabelled()).isEqualTo(90);

            LabelSet single;
            try (Pggan gan = Pggan.load(models.resolve("gan.zip"));
                    AgeCnnPredictor age =
                            new AgeCnnPredictor(AgeRegressor.load(models.resolve("agecnn")), 72);
                    NDManager m = NDManager.newBaseManager()) {
                single =
                        LatentLabeler.builder()
                                .samples(90)
                                .seed(7)
                                .batchSize(16)
                                .shardSize(32)
                                .keepFeatures(features)
                                .progress(false)
                                .build()
                                .label(
                                        dir.resolve("single-" + features),
                                        m,
                                        PgganLatentGenerator.of(gan, models.resolve("gan.zip")),
                                        age);
            }
            List<Row> rows = rows(out);
            assertThat(rows).hasSize(90);
            double[] months = single.months();
            for (int i = 0; i < 90; i++) {
                Row r = rows.get(i);
                assertThat(r.getLong(r.fieldIndex("index"))).isEqualTo(i);
                assertThat((double) r.getFloat(r.fieldIndex("months")))
                        .as("months of %d", i)
                        .isEqualTo(months[i]);
                assertThat(floats(r, "latent")).containsExactly(LatentSampler.latent(7, i, DIM));
                if (features) {
                    assertThat(floats(r, "features")).containsExactly(single.features()[i]);
                }
            }
            assertThat(rows.get(0).schema().fieldNames().length).isEqualTo(features ? 4 : 3);
            // the label set the single-machine stages read, written back from the Parquet
            LabelSet back = SparkLabels.toLabelSet(out, dir.resolve("back-" + features), 32);
            assertThat(back.months()).containsExactly(months);
            assertThat(back.latents()).isDeepEqualTo(single.latents());
            assertThat(back.manifest().modelId()).isEqualTo(single.manifest().modelId());
            assertThat(SparkLabels.toLabelSet(out, dir.resolve("back-" + features), 32).months())
                    .containsExactly(months);
            // the months vary: a constant would make the comparison empty
            assertThat(months[0]).isNotEqualTo(months[1]);
        }
        // models are loaded once per JVM and task slot (local[2]: two), then reused by later jobs
        int loads = ExecutorModels.loads();
        assertThat(loads).isBetween(1, 2);
        labeler().samples(40).build().label(spark, files, dir.resolve("again"));
        assertThat(ExecutorModels.loads()).isEqualTo(loads);
        // no image reached the disk
        try (var all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.toString().endsWith(".png")).count()).isZero();
        }
    }

    @Test
    void aJobStoppedMidWayResumesAndEndsWithTheSameContent(@TempDir Path dir) throws Exception {
        SparkLabeler job = labeler().samples(128).partitionSize(16).build();
        Path clean = dir.resolve("clean");
        job.label(spark, files, clean);
        List<Row> expected = rows(clean);

        Path out = dir.resolve("stopped");
        Thread stopper =
                new Thread(
                        () -> {
                            try {
                                while (!Files.exists(out.resolve(SparkLabeler.partName(0)))
                                        && !Files.exists(out.resolve(SparkLabeler.partName(1)))) {
                                    Thread.sleep(5);
                                }
                                spark.sparkContext().cancelJobGroup("stoppable");
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        spark.sparkContext().setJobGroup("stoppable", "labelling to be stopped", true);
        stopper.start();
        try {
            job.label(spark, files, out);
        } catch (Exception e) { // SparkException is checked but comes through the Java API
            assertThat(e).hasStackTraceContaining("cancel");
        } finally {
            stopper.join();
            spark.sparkContext().clearJobGroup();
        }
        List<String> before = new ArrayList<>();
        try (var parts = Files.newDirectoryStream(out, "part-*.parquet")) {
            parts.forEach(p -> before.add(p.getFileName().toString()));
        }
        assertThat(before).isNotEmpty();
        // a task killed hard leaves its temporary file behind
        Files.writeString(out.resolve("_part-00007.parquet.dead.tmp"), "half a file");

        SparkLabeler.Summary s = job.label(spark, files, out);
        assertThat(s.skipped()).isEqualTo(before.size());
        assertThat(s.labelled()).isEqualTo(8 - before.size());
        assertThat(s.rowsLabelled()).isEqualTo(16L * (8 - before.size()));
        assertThat(rows(out)).isEqualTo(expected);
        assertThat(out.resolve("_part-00007.parquet.dead.tmp")).doesNotExist();

        SparkLabeler.Summary again = job.label(spark, files, out);
        assertThat(again.labelled()).isZero();
        assertThat(again.skipped()).isEqualTo(8);
    }

    @Test
    void anotherRunsFolderAndMissingModelFilesAreRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("labels");
        labeler().samples(20).build().label(spark, files, out);
        assertThatThrownBy(() -> labeler().samples(20).seed(8).build().label(spark, files, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds another labelling run");
        ModelFiles other =
                ModelFiles.of(models.resolve("other-gan.zip"), models.resolve("agecnn"), 72);
        assertThatThrownBy(() -> labeler().samples(20).build().label(spark, other, out))
                .hasMessageContaining("holds another labelling run")
                .hasMessageContaining("other-gan.zip");

        ModelFiles missing =
                ModelFiles.of(models.resolve("no-such-gan.zip"), models.resolve("agecnn"), 72);
        assertThatThrownBy(() -> labeler().build().label(spark, missing, dir.resolve("x")))
                .hasMessageContaining("GAN weights file")
                .hasMessageContaining("no-such-gan.zip")
                .hasMessageContaining("does not exist");
        Path emptyAge = Files.createDirectories(dir.resolve("empty-agecnn"));
        Files.writeString(emptyAge.resolve("agecnn.json"), "{}");
        ModelFiles noWeights = ModelFiles.of(models.resolve("gan.zip"), emptyAge, 72);
        assertThatThrownBy(() -> labeler().build().label(spark, noWeights, dir.resolve("y")))
                .hasMessageContaining("has no weights.npz");

        Path single = dir.resolve("single");
        Files.createDirectories(single);
        Files.writeString(single.resolve("manifest.json"), "{}");
        assertThatThrownBy(() -> labeler().samples(20).build().label(spark, files, single))
                .hasMessageContaining("LatentLabeler label set");
        assertThat(single.resolve(LabelManifest.FILE)).doesNotExist();
    }
}
