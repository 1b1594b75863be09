package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.gan.PgganConfig;
import org.junit.jupiter.api.Test;

class SpeedProbeTest {
    @Test
    void timesStableAndFadeInIterations() {
        PgganConfig c = PgganTrainerTest.tiny();
        double stable = SpeedProbe.secondsPerImage(c, 8, false, 2);
        double fade = SpeedProbe.secondsPerImage(c, 16, true, 2);
        assertThat(stable).isPositive().isLessThan(1);
        assertThat(fade).isPositive().isLessThan(1);
        assertThatThrownBy(() -> SpeedProbe.secondsPerImage(c, 4, true, 2))
                .hasMessageContaining("fade-in");
    }

    @Test
    void withersChangeOneField() {
        TrainingSchedule s = TrainingSchedule.shortRun(2, 10, 8);
        assertThat(s.withLearningRate(0.002).learningRateBase()).isEqualTo(0.002);
        assertThat(s.withLearningRate(0.002).withLearningRate(s.learningRateBase())).isEqualTo(s);
        assertThat(s.withInitialResolution(8).lodInitialResolution()).isEqualTo(8);
        assertThat(s.withInitialResolution(8).withInitialResolution(4)).isEqualTo(s);
    }
}
