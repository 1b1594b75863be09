package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pggan.gan.training.TrainingSchedule.Position;
import org.junit.jupiter.api.Test;

class TrainingScheduleTest {
    private final TrainingSchedule s = TrainingSchedule.official();

    @Test
    void officialTableAt1024() {
        Position p = s.at(0, 1024, 1);
        assertThat(p.resolution()).isEqualTo(4);
        assertThat(p.alpha()).isEqualTo(1f);
        assertThat(p.minibatch()).isEqualTo(128);
        assertThat(p.lod()).isEqualTo(8.0);
        // fade-in to 8 uses 8's minibatch and alpha goes 0 -> 1
        p = s.at(900, 1024, 1);
        assertThat(p.resolution()).isEqualTo(8);
        assertThat(p.fadeIn()).isTrue();
        assertThat((double) p.alpha()).isCloseTo(0.5, within(1e-6));
        assertThat(p.lod()).isCloseTo(7.5, within(1e-9));
        p = s.at(3001, 1024, 1); // fade-in to 32 has started
        assertThat(p.resolution()).isEqualTo(32);
        assertThat(p.minibatch()).isEqualTo(64);
        p = s.at(9001, 1024, 1);
        assertThat(p.resolution()).isEqualTo(1024);
        assertThat(p.minibatch()).isEqualTo(4);
        assertThat(p.gLr()).isEqualTo(0.0015);
        assertThat(p.dLr()).isEqualTo(0.0015);
        p = s.at(8999, 1024, 1);
        assertThat(p.resolution()).isEqualTo(512);
        assertThat(p.gLr()).isEqualTo(0.001);
        p = s.at(11999, 1024, 1);
        assertThat(p.lod()).isEqualTo(0.0);
        assertThat(p.alpha()).isEqualTo(1f);
        assertThat(s.totalKimg()).isEqualTo(12000);
        assertThat(p.tickKimg()).isEqualTo(10);
    }

    @Test
    void minibatchIsAMultipleOfTheReplicas() {
        assertThat(s.at(9000, 1024, 3).minibatch()).isEqualTo(3);
        assertThat(s.at(0, 1024, 3).minibatch()).isEqualTo(126);
    }

    @Test
    void shortRunStabilisesThenFades() {
        TrainingSchedule r = TrainingSchedule.shortRun(1, 10, 8);
        assertThat(r.at(0.5, 16, 1).resolution()).isEqualTo(4);
        assertThat(r.at(1.25, 16, 1).alpha()).isCloseTo(0.25f, within(1e-6f));
        assertThat(r.at(1.25, 16, 1).resolution()).isEqualTo(8);
        assertThat(r.at(5, 16, 1).resolution()).isEqualTo(16);
        assertThat(r.at(5, 16, 1).alpha()).isEqualTo(1f);
    }
}
