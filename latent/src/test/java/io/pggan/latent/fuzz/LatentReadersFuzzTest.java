package io.pggan.latent.fuzz;

import static io.pggan.fuzz.FuzzFiles.expectMessage;
import static io.pggan.fuzz.FuzzFiles.write;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pggan.fuzz.FuzzFiles;
import io.pggan.io.Json;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.projection.ProjectionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzz targets for the latent module's readers: the axis JSON, the labelling manifest and its
 * shards, the projection configuration. Same contract and commands as pggan-core's {@code
 * CoreReadersFuzzTest} (corpus in {@code
 * src/test/resources/io/pggan/latent/fuzz/LatentReadersFuzzTestInputs/<method>/}):
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -ntp test -pl latent -Dtest=LatentReadersFuzzTest#ageAxis \
 *     -Dsurefire.argLine="-Xmx1g -Dai.djl.offline=true"
 * </pre>
 */
public class LatentReadersFuzzTest {
    static final String MODEL = "fuzz-model";
    static final int DIM = 4;

    @FuzzTest(maxDuration = "2m")
    void ageAxis(byte[] data) {
        Path f = write("axis.json", data);
        try {
            AgeAxis a = AgeAxis.load(f, MODEL, DIM);
            a.project(new float[DIM]);
        } catch (IOException | IllegalArgumentException e) {
            expectMessage(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void projectionConfig(byte[] data) {
        try {
            ProjectionConfig.fromJson(new String(data, StandardCharsets.UTF_8)).toJson();
        } catch (IllegalArgumentException e) {
            expectMessage(e);
        }
    }

    /** A fuzzed manifest.json next to the valid shards of {@link #validSet}. */
    @FuzzTest(maxDuration = "2m")
    void labelManifest(byte[] data) {
        Path dir = validSet();
        write("labels/manifest.json", data);
        readAll(dir);
    }

    /** A valid label set whose first latents shard is fuzzed. */
    @FuzzTest(maxDuration = "2m")
    void labelShard(byte[] data) {
        Path dir = validSet();
        write("labels/shard_00000.latents.npy", data);
        readAll(dir);
    }

    private static void readAll(Path dir) {
        try {
            LabelSet s = LabelSet.open(dir);
            s.latents();
            s.months();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            expectMessage(e);
        }
    }

    /** A manifest of 3 samples of 4 values in shards of 2, with its shards (rewritten). */
    static Path validSet() {
        Path dir = FuzzFiles.scratch().resolve("labels");
        try {
            Files.createDirectories(dir);
            Json.write(
                    dir.resolve("manifest.json"),
                    Map.of(
                            "schema", 1,
                            "modelId", MODEL,
                            "latentDim", DIM,
                            "samples", 3,
                            "seed", 7,
                            "shardSize", 2,
                            "featureDim", 0,
                            "sampler", "fuzz"));
            float[] z = {1, 2, 3, 4, 5, 6, 7, 8};
            Npy.write(dir.resolve("shard_00000.latents.npy"), NpyArray.ofFloats(z, 2, DIM));
            Npy.write(
                    dir.resolve("shard_00001.latents.npy"),
                    NpyArray.ofFloats(new float[DIM], 1, DIM));
            Npy.write(
                    dir.resolve("shard_00000.months.npy"),
                    NpyArray.ofFloats(new float[] {10, 20}, 2));
            Npy.write(
                    dir.resolve("shard_00001.months.npy"), NpyArray.ofFloats(new float[] {30}, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
