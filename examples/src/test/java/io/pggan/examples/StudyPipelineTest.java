package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.examples.study.RunLayout;
import io.pggan.examples.study.Stage;
import io.pggan.examples.study.StudyContext;
import io.pggan.examples.study.StudyPipeline;
import io.pggan.examples.study.StudyPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's bookkeeping with small stages of the test's own (no model is trained). */
class StudyPipelineTest {
    @TempDir Path tmp;

    /** A stage that records its runs, fails while {@code failures} is positive. */
    private static final class Probe implements Stage {
        final String name;
        final List<String> log;
        int failures;
        boolean enabled = true;

        Probe(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean enabled(StudyPlan plan) {
            return enabled;
        }

        @Override
        public void run(StudyContext study) throws Exception {
            log.add(name + " " + study.stageSeconds().keySet());
            if (failures-- > 0) {
                throw new IllegalStateException(name + " stopped");
            }
            Files.writeString(study.layout().root().resolve(name + ".out"), name);
        }
    }

    @Test
    void aFinishedStageIsSkippedAFailedOneRunsAgainAndADisabledOneIsPassedOver() throws Exception {
        List<String> log = new ArrayList<>();
        Probe a = new Probe("a", log);
        Probe b = new Probe("b", log);
        Probe off = new Probe("off", log);
        off.enabled = false;
        b.failures = 1;
        StudyPipeline p = new StudyPipeline(List.of(a, off, b));
        assertThat(p.names()).containsExactly("a", "off", "b");
        assertThat(p.names(StudyPlan.quick())).containsExactly("a", "b");
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> p.run(StudyPlan.quick(), out)).hasMessage("b stopped");
        RunLayout layout = new RunLayout(out);
        assertThat(StudyPipeline.done(layout, "a")).isTrue();
        assertThat(StudyPipeline.done(layout, "b")).isFalse();
        assertThat(layout.marker("b")).doesNotExist();

        p.run(StudyPlan.quick(), out);
        assertThat(log).containsExactly("a []", "b [a]", "b [a]");
        assertThat(StudyPipeline.done(layout, "b")).isTrue();
        assertThat(Files.readString(layout.marker("b"))).contains("\"seconds\"");
        assertThat(StudyPipeline.done(layout, "off")).isFalse();

        p.run(StudyPlan.quick(), out);
        assertThat(log).hasSize(3);
        assertThat(StudyPlan.read(layout.plan())).isEqualTo(StudyPlan.quick());
    }

    @Test
    void aFolderHoldsOnePlanAndStageNamesDiffer() throws Exception {
        List<String> log = new ArrayList<>();
        StudyPipeline p = new StudyPipeline(List.of(new Probe("a", log)));
        Path out = tmp.resolve("run");
        p.run(StudyPlan.quick(), out);
        StudyPlan other = StudyPlan.quick().toBuilder().seed(9).build();
        assertThatThrownBy(() -> p.run(other, out)).hasMessageContaining("other options");
        assertThatThrownBy(
                        () -> new StudyPipeline(List.of(new Probe("a", log), new Probe("a", log))))
                .hasMessageContaining("two stages are named a");
        assertThat(StudyPipeline.standard().names())
                .containsExactly(
                        "data",
                        "agecnn",
                        "gan",
                        "evaluate",
                        "label",
                        "axis",
                        "video",
                        "cgan",
                        "cgan-ages",
                        "cgan-video",
                        "report");
    }
}
