package io.pggan.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.gan.LatentSampler;
import io.pggan.io.Json;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link SparkLabeler} folder as the {@link LabelSet} the single-machine stages read (the age
 * axis, the video). The label set is written by {@link LatentLabeler} itself, the one writer of
 * that format, replaying the months Spark computed: its generator returns 1 x 1 placeholders and
 * its predictor the Parquet's months, row by row in index order, after checking that each latent
 * the labeller regenerates is the Parquet's. Bounded memory: one Parquet part at a time.
 */
public final class SparkLabels {
    private SparkLabels() {}

    /**
     * Writes (or reopens) the label set of the Parquet labels in {@code parquetDir}, shards of
     * {@code shardSize}, in a temporary sibling folder moved into place when complete. An existing
     * label set of the same run is returned as it is; one of another run is refused; the features
     * are not carried over.
     */
    public static LabelSet toLabelSet(Path parquetDir, Path labelSetDir, int shardSize)
            throws IOException {
        Path mf = parquetDir.resolve(LabelManifest.FILE);
        if (!Files.isRegularFile(mf)) {
            throw new IllegalArgumentException(
                    parquetDir + " is not a Spark label folder (no " + LabelManifest.FILE + ")");
        }
        LabelManifest m = Json.mapper().readValue(mf.toFile(), LabelManifest.class);
        int parts = Math.toIntExact((m.samples() + m.partitionSize() - 1) / m.partitionSize());
        for (int p = 0; p < parts; p++) {
            if (!Files.isRegularFile(parquetDir.resolve(SparkLabeler.partName(p)))) {
                throw new IllegalArgumentException(
                        parquetDir + " is incomplete: " + SparkLabeler.partName(p) + " is missing");
            }
        }
        if (Files.exists(labelSetDir)) {
            LabelSet old = LabelSet.open(labelSetDir);
            LabelSet.Manifest o = old.manifest();
            if (!o.modelId().equals(m.modelId())
                    || o.seed() != m.seed()
                    || o.samples() != m.samples()) {
                throw new IllegalArgumentException(
                        labelSetDir + " holds another run's label set (" + o + ")");
            }
            return old;
        }
        // written beside its place and moved there whole: a stopped conversion leaves no half set
        Path tmp = labelSetDir.resolveSibling(".tmp-" + labelSetDir.getFileName());
        if (Files.exists(tmp)) {
            try (var old = Files.walk(tmp)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Replay replay = new Replay(parquetDir, m);
        try (NDManager manager = NDManager.newBaseManager()) {
            LatentLabeler.builder()
                    .samples(m.samples())
                    .seed(m.seed())
                    .batchSize(256)
                    .shardSize(shardSize)
                    .progress(false)
                    .build()
                    .label(tmp, manager, replay, replay);
        }
        Files.move(tmp, labelSetDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return LabelSet.open(labelSetDir);
    }

    /** Generator and predictor that hand back what the Spark job computed. */
    private static final class Replay implements LatentGenerator, AgePredictor {
        private final Path dir;
        private final LabelManifest m;
        private int part = -1;
        private java.util.List<LabelParquet.LabelRow> rows = java.util.List.of();
        private int at;
        private long next;
        private float[] pending;

        Replay(Path dir, LabelManifest m) {
            this.dir = dir;
            this.m = m;
        }

        @Override
        public int latentDim() {
            return m.latentDim();
        }

        @Override
        public String modelId() {
            return m.modelId();
        }

        @Override
        public NDArray generate(NDArray z) {
            int n = (int) z.getShape().get(0);
            float[] flat = z.toFloatArray();
            int dim = m.latentDim();
            pending = new float[n];
            for (int i = 0; i < n; i++) {
                LabelParquet.LabelRow r = nextRow();
                float[] zi = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
                if (!Arrays.equals(zi, r.latent())
                        || !Arrays.equals(zi, LatentSampler.latent(m.seed(), r.index(), dim))) {
                    throw new IllegalStateException(
                            "latent " + r.index() + " in " + dir + " is not the sampler's");
                }
                pending[i] = r.months();
            }
            return z.getManager().zeros(new Shape(n, 1, 1, 1));
        }

        @Override
        public float[] predictMonths(NDArray images) {
            return pending;
        }

        private LabelParquet.LabelRow nextRow() {
            try {
                while (at == rows.size()) {
                    rows = LabelParquet.read(dir.resolve(SparkLabeler.partName(++part)));
                    at = 0;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            LabelParquet.LabelRow r = rows.get(at++);
            if (r.index() != next) {
                throw new IllegalStateException(
                        dir
                                + ": expected row "
                                + next
                                + ", found "
                                + r.index()
                                + " (a label set can only be written from the start)");
            }
            next++;
            return r;
        }
    }
}
