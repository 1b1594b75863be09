package io.pggan.latent.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.model.DifferentiableGenerator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectorTest {
    private static double cosine(float[] a, float[] b, int from) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[from + j];
            aa += a[j] * a[j];
            bb += b[from + j] * b[from + j];
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void recoversKnownLatentsAndTheLossFalls() {
        try (Pggan gan = TinyGan.build(3);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            Random rnd = new Random(11);
            float[] truth = new float[3 * 8];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = (float) rnd.nextGaussian();
            }
            // unclipped, so that the true latents are exact minima
            NDArray targets = gan.generate(m.create(truth, new Shape(3, 8)));
            ProjectionConfig cfg =
                    ProjectionConfig.builder()
                            .steps(120)
                            .restarts(2)
                            .candidates(32)
                            .batchSize(4) // two targets per batch: the third runs in a second
                            .progressBar(false)
                            .seed(1)
                            .build();
            Projector p =
                    Projector.builder().generator(g).features(TinyGan.pooled()).config(cfg).build();
            List<Projection> out = p.project(m, targets);
            assertThat(out).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Projection r = out.get(i);
                float[] losses = r.losses();
                assertThat(losses).hasSize(120);
                double first = (losses[0] + losses[1] + losses[2]) / 3;
                double last = (losses[117] + losses[118] + losses[119]) / 3;
                assertThat(last).as("target %d: loss falls", i).isLessThan(first / 100);
                assertThat(r.pixelLoss()).as("target %d pixel MSE", i).isLessThan(1e-3);
                // Gs pixel-normalises z: only its direction is identifiable
                assertThat(cosine(r.latent(), truth, i * 8)).as("target %d", i).isGreaterThan(0.99);
                assertThat(r.priorLoss()).isLessThan(1e-3);
                assertThat(r.loss())
                        .isCloseTo(r.pixelLoss() + r.featureLoss() + r.priorLoss(), within(1e-6));
            }
        }
    }

    @Test
    void pixelOnlyProjectionNeedsNoFeaturesAndBadInputIsRefused() {
        try (Pggan gan = TinyGan.build(4);
                NDManager m = NDManager.newBaseManager()) {
            PgganLatentGenerator g = new PgganLatentGenerator(gan, "tiny");
            ProjectionConfig pixelOnly =
                    ProjectionConfig.builder()
                            .featureWeight(0)
                            .steps(20)
                            .restarts(1)
                            .candidates(0)
                            .progressBar(false)
                            .build();
            NDArray target = g.generate(m.create(new float[8], new Shape(1, 8)).add(0.5f));
            Projection r =
                    Projector.builder()
                            .generator(g)
                            .config(pixelOnly)
                            .build()
                            .project(m, target)
                            .get(0);
            assertThat(r.featureLoss()).isZero();
            assertThat(r.losses()[19]).isLessThan(r.losses()[0]);
            assertThatThrownBy(
                            () ->
                                    Projector.builder()
                                            .generator(g)
                                            .config(pixelOnly)
                                            .build()
                                            .project(m, m.zeros(new Shape(1, 1, 8, 8))))
                    .hasMessageContaining("targets are images of shape (1, 8, 8)")
                    .hasMessageContaining("(1, 16, 16)");
            assertThatThrownBy(() -> Projector.builder().generator(g).build())
                    .hasMessageContaining("featureWeight is 1.0 but no features were given");
        }
    }

    @Test
    void scheduleAndConfiguration() {
        Projector p =
                Projector.builder()
                        .generator(dummy())
                        .config(ProjectionConfig.builder().featureWeight(0).build())
                        .build();
        assertThat(p.learningRate(0)).isZero();
        assertThat(p.learningRate(0.025)).isCloseTo(0.05, within(1e-12));
        assertThat(p.learningRate(0.5)).isCloseTo(0.1, within(1e-12));
        assertThat(p.learningRate(0.875)).isCloseTo(0.05, within(1e-12));
        assertThat(p.learningRate(1)).isZero();
        assertThat(p.noise(0)).isCloseTo(0.05, within(1e-12));
        assertThat(p.noise(0.375)).isCloseTo(0.0125, within(1e-12));
        assertThat(p.noise(0.8)).isZero();
        assertThat(ProjectionConfig.defaults().toJson()).contains("\"steps\" : 200");
        ProjectionConfig custom = ProjectionConfig.builder().steps(7).priorWeight(0.5).build();
        assertThat(ProjectionConfig.fromJson(custom.toJson())).isEqualTo(custom);
        assertThatThrownBy(() -> ProjectionConfig.fromJson("{\"steps\": 7}"))
                .hasMessageContaining("not a ProjectionConfig");
        assertThatThrownBy(() -> ProjectionConfig.builder().restarts(8).batchSize(4).build())
                .hasMessageContaining("batchSize must hold at least one target's restarts (8)");
        assertThatThrownBy(() -> ProjectionConfig.builder().pixelWeight(0).featureWeight(0).build())
                .hasMessageContaining("not both 0");
    }

    private static DifferentiableGenerator dummy() {
        return new DifferentiableGenerator() {
            @Override
            public NDArray generateDifferentiable(NDArray z) {
                return z;
            }

            @Override
            public int latentDim() {
                return 2;
            }

            @Override
            public NDArray generate(NDArray z) {
                return z;
            }

            @Override
            public String modelId() {
                return "dummy";
            }
        };
    }
}
