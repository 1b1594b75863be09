package io.pggan.latent.labeling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.Csv;
import io.pggan.io.Json;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.model.LatentGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A folder written by {@link LatentLabeler}: sampled latents with their predicted age. File names
 * are derived from the manifest, never taken from the CSV index, so a tampered index cannot point
 * outside the folder.
 */
public final class LabelSet {
    private static final ObjectMapper JSON = Json.mapper();

    private final Path dir;
    private final Manifest manifest;

    private LabelSet(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * The run's description.
     *
     * @param schema format version (1)
     * @param modelId the generator's id
     * @param latentDim latent size
     * @param samples total samples
     * @param seed sampling seed
     * @param shardSize rows per shard (the last may be shorter)
     * @param featureDim predictor features kept per sample (0 if none)
     * @param sampler how latents are drawn
     */
    public record Manifest(
            int schema,
            String modelId,
            int latentDim,
            long samples,
            long seed,
            int shardSize,
            int featureDim,
            String sampler) {}

    /** Opens a complete label set; fails naming the first missing or malformed shard. */
    public static LabelSet open(Path dir) throws IOException {
        Manifest m = readManifest(dir);
        for (int s = 0; s < shards(m); s++) {
            if (!shardComplete(dir, m, s)) {
                throw new IOException(
                        dir
                                + ": shard "
                                + s
                                + " is missing or incomplete; rerun the labeler to resume");
            }
        }
        return new LabelSet(dir, m);
    }

    /** Opens a label set and refuses it unless it was made with {@code generator}. */
    public static LabelSet open(Path dir, LatentGenerator generator) throws IOException {
        LabelSet set = open(dir);
        if (!set.manifest.modelId().equals(generator.modelId())
                || set.manifest.latentDim() != generator.latentDim()) {
            throw new IllegalArgumentException(
                    dir
                            + " was labelled with model '"
                            + set.manifest.modelId()
                            + "' (latentDim "
                            + set.manifest.latentDim()
                            + "), not '"
                            + generator.modelId()
                            + "' (latentDim "
                            + generator.latentDim()
                            + ")");
        }
        return set;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** All latents {@code [samples][latentDim]} in sample order. */
    public float[][] latents() throws IOException {
        return readRows(LabelSet::latentsFile, manifest.latentDim());
    }

    /** Predicted months of every sample. */
    public double[] months() throws IOException {
        double[] out = new double[Math.toIntExact(manifest.samples())];
        int at = 0;
        for (int s = 0; s < shards(manifest); s++) {
            double[] v = Npy.read(monthsFile(dir, s)).doubles();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Kept features {@code [samples][featureDim]}; fails if none were kept. */
    public float[][] features() throws IOException {
        if (manifest.featureDim() == 0) {
            throw new IllegalStateException(dir + " has no features (keepFeatures was off)");
        }
        return readRows(LabelSet::featuresFile, manifest.featureDim());
    }

    private interface FileOf {
        Path file(Path dir, int shard);
    }

    private float[][] readRows(FileOf f, int width) throws IOException {
        float[][] out = new float[Math.toIntExact(manifest.samples())][];
        int at = 0;
        for (int s = 0; s < shards(manifest); s++) {
            NpyArray a = Npy.read(f.file(dir, s));
            float[] v = a.floats();
            for (int r = 0; r < a.dim(0); r++) {
                out[at++] = Arrays.copyOfRange(v, r * width, (r + 1) * width);
            }
        }
        return out;
    }

    // ---- format helpers shared with the labeler

    static int shards(Manifest m) {
        return (int) ((m.samples() + m.shardSize() - 1) / m.shardSize());
    }

    static int shardRows(Manifest m, int shard) {
        long first = (long) shard * m.shardSize();
        return (int) Math.min(m.shardSize(), m.samples() - first);
    }

    static Path latentsFile(Path dir, int shard) {
        return dir.resolve(String.format(Locale.ROOT, "shard_%05d.latents.npy", shard));
    }

    static Path monthsFile(Path dir, int shard) {
        return dir.resolve(String.format(Locale.ROOT, "shard_%05d.months.npy", shard));
    }

    static Path featuresFile(Path dir, int shard) {
        return dir.resolve(String.format(Locale.ROOT, "shard_%05d.features.npy", shard));
    }

    /** A shard is complete when all its files exist with the expected shapes. */
    static boolean shardComplete(Path dir, Manifest m, int shard) {
        int rows = shardRows(m, shard);
        try {
            if (!Arrays.equals(
                    shapeIfExists(latentsFile(dir, shard)), new long[] {rows, m.latentDim()})) {
                return false;
            }
            if (m.featureDim() > 0
                    && !Arrays.equals(
                            shapeIfExists(featuresFile(dir, shard)),
                            new long[] {rows, m.featureDim()})) {
                return false;
            }
            return Arrays.equals(shapeIfExists(monthsFile(dir, shard)), new long[] {rows});
        } catch (IOException e) {
            return false;
        }
    }

    private static long[] shapeIfExists(Path f) throws IOException {
        return Files.isRegularFile(f) ? Npy.readHeader(f).shape() : null;
    }

    static Manifest readManifest(Path dir) throws IOException {
        Path f = dir.resolve("manifest.json");
        Manifest m;
        try {
            m = JSON.readValue(f.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new IOException(f + ": not a readable label-set manifest: " + e.getMessage(), e);
        }
        if (m.schema() != 1
                || m.latentDim() < 1
                || m.samples() < 1
                || m.shardSize() < 1
                || m.featureDim() < 0
                || m.modelId() == null) {
            throw new IOException(f + ": invalid manifest " + m);
        }
        return m;
    }

    /** Writes the manifest of a new run, or checks that an existing run is the same run. */
    static void writeOrCheckManifest(Path dir, Manifest m) throws IOException {
        Path f = dir.resolve("manifest.json");
        if (Files.exists(f)) {
            Manifest old = readManifest(dir);
            if (!old.equals(m)) {
                throw new IllegalArgumentException(
                        dir
                                + " holds another labelling run ("
                                + old
                                + "); cannot resume it as "
                                + m
                                + ". Use a new folder.");
            }
            return;
        }
        Json.write(f, m);
    }

    /** Rewrites {@code index.csv} listing the completed shards. */
    static void writeIndex(Path dir, Manifest m) throws IOException {
        Csv.Table index =
                Csv.table("shard", "first_index", "count", "latents", "months", "features");
        for (int s = 0; s < shards(m); s++) {
            if (shardComplete(dir, m, s)) {
                index.row(
                        s,
                        (long) s * m.shardSize(),
                        shardRows(m, s),
                        latentsFile(dir, s).getFileName(),
                        monthsFile(dir, s).getFileName(),
                        m.featureDim() > 0 ? featuresFile(dir, s).getFileName() : "");
            }
        }
        index.write(dir.resolve("index.csv"));
    }
}
