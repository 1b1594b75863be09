package io.pggan.spark;

import ai.djl.ndarray.NDManager;
import io.pggan.gan.LatentSampler;
import io.pggan.latent.labeling.LatentLabeler;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LatentLabeler} on Spark: latents 0 .. N-1 of a seed, split over partitions by index
 * ({@code partitionSize} each), labelled by tasks that regenerate their latents from (seed, index)
 * with {@link LatentSampler}, borrow the generator and age CNN their executor JVM loaded once from
 * the job's {@link ModelFiles}, and run {@link LatentLabeler#labelBatch} batch by batch. No image
 * is written; each partition becomes one Parquet file {@code part-NNNNN.parquet} (index, latent,
 * months, optionally the CNN features), written under a hidden temporary name and renamed when
 * complete.
 *
 * <p>A rerun skips the partitions whose file is complete (and has the right number of rows), so a
 * job stopped mid-way resumes; a folder of another run (other model, seed, size, partitioning) is
 * refused by its {@code _labels.json}. With the same batch size, and partitions of {@link
 * LatentLabeler}'s shard size, the months are bit for bit {@code LatentLabeler}'s.
 *
 * <p>The output folder must be visible at the same path to every executor (local mode, or a shared
 * file system); read it with {@code spark.read().parquet(folder)}.
 */
public final class SparkLabeler {
    private static final Logger LOG = LoggerFactory.getLogger(SparkLabeler.class);

    private final long samples;
    private final long seed;
    private final int batchSize;
    private final int partitionSize;
    private final boolean keepFeatures;

