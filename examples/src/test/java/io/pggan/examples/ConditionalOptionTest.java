package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.examples.study.Stage;
import io.pggan.examples.study.StudyPipeline;
import io.pggan.examples.study.StudyPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code EndToEnd --conditional}: the cgan stages, and adding them to a finished run. */
class ConditionalOptionTest {
    @TempDir Path tmp;

    @Test
    void theOptionTurnsOnTheConditionalStagesOnly() {
        StudyPlan plain = EndToEnd.parse().plan();
        StudyPlan cond = EndToEnd.parse("--conditional").plan();
        assertThat(plain.gan().conditional()).isFalse();
        assertThat(cond.gan().conditional()).isTrue();
        assertThat(cond.toBuilder().gan(g -> g.conditional(false)).build()).isEqualTo(plain);
        assertThat(StudyPipeline.standard().names(plain))
                .doesNotContain("cgan", "cgan-ages", "cgan-video");
        assertThat(StudyPipeline.standard().names(cond))
                .containsSubsequence("video", "cgan", "cgan-ages", "cgan-video", "report");
        assertThat(cond.toJson()).contains("\"conditional\" : true");
        assertThat(StudyPlan.fromJson(cond.toJson(), "test")).isEqualTo(cond);
    }

    @Test
    void aFinishedRunCanGetTheConditionalStagesButNoOtherChange() throws Exception {
        List<String> ran = new ArrayList<>();
        Stage a = Stage.of("a", st -> ran.add("a " + st.plan().gan().conditional()));
        Stage report = Stage.of("report", st -> ran.add("report " + st.plan().gan().conditional()));
        StudyPipeline p = new StudyPipeline(List.of(a, report));
        Path out = tmp.resolve("run");
        StudyPlan plain = StudyPlan.quick();
        p.run(plain, out);
        StudyPlan cond = plain.toBuilder().gan(g -> g.conditional(true)).build();
        p.run(cond, out); // accepted: only the conditional stages are added
        assertThat(StudyPlan.read(out.resolve("plan.json"))).isEqualTo(cond);
        // "a" finished before and is skipped; the report is written again, with the new stages
        assertThat(ran).containsExactly("a false", "report false", "report true");
        StudyPlan other = cond.toBuilder().seed(99).build();
        assertThatThrownBy(() -> p.run(other, out)).hasMessageContaining("other options");
        // and turning it off again is another plan
        assertThatThrownBy(() -> p.run(plain, out)).hasMessageContaining("other options");
    }
}
