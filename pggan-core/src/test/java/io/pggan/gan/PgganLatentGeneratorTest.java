package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.gan.training.TrainingSchedule;
import io.pggan.model.LatentGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgganLatentGeneratorTest {
    @Test
    void aPgganIsALatentGeneratorNamedByItsWeights(@TempDir Path dir) {
        try (Pggan gan =
                        Pggan.builder()
                                .resolution(8)
                                .latentDim(8)
                                .fmapMax(8)
                                .schedule(TrainingSchedule.shortRun(0.016, 0.048, 8))
                                .progressBar(false)
                                .build();
                NDManager m = NDManager.newBaseManager()) {
            Path a = dir.resolve("a.zip");
            gan.save(a);
            LatentGenerator g = PgganLatentGenerator.of(gan, a);
            assertThat(g.latentDim()).isEqualTo(8);
            assertThat(g.modelId()).matches("pggan-a\\.zip-[0-9a-f]{16}");
            assertThat(PgganLatentGenerator.idOf(a)).isEqualTo(g.modelId());
            gan.train(new InMemorySource(8, 1, 8, 3), 2);
            Path b = dir.resolve("a-trained.zip");
            gan.save(b);
            assertThat(PgganLatentGenerator.idOf(b).substring(20))
                    .isNotEqualTo(g.modelId().substring(12));
            NDArray images = g.generate(gan.latents(m, 16, 1L).mul(50));
            assertThat(images.getShape().get(0)).isEqualTo(16);
            assertThat(images.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(images.min().getFloat()).isGreaterThanOrEqualTo(-1f);
        }
    }
}
