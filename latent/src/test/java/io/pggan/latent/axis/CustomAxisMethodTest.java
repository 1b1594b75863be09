package io.pggan.latent.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pggan.latent.SyntheticWorld;
import org.junit.jupiter.api.Test;

/** A new axis method is one class and one line (as the README shows). */
class CustomAxisMethodTest {
    /** The oldest half's mean latent minus the youngest half's. */
    static final class MeanDifference implements AxisMethod {
        @Override
        public String name() {
            return "MEAN_DIFFERENCE";
        }

        @Override
        public Direction find(AxisSample train) {
            double median =
                    java.util.Arrays.stream(train.months()).sorted().toArray()[train.size() / 2];
            double[] d = new double[train.latents()[0].length];
            for (int i = 0; i < train.size(); i++) {
                double sign = train.months()[i] >= median ? 1 : -1;
                for (int j = 0; j < d.length; j++) {
                    d[j] += sign * train.latents()[i][j];
                }
            }
            return Direction.of(d);
        }
    }

    @Test
    void aMethodOfOneClassIsUsedLikeTheBuiltInOnes() {
        SyntheticWorld world = new SyntheticWorld(16, 3);
        float[][] z = world.latents(2000, 5);
        double[] months = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            months[i] = world.age(z[i]);
        }
        AgeAxis axis =
                LatentAxisFinder.builder()
                        .model("synthetic", 16)
                        .method(new MeanDifference())
                        .build()
                        .fit(z, months);
        assertThat(axis.method()).isEqualTo("MEAN_DIFFERENCE");
        assertThat(SyntheticWorld.cosine(axis.direction(), world.ageDirection)).isGreaterThan(0.95);
        // calibrated in months by the finder, as for every method that is not a regression
        assertThat(axis.testErrors().mean()).isLessThan(0.5 * axis.testMaeOfMean());
        assertThat(axis.monthsPerUnit()).isPositive();
    }
}
