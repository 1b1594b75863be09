package io.pggan.latent.fuzz;

import io.pggan.latent.axis.AgeAxis;
import io.pggan.latent.projection.ProjectionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the starting corpus of {@link LatentReadersFuzzTest} (valid files):
 *
 * <pre>
 * mvn test -pl latent -Dtest=LatentFuzzSeedsWriter -DexcludedTestGroups=none
 * </pre>
 */
@Tag("benchmark")
class LatentFuzzSeedsWriter {
    static final Path INPUTS =
            Path.of("src/test/resources/io/pggan/latent/fuzz/LatentReadersFuzzTestInputs");

    static void seed(String target, String name, byte[] data) throws IOException {
        Files.createDirectories(INPUTS.resolve(target));
        Files.write(INPUTS.resolve(target).resolve(name), data);
    }

    @Test
    void writeSeeds() throws IOException {
        Path dir = LatentReadersFuzzTest.validSet();
        seed("labelManifest", "valid", Files.readAllBytes(dir.resolve("manifest.json")));
        seed("labelShard", "valid", Files.readAllBytes(dir.resolve("shard_00000.latents.npy")));
        AgeAxis axis =
                new AgeAxis(
                        1,
                        LatentReadersFuzzTest.MODEL,
                        LatentReadersFuzzTest.DIM,
                        "LASSO_CV",
                        new double[] {0.6, 0.8, 0, 0},
                        12.5,
                        100,
                        List.of(),
                        0.01,
                        2,
                        Double.NaN,
                        0.9,
                        null,
                        null,
                        30);
        seed("ageAxis", "valid", axis.toJson().getBytes(StandardCharsets.UTF_8));
        seed(
                "projectionConfig",
                "defaults",
                ProjectionConfig.defaults().toJson().getBytes(StandardCharsets.UTF_8));
    }
}
