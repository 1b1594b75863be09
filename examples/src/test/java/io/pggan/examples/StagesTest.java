package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagesTest {
    @TempDir Path tmp;

    @Test
    void aFinishedStageIsSkippedAndAFailedOneRunsAgain() throws Exception {
        Stages stages = new Stages(tmp);
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                stages.run(
                                        "gan",
                                        () -> {
                                            runs.incrementAndGet();
                                            throw new IllegalStateException("stopped");
                                        }))
                .hasMessage("stopped");
        assertThat(stages.done("gan")).isFalse();
        assertThat(tmp.resolve("stages/gan.json")).doesNotExist();

        stages.run("gan", runs::incrementAndGet);
        assertThat(stages.done("gan")).isTrue();
        assertThat(stages.run("gan", runs::incrementAndGet)).isZero();
        assertThat(runs.get()).isEqualTo(2);

        assertThat(Files.readString(tmp.resolve("stages/gan.json"))).contains("\"seconds\"");
        assertThat(stages.seconds("data", "gan")).containsOnlyKeys("gan");
    }
}
