package io.pggan.examples.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SexClassifierTest {
    @Test
    void learnsASexSignalAndIsAtChanceWithoutOne() {
        Random r = new Random(1);
        int n = 400;
        float[][] x = new float[n][];
        float[][] noise = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            // feature 3 carries the sex (shifted by 2 sd), on a large offset and scale
            x[i] =
                    new float[] {
                        (float) r.nextGaussian(),
                        50 + 10 * (float) r.nextGaussian(),
                        0,
                        1000 + 100 * (float) (r.nextGaussian() + 2 * y[i])
                    };
            noise[i] = new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()};
        }
        SexClassifier c = SexClassifier.fit(x, y, 1.0, 3);
        float[][] test = new float[200][];
        int[] ty = new int[200];
        for (int i = 0; i < 200; i++) {
            ty[i] = r.nextInt(2);
            test[i] = new float[] {0, 50, 0, 1000 + 100 * (float) (r.nextGaussian() + 2 * ty[i])};
        }
        // two classes 2 sd apart: the Bayes accuracy is Phi(1) = 0.84
        assertThat(c.accuracy(test, ty)).isBetween(0.75, 0.93);
        SexClassifier blind = SexClassifier.fit(noise, y, 1.0, 3);
        float[][] noiseTest = new float[200][];
        for (int i = 0; i < 200; i++) {
            noiseTest[i] = new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()};
        }
        assertThat(blind.accuracy(noiseTest, ty)).isBetween(0.35, 0.65);
        assertThat(ConditionalAgesStage.mae(new double[] {1, 2, 3}, new double[] {2, 2, 1}))
                .isEqualTo(1.0);
    }
}
