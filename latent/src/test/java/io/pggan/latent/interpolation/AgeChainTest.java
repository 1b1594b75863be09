package io.pggan.latent.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgeChainTest {

    @Test
    void stepsToTheNearestLatentAboutTwoYearsOlder() {
        float[][] z = {
            {0, 0}, // 0: 40 months, the start
            {5, 5}, // 1: 64 months but far away
            {1, 0}, // 2: 66 months and near: chosen
            {1, 1}, // 3: 90 months
            {9, 9}, // 4: 200 months: no step reaches it
            {0, 1}, // 5: 45 months: also in the start range, farther from its middle
        };
        double[] months = {42, 64, 66, 90, 200, 47};
        List<Integer> keys =
                AgeChain.builder()
                        .startMonths(36, 48)
                        .stepMonths(24)
                        .stepTolerance(4)
                        .build()
                        .keys(z, months);
        assertThat(keys).containsExactly(0, 2, 3);
    }

    @Test
    void stopsAtTheAgeLimitAndAfterMaxSteps() {
        float[][] z = new float[20][1];
        double[] months = new double[20];
        for (int i = 0; i < 20; i++) {
            z[i][0] = i;
            months[i] = 40 + 24 * i;
        }
        assertThat(AgeChain.builder().maxSteps(3).build().keys(z, months))
                .containsExactly(0, 1, 2, 3);
        assertThat(AgeChain.builder().maxMonths(120).build().keys(z, months))
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void explainsAMissingStart() {
        float[][] z = {{0}, {1}};
        assertThatThrownBy(() -> AgeChain.builder().build().keys(z, new double[] {100, 120}))
                .hasMessageContaining("between 36.0 and 48.0 months");
        assertThatThrownBy(() -> AgeChain.builder().build().keys(z, new double[] {1}))
                .hasMessageContaining("2 latents but 1 ages");
    }
}
