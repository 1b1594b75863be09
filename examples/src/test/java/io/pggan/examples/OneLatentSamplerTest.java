package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.latent.labeling.LabelSet;
import io.pggan.latent.labeling.LatentLabeler;
import io.pggan.model.AgePredictor;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latent i of seed s is the same vector (and image) from every entry point. */
class OneLatentSamplerTest {
    @Test
    void latentIOfSeedSIsOneVectorEverywhere(@TempDir Path dir) throws Exception {
        int dim = 16;
        long seed = 2031;
        int n = 70;
        try (Pggan gan =
                        Pggan.builder()
                                .resolution(8)
                                .latentDim(dim)
                                .fmapMax(8)
                                .schedule(TrainingSchedule.shortRun(0.016, 0.064, 8))
                                .progressBar(false)
                                .build();
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            // A predictor that reads the first pixel, so every labelled image is accounted for.
            AgePredictor firstPixel =
                    images -> {
                        float[] v = images.toFloatArray();
                        int per = v.length / (int) images.getShape().get(0);
                        float[] out = new float[(int) images.getShape().get(0)];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = v[i * per];
                        }
                        return out;
                    };
            LabelSet labels =
                    LatentLabeler.builder()
                            .samples(n)
                            .seed(seed)
                            .batchSize(16)
                            .shardSize(32)
                            .progress(false)
                            .build()
                            .label(dir.resolve("labels"), m, g, firstPixel);
            float[][] labelled = labels.latents();
            float[] fromPggan = gan.latents(m, n, seed).toFloatArray();
            float[] fromSampler = LatentSampler.latents(seed, 0, n, dim);
            NDArray images = gan.generate(n, seed);
            float[] pixels = images.toFloatArray();
            int per = pixels.length / n;
            for (int i = 0; i < n; i++) {
                float[] z = LatentSampler.latent(seed, i, dim);
                assertThat(labelled[i]).as("label set, latent %d", i).containsExactly(z);
                assertThat(Arrays.copyOfRange(fromPggan, i * dim, (i + 1) * dim))
                        .as("Pggan.latents, latent %d", i)
                        .containsExactly(z);
                assertThat(Arrays.copyOfRange(fromSampler, i * dim, (i + 1) * dim))
                        .containsExactly(z);
                // Pggan.generate(n, seed) image i is the image of that vector; so is its label.
                assertThat(labels.months()[i])
                        .as("label of image %d", i)
                        .isCloseTo(Math.max(-1f, Math.min(1f, pixels[i * per])), within(1e-5));
            }
            images.close();
        }
    }
}
