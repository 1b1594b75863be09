package io.pggan.spark;

import io.pggan.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Spark label folder holds ({@code _labels.json}): which models labelled which latents, in
 * which partitions. A rerun with the same manifest resumes; any difference is refused, as {@code
 * LatentLabeler} refuses another run's folder.
 */
record LabelManifest(
        int schema,
        String format,
        String modelId,
        String ageModelId,
        int cnnInputSize,
        int latentDim,
        long samples,
        long seed,
        int partitionSize,
        int featureDim,
        String sampler)
        implements java.io.Serializable {
    static final String FILE = "_labels.json"; // hidden from Spark's reader, as _SUCCESS is

    /** Writes the manifest of a new run, or checks that {@code dir} holds the same run. */
    void writeOrCheck(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        if (Files.exists(dir.resolve("manifest.json"))) {
            throw new IllegalArgumentException(
                    dir + " holds a LatentLabeler label set (manifest.json); use a new folder");
        }
        if (!Files.exists(f)) {
            try (var parts = Files.newDirectoryStream(dir, "part-*.parquet")) {
                if (parts.iterator().hasNext()) {
                    throw new IllegalArgumentException(
                            dir + " holds Parquet parts but no " + FILE + "; use a new folder");
                }
            }
            Json.write(f, this);
            return;
        }
        LabelManifest old;
        try {
            old = Json.mapper().readValue(f.toFile(), LabelManifest.class);
        } catch (IOException e) {
            throw new IOException(f + ": not a readable label manifest: " + e.getMessage(), e);
        }
        if (!old.equals(this)) {
            throw new IllegalArgumentException(
                    dir
                            + " holds another labelling run ("
                            + old
                            + "); cannot resume it as "
                            + this
                            + ". Use a new folder.");
        }
    }
}
