package io.pggan.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.pggan.data.Bilinear;
import io.pggan.gan.training.TrainingSchedule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The differentiable entry points used by GAN inversion: Gs w.r.t. z, and the bilinear resize. */
class GenerateDifferentiableTest {
    static Pggan tiny() {
        return Pggan.builder()
                .latentDim(8)
                .resolution(16)
                .channels(1)
                .fmapMax(8)
                .configure(b -> b.fmapBase(64))
                .schedule(TrainingSchedule.shortRun(1, 2, 4).withInitialResolution(16))
                .seed(3)
                .progressBar(false)
                .build();
    }

    @Test
    void gradientWithRespectToTheLatentMatchesFiniteDifferences() {
        try (Pggan gan = tiny();
                NDManager m = NDManager.newBaseManager()) {
            Random rnd = new Random(5);
            float[] z = new float[2 * 8];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) rnd.nextGaussian();
            }
            float[] weights = new float[2 * 16 * 16];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) rnd.nextGaussian();
            }
            NDArray w = m.create(weights, new Shape(2, 1, 16, 16));
            NDArray zArray = m.create(z, new Shape(2, 8));
            zArray.setRequiresGradient(true);
            float[] grad;
            try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray images = gan.generateDifferentiable(zArray);
                assertThat(images.getShape()).isEqualTo(new Shape(2, 1, 16, 16));
                // the same values as the no-gradient path (which clips nothing either)
                float[] plain = gan.generate(m.create(z, new Shape(2, 8))).toFloatArray();
                float[] diff = images.toFloatArray();
                for (int i = 0; i < plain.length; i++) {
                    assertThat(diff[i]).isCloseTo(plain[i], within(1e-5f));
                }
                c.backward(images.mul(w).sum());
            }
            grad = zArray.getGradient().toFloatArray();
            double eps = 1e-3; // small: leaky ReLU has kinks
            for (int j : new int[] {0, 5, 11}) {
                float[] up = z.clone();
                float[] down = z.clone();
                up[j] += (float) eps;
                down[j] -= (float) eps;
                double fUp = gan.generate(m.create(up, new Shape(2, 8))).mul(w).sum().getFloat();
                double fDown =
                        gan.generate(m.create(down, new Shape(2, 8))).mul(w).sum().getFloat();
                double numeric = (fUp - fDown) / (2 * eps);
                assertThat(grad[j])
                        .isCloseTo(
                                (float) numeric, within(0.02f + 0.02f * (float) Math.abs(numeric)));
            }
            assertThat(gan.normalizesLatents()).isTrue();
        }
    }

    @Test
    void differentiableBilinearResizeEqualsTheArrayOneAndPassesGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random rnd = new Random(2);
            float[] px = new float[2 * 1 * 12 * 16];
            for (int i = 0; i < px.length; i++) {
                px[i] = rnd.nextFloat() * 2 - 1;
            }
            NDArray x = m.create(px, new Shape(2, 1, 12, 16));
            float[] expected = Bilinear.resize(x, 21).toFloatArray();
            x.setRequiresGradient(true);
            float[] grad;
            try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = Bilinear.resizeDifferentiable(x, 21);
                assertThat(y.getShape()).isEqualTo(new Shape(2, 1, 21, 21));
                float[] got = y.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isCloseTo(expected[i], within(1e-5f));
                }
                c.backward(y.sum());
            }
            grad = x.getGradient().toFloatArray();
            // every output's weights sum to 1, so the input gradients sum to the output count
            double sum = 0;
            for (float g : grad) {
                sum += g;
            }
            assertThat(sum).isCloseTo(2 * 21 * 21, within(1e-2));
        }
    }
}
