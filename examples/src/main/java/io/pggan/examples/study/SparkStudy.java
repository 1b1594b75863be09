package io.pggan.examples.study;

import io.pggan.metrics.neighbors.NeighborResult;
import io.pggan.spark.ModelFiles;
import io.pggan.spark.SparkLabeler;
import io.pggan.spark.SparkLabels;
import io.pggan.spark.SparkLassoCvAxis;
import io.pggan.spark.SparkNearestNeighbors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The study with its labelling and its age axis on Apache Spark ({@code EndToEnd --spark MASTER}):
 * the label stage runs {@link SparkLabeler} (Parquet, resumable by partition) and writes the label
 * set the later stages read with {@link SparkLabels#toLabelSet}; the axis stage's LASSO-CV runs its
 * data pass on Spark ({@link SparkLassoCvAxis}). Same stage names, same outputs and, with the same
 * batches, the same months and axis as the study in one JVM, so a run can switch between the two
 * and resume. The session starts when a Spark stage first needs it; Spark must be on the class path
 * (it is a provided dependency).
 */
public final class SparkStudy implements AutoCloseable {
    private final String master;
    private SparkSession spark;

    /**
     * A study on {@code master}: {@code local} means {@code local[*]}; otherwise any Spark master
     * URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...).
     */
    public SparkStudy(String master) {
        this.master = "local".equals(master) ? "local[*]" : master;
    }

    /** The master URL the session uses. */
    public String master() {
        return master;
    }

    /** The standard stages with the label and axis stages on Spark. */
    public StudyPipeline pipeline() {
        List<Stage> stages = new ArrayList<>();
        for (Stage s : StudyPipeline.standardStages()) {
            if (s instanceof LabelStage) {
                stages.add(Stage.of(s.name(), this::label));
            } else if (s instanceof EvaluateStage) {
                stages.add(new EvaluateStage(this::neighbors));
            } else if (s instanceof AxisStage) {
                stages.add(new AxisStage(cv -> new SparkLassoCvAxis(session(), cv)));
            } else {
                stages.add(s);
            }
        }
        return new StudyPipeline(stages);
    }

    private void label(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        SparkLabeler.builder()
                .samples(plan.latent().labelSamples())
                .seed(LabelStage.seed(plan))
                .batchSize(LabelStage.BATCH)
                .partitionSize(LabelStage.shardSize(plan))
                .build()
                .label(
                        session(),
                        ModelFiles.of(
                                layout.ganWeights(plan), layout.ageCnnModel(), plan.cnnInput()),
                        layout.labelledLatentsParquet());
        SparkLabels.toLabelSet(
                layout.labelledLatentsParquet(),
                layout.labelledLatents(),
                LabelStage.shardSize(plan));
    }

    /** The feature-space neighbours of the evaluation, with the training features on Spark. */
    private NeighborResult neighbors(double[][] query, double[][] reference, int k) {
        StructType schema =
                new StructType()
                        .add("index", DataTypes.LongType, false)
                        .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false));
        List<Row> rows = new ArrayList<>(reference.length);
        for (int i = 0; i < reference.length; i++) {
            Double[] boxed = new Double[reference[i].length];
            for (int j = 0; j < boxed.length; j++) {
                boxed[j] = reference[i][j];
            }
            rows.add(RowFactory.create((long) i, boxed));
        }
        Dataset<Row> ref = session().createDataFrame(rows, schema);
        return SparkNearestNeighbors.features(query, ref, "index", "features", k);
    }

    private synchronized SparkSession session() {
        if (spark == null) {
            spark =
                    SparkSession.builder()
                            .master(master)
                            .appName("pggan study")
                            .config("spark.ui.enabled", "false")
                            .getOrCreate();
        }
        return spark;
    }

    /** Stops the session, if one was started. */
    @Override
    public synchronized void close() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }
}
