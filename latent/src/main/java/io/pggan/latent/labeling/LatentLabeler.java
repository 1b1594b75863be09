package io.pggan.latent.labeling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pggan.gan.LatentSampler;
import io.pggan.io.AtomicFiles;
import io.pggan.io.NpyArray.Dtype;
import io.pggan.io.NpyWriter;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples N seeded Gaussian latents, renders them with a {@link LatentGenerator} in batches,
 * predicts their age with an {@link AgePredictor} and streams everything to disk in shards, with
 * memory bounded by one batch. The run is resumable: shards are written to temporary files and
 * renamed when complete, so after a crash the completed shards are kept and only the rest is
 * redone.
 *
 * <p>On-disk format (read with {@link LabelSet#open}), in the output folder:
 *
 * <ul>
 *   <li>{@code manifest.json}: schema, modelId, latentDim, samples, seed, shardSize, featureDim,
 *       the sampler;
 *   <li>{@code shard_NNNNN.latents.npy}: float32 {@code [k, latentDim]}, sample indices {@code
 *       NNNNN * shardSize ..};
 *   <li>{@code shard_NNNNN.months.npy}: float32 {@code [k]} predicted months;
 *   <li>{@code shard_NNNNN.features.npy}: float32 {@code [k, featureDim]} (only if kept);
 *   <li>{@code index.csv}: {@code shard,first_index,count,latents,months,features}, one line per
 *       completed shard (rewritten atomically after each shard).
 * </ul>
 *
 * Latent i is latent i of the seed in {@link LatentSampler}, reproducible on its own and the same
 * vector {@link io.pggan.gan.Pggan#generate(int, long)} renders for that seed.
 */
public final class LatentLabeler {
    private static final Logger LOG = LoggerFactory.getLogger(LatentLabeler.class);

    private final long samples;
    private final long seed;
    private final int batchSize;
    private final int shardSize;
    private final boolean keepFeatures;
    private final boolean progress;

    private LatentLabeler(Builder b) {
        this.samples = b.samples;
        this.seed = b.seed;
        this.batchSize = b.batchSize;
        this.shardSize = b.shardSize;
        this.keepFeatures = b.keepFeatures;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    @JsonProperty
    public long samples() {
        return samples;
    }

    @JsonProperty
    public long seed() {
        return seed;
    }

    @JsonProperty
    public int batchSize() {
        return batchSize;
    }

    @JsonProperty
    public int shardSize() {
        return shardSize;
    }

    @JsonProperty
    public boolean keepFeatures() {
        return keepFeatures;
    }

    /**
     * Labels (or resumes labelling) into {@code outDir}.
     *
     * @return the complete label set
     */
    public LabelSet label(
            Path outDir, NDManager manager, LatentGenerator generator, AgePredictor predictor)
            throws IOException {
        int dim = generator.latentDim();
        int featureDim = keepFeatures ? predictor.featureDim() : 0;
        if (keepFeatures && featureDim <= 0) {
            throw new IllegalArgumentException(
                    "keepFeatures is set but the predictor offers no features");
        }
        Files.createDirectories(outDir);
        LabelSet.Manifest manifest =
                new LabelSet.Manifest(
                        1,
                        generator.modelId(),
                        dim,
                        samples,
                        seed,
                        shardSize,
                        featureDim,
                        LatentSampler.DESCRIPTION);
        LabelSet.writeOrCheckManifest(outDir, manifest);
        // temporary files of shards abandoned by a crash (completed shards are never .part)
        try (var stale =
                Files.newDirectoryStream(outDir, AtomicFiles.TEMP_PREFIX + "shard_*.part")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
        int shards = (int) ((samples + shardSize - 1) / shardSize);
        long done = 0;
        for (int s = 0; s < shards; s++) {
            if (LabelSet.shardComplete(outDir, manifest, s)) {
                done += LabelSet.shardRows(manifest, s);
            }
        }
        if (done > 0) {
            LOG.info("resuming in {}: {} of {} samples already labelled", outDir, done, samples);
        }
        long t0 = System.nanoTime();
        long labelled = 0;
        try (ProgressBar bar =
                progress
                        ? new ProgressBarBuilder()
                                .setTaskName("Labelling latents")
                                .setInitialMax(samples)
                                .build()
                        : null) {
            if (bar != null) {
                bar.stepTo(done);
            }
            for (int s = 0; s < shards; s++) {
                if (LabelSet.shardComplete(outDir, manifest, s)) {
                    continue;
                }
                labelled += writeShard(outDir, manifest, s, manager, generator, predictor, bar);
                LabelSet.writeIndex(outDir, manifest);
            }
        }
        LabelSet.writeIndex(outDir, manifest);
        double sec = (System.nanoTime() - t0) / 1e9;
        if (labelled > 0) {
            LOG.info(
                    "labelled {} latents in {} s ({} samples/s)",
                    labelled,
                    String.format(java.util.Locale.ROOT, "%.1f", sec),
                    String.format(java.util.Locale.ROOT, "%.1f", labelled / sec));
        }
        return LabelSet.open(outDir);
    }

    private long writeShard(
            Path dir,
            LabelSet.Manifest m,
            int shard,
            NDManager manager,
            LatentGenerator generator,
            AgePredictor predictor,
            ProgressBar bar)
            throws IOException {
        long first = (long) shard * shardSize;
        int rows = LabelSet.shardRows(m, shard);
        int dim = m.latentDim();
        NpyWriter zw = NpyWriter.open(LabelSet.latentsFile(dir, shard), Dtype.FLOAT32, dim);
        NpyWriter mw = NpyWriter.open(LabelSet.monthsFile(dir, shard), Dtype.FLOAT32);
        NpyWriter fw =
                m.featureDim() > 0
                        ? NpyWriter.open(
                                LabelSet.featuresFile(dir, shard), Dtype.FLOAT32, m.featureDim())
                        : null;
        boolean ok = false;
        try {
            for (int from = 0; from < rows; from += batchSize) {
                int count = Math.min(batchSize, rows - from);
                Batch batch =
                        labelBatch(
                                manager,
                                generator,
                                predictor,
                                seed,
                                first + from,
                                count,
                                fw != null);
                for (int i = 0; i < count; i++) {
                    float[] zi = new float[dim];
                    System.arraycopy(batch.latents(), i * dim, zi, 0, dim);
                    zw.writeRow(zi);
                    mw.writeRow(new float[] {batch.months()[i]});
                    if (fw != null) {
                        fw.writeRow(batch.features()[i]);
                    }
                }
                if (bar != null) {
                    bar.stepBy(count);
                }
            }
            // publish the months last: a shard counts as complete when all its files exist
            zw.close();
            if (fw != null) {
                fw.close();
            }
            mw.close();
            ok = true;
            return rows;
        } finally {
            if (!ok) {
                zw.abort();
                mw.abort();
                if (fw != null) {
                    fw.abort();
                }
                Files.deleteIfExists(LabelSet.latentsFile(dir, shard));
                if (fw != null) {
                    Files.deleteIfExists(LabelSet.featuresFile(dir, shard));
                }
            }
        }
    }

    /**
     * Latents, months and (optionally) features of one batch.
     *
     * @param latents {@code count * latentDim} values, row after row
     * @param months one finite value per latent
     * @param features {@code [count][featureDim]}, or null when not asked for
     */
    public record Batch(float[] latents, float[] months, float[][] features) {}

    /**
     * Labels latents {@code from .. from + count - 1} of {@code seed}: samples them with {@link
     * LatentSampler}, renders them and predicts their ages, with every array created in a
     * sub-manager of {@code manager} that is closed before returning. The one labelling step of
     * this class and of distributed labellers, so that they give the same months for the same
     * batches.
     *
     * @throws IllegalStateException naming the model and sample when a shape or age is wrong
     */
    public static Batch labelBatch(
            NDManager manager,
            LatentGenerator generator,
            AgePredictor predictor,
            long seed,
            long from,
            int count,
            boolean withFeatures) {
        int dim = generator.latentDim();
        float[] flat = LatentSampler.latents(seed, from, count, dim);
        try (NDManager step = manager.newSubManager()) {
            NDArray z = step.create(flat, new Shape(count, dim));
            NDArray images = generator.generate(z);
            if (images.getShape().dimension() != 4 || images.getShape().get(0) != count) {
                throw new IllegalStateException(
                        "generator '"
                                + generator.modelId()
                                + "' returned shape "
                                + images.getShape()
                                + " for "
                                + count
                                + " latents");
            }
            float[] months;
            float[][] features = null;
            if (withFeatures) {
                AgePredictor.Prediction p = predictor.predictWithFeatures(images);
                months = p.months();
                features = p.features();
            } else {
                months = predictor.predictMonths(images);
            }
            if (months.length != count) {
                throw new IllegalStateException(
                        "predictor returned " + months.length + " ages for " + count + " images");
            }
            for (int i = 0; i < count; i++) {
                if (!Float.isFinite(months[i])) {
                    throw new IllegalStateException(
                            "predicted age of sample " + (from + i) + " is " + months[i]);
                }
            }
            return new Batch(flat, months, features);
        }
    }

    /** Builder. */
    public static final class Builder {
        private long samples = 200_000;
        private long seed = 2018;
        private int batchSize = 32;
        private int shardSize = 10_000;
        private boolean keepFeatures;
        private boolean progress = true;

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

        public Builder shardSize(int v) {
            shardSize = v;
            return this;
        }

        public Builder keepFeatures(boolean v) {
            keepFeatures = v;
            return this;
        }

        public Builder progress(boolean v) {
            progress = v;
            return this;
        }

        public LatentLabeler build() {
            if (samples < 1 || batchSize < 1 || shardSize < 1) {
                throw new IllegalArgumentException("samples, batchSize and shardSize must be >= 1");
            }
            return new LatentLabeler(this);
        }
    }
}
