package io.pggan.agecnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The differentiable inference entry points used by GAN inversion. */
class InputGradientTest {
    private static final int SIZE = 71;

    @Test
    void featuresAndMonthsAreDifferentiableInTheImagesWithFrozenWeights() {
        try (AgeRegressor model =
                        AgeRegressor.builder()
                                .widthMultiplier(0.0625)
                                .useSex(false)
                                .progressBar(false)
                                .seed(4)
                                .build();
                NDManager m = NDManager.newBaseManager()) {
            Random rnd = new Random(9);
            float[] px = new float[2 * SIZE * SIZE];
            for (int i = 0; i < px.length; i++) {
                px[i] = rnd.nextFloat() * 1.6f - 0.8f;
            }
            Shape shape = new Shape(2, 1, SIZE, SIZE);
            float[] expectedFeatures = model.features(m.create(px, shape)).toFloatArray();
            float[] expectedMonths = model.predict(m.create(px, shape));
            float[] r = new float[2 * model.featureSize()];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) rnd.nextGaussian();
            }
            NDArray weights = m.create(r, new Shape(2, model.featureSize()));
            Parameter someWeight = model.network().getParameters().valueAt(0);
            NDArray x = m.create(px, shape);
            x.setRequiresGradient(true);
            float[] grad;
            AgeRegressor.FrozenWeights frozen = model.freezeWeights();
            try {
                assertThat(someWeight.getArray().hasGradient()).isFalse();
                try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray f = model.differentiableFeatures(x);
                    NDArray months = model.differentiableMonths(f, null);
                    float[] got = f.toFloatArray();
                    for (int i = 0; i < got.length; i++) {
                        assertThat(got[i]).isCloseTo(expectedFeatures[i], within(1e-4f));
                    }
                    float[] gotMonths = months.toFloatArray();
                    assertThat(gotMonths[0]).isCloseTo(expectedMonths[0], within(1e-3f));
                    assertThat(gotMonths[1]).isCloseTo(expectedMonths[1], within(1e-3f));
                    c.backward(f.mul(weights).sum());
                }
                grad = x.getGradient().toFloatArray();
            } finally {
                frozen.close();
            }
            assertThat(someWeight.getArray().hasGradient()).isTrue(); // trainable again
            // directional derivative along a random direction against central differences
            float[] u = new float[px.length];
            double analytic = 0;
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) rnd.nextGaussian();
                analytic += grad[i] * u[i];
            }
            double eps = 1e-4; // small: ReLU and max-pooling have kinks
            float[] up = px.clone();
            float[] down = px.clone();
            for (int i = 0; i < u.length; i++) {
                up[i] += (float) (eps * u[i]);
                down[i] -= (float) (eps * u[i]);
            }
            double fUp = model.features(m.create(up, shape)).mul(weights).sum().getFloat();
            double fDown = model.features(m.create(down, shape)).mul(weights).sum().getFloat();
            double numeric = (fUp - fDown) / (2 * eps);
            assertThat(analytic).isNotZero();
            assertThat(analytic).isCloseTo(numeric, within(0.03 * Math.abs(numeric) + 1e-3));
        }
    }
}
