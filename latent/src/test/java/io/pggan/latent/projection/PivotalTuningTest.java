package io.pggan.latent.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PivotalTuningTest {

    @Test
    void tuningReproducesAnOutOfRangeTargetAndCloseRestoresTheWeights() {
        try (Pggan gan = TinyGan.build(3);
                Pggan other = TinyGan.build(8);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            float[] z = {0.4f, -0.9f, 1.1f, 0.2f, -0.3f, 0.8f, -1.4f, 0.5f};
            // another network's image: not in the range of g
            NDArray target = other.generate(m.create(z, new Shape(1, 8)));
            float[] targetPixels = target.toFloatArray();
            Projection p =
                    Projector.builder()
                            .generator(g)
                            .features(TinyGan.pooled())
                            .config(
                                    ProjectionConfig.builder()
                                            .steps(60)
                                            .restarts(2)
                                            .candidates(16)
                                            .progressBar(false)
                                            .build())
                            .build()
                            .project(m, target)
                            .get(0);
            float[] pivot = p.latent();
            float[] local = {1f, 0f, -1f, 0.5f, 0.5f, -0.5f, 0f, 1f};
            float[] localBefore = g.generate(m.create(local, new Shape(1, 8))).toFloatArray();
            double before =
                    TinyGan.mse(
                            g.generate(m.create(pivot, new Shape(1, 8))).toFloatArray(),
                            targetPixels);
            List<float[]> weightsBefore = g.weights().stream().map(NDArray::toFloatArray).toList();
            PivotalTuning tuning =
                    new PivotalTuning(
                            new PivotalTuningConfig(60, 1e-2, 1, 1, 1, 4, 0), g, TinyGan.pooled());
            try (PivotalTuning.Tuned tuned = tuning.tune(m, List.of(pivot), target)) {
                double after =
                        TinyGan.mse(
                                g.generate(m.create(pivot, new Shape(1, 8))).toFloatArray(),
                                targetPixels);
                assertThat(after).isLessThan(before / 4);
                float[] losses = tuned.losses();
                assertThat(losses[losses.length - 1]).isLessThan(losses[0]);
            }
            // restored exactly: weights, and so images
            for (int i = 0; i < weightsBefore.size(); i++) {
                assertThat(g.weights().get(i).toFloatArray()).containsExactly(weightsBefore.get(i));
                assertThat(g.weights().get(i).hasGradient()).isFalse();
            }
            assertThat(g.generate(m.create(local, new Shape(1, 8))).toFloatArray())
                    .containsExactly(localBefore);
            assertThatThrownBy(() -> tuning.tune(m, List.of(pivot, pivot), target))
                    .hasMessageContaining("2 pivots for 1 targets");
        }
    }
}