    private SparkLabeler(Builder b) {
        this.samples = b.samples;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.partitionSize = b.partitionSize;
        this.keepFeatures = b.keepFeatures;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run did.
     *
     * @param partitions partitions of the label set
     * @param labelled partitions labelled by this run
     * @param skipped partitions found complete and skipped
     * @param rowsLabelled latents labelled by this run
     * @param seconds wall time of the labelling job (without the model probe)
     */
    public record Summary(
            int partitions, int labelled, int skipped, long rowsLabelled, double seconds) {
        /** Latents per second of this run. */
        public double rowsPerSecond() {
            return rowsLabelled / seconds;
        }
    }

    /** Labels (or resumes labelling) into {@code outDir}. */
    public Summary label(SparkSession spark, ModelFiles files, Path outDir) throws IOException {
        files.check();
        String generatorId = ModelFiles.generatorId(Path.of(files.ganWeights()));
        String ageId = ModelFiles.ageModelId(Path.of(files.ageModel()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        if (files.ship()) {
            sc.sc().addFile(files.ganWeights());
            for (String f : new String[] {ModelFiles.AGE_CONFIG, ModelFiles.AGE_WEIGHTS}) {
                sc.sc().addFile(Path.of(files.ageModel()).resolve(f).toString());
            }
        }
        // one small task loads the models on an executor: sizes for the manifest, and bad files
        // fail here, before the big job
        int[] dims =
                sc.parallelize(List.of(0), 1)
                        .map(
                                i -> {
                                    try (ExecutorModels.Loaded m =
                                            ExecutorModels.borrow(files, generatorId, ageId)) {
                                        return new int[] {
                                            m.generator.latentDim(), m.age.featureDim()
                                        };
                                    }
                                })
                        .collect()
                        .get(0);
        if (keepFeatures && dims[1] <= 0) {
            throw new IllegalArgumentException(
                    "keepFeatures is set but the age CNN has no features");
        }
        LabelManifest manifest =
                new LabelManifest(
                        1,
                        "parquet",
                        generatorId,
                        ageId,
                        files.cnnInputSize(),
                        dims[0],
                        samples,
                        seed,
                        partitionSize,
                        keepFeatures ? dims[1] : 0,
                        LatentSampler.DESCRIPTION);
        Path out = outDir.toAbsolutePath().normalize();
        manifest.writeOrCheck(out);
        // temporary files of tasks that a stopped job abandoned (complete parts are never temps)
        try (var stale = Files.newDirectoryStream(out, "_part-*.tmp")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
        int parts = Math.toIntExact((samples + partitionSize - 1) / partitionSize);
        Task task = new Task(out.toString(), files, manifest, batchSize);
        long t0 = System.nanoTime();
        List<Long> done =
                sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts)
                        .map(task::run)
                        .collect();
        double sec = (System.nanoTime() - t0) / 1e9;
        int labelled = 0;
        long rows = 0;
        for (long d : done) {
            if (d > 0) {
                labelled++;
                rows += d;
            }
        }
        Summary s = new Summary(parts, labelled, parts - labelled, rows, sec);
        LOG.info(
                "labelled {} latents in {} of {} partitions ({} skipped) in {} s",
                rows,
                labelled,
                parts,
                s.skipped(),
                String.format(Locale.ROOT, "%.1f", sec));
        return s;
    }

    /** File name of partition {@code p}. */
    static String partName(int p) {
        return String.format(Locale.ROOT, "part-%05d.parquet", p);
    }

    /** One partition's work, shipped to the executors. */
    private record Task(String outDir, ModelFiles files, LabelManifest m, int batchSize)
            implements Serializable {
        /** Labels partition {@code p}; returns its rows, or 0 if it was complete already. */
        long run(int p) throws IOException {
            Path dir = Path.of(outDir);
            Path target = dir.resolve(partName(p));
            long first = (long) p * m.partitionSize();
            int rows = (int) Math.min(m.partitionSize(), m.samples() - first);
            if (Files.exists(target)) {
                long got = LabelParquet.rows(target);
                if (got != rows) {
                    throw new IllegalStateException(
                            target + " has " + got + " rows, expected " + rows + " for this run");
                }
                return 0;
            }
            Path tmp = dir.resolve("_" + partName(p) + "." + UUID.randomUUID() + ".tmp");
            boolean features = m.featureDim() > 0;
            int dim = m.latentDim();
            try (ExecutorModels.Loaded models =
                            ExecutorModels.borrow(files, m.modelId(), m.ageModelId());
                    NDManager manager = NDManager.newBaseManager();
                    LabelParquet w = LabelParquet.create(tmp, features)) {
                for (int from = 0; from < rows; from += batchSize) {
                    int count = Math.min(batchSize, rows - from);
                    LatentLabeler.Batch b =
                            LatentLabeler.labelBatch(
                                    manager,
                                    models.generator,
                                    models.age,
                                    m.seed(),
                                    first + from,
                                    count,
                                    features);
                    for (int i = 0; i < count; i++) {
                        w.write(
                                first + from + i,
                                b.latents(),
                                i * dim,
                                dim,
                                b.months()[i],
                                features ? b.features()[i] : null);
                    }
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                if (Files.exists(target)) {
                    return 0; // a speculative copy of this task finished first
                }
                throw new UncheckedIOException("cannot publish " + target, e);
            }
            return rows;
        }
    }

    /** Builder; defaults are {@link LatentLabeler}'s (200,000 latents of seed 2018). */
    public static final class Builder {
        private long samples = 200_000;
        private long seed = 2018;
        private int batchSize = 32;
        private int partitionSize = 10_000;
        private boolean keepFeatures;

        private Builder() {}

        public Builder samples(long v) {
            samples = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Latents per partition (one Parquet file, one task); as LatentLabeler's shardSize. */
        public Builder partitionSize(int v) {
            partitionSize = v;
            return this;
        }

        /** Also store the age CNN's pooled features (for FID in its feature space). */
        public Builder keepFeatures(boolean v) {
            keepFeatures = v;
            return this;
        }

        public SparkLabeler build() {
            if (samples < 1 || batchSize < 1 || partitionSize < 1) {
                throw new IllegalArgumentException(
                        "samples, batchSize and partitionSize must be >= 1");
            }
            if ((samples + partitionSize - 1) / partitionSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many partitions: raise partitionSize");
            }
            return new SparkLabeler(this);
        }
    }
}
