package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pggan.examples.study.StudyPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndOptionsTest {
    @Test
    void defaultIsTheCpuStudyAt64() {
        StudyPlan p = EndToEnd.parse().plan();
        assertThat(p).isEqualTo(StudyPlan.defaults());
        assertThat(p.profile()).isEqualTo("default");
        assertThat(p.data().resolution()).isEqualTo(64);
        assertThat(p.cnnInput()).isEqualTo(72);
        assertThat(p.data().rsna()).isNull();
        assertThat(p.gan().bestMetric()).isEqualTo("fid");
    }

    @Test
    void sparkRunsTheSameStagesWithTheSamePlan() {
        EndToEnd e = EndToEnd.parse("--quick", "--spark", "local");
        // where the stages run is not part of the plan: a run may switch and resume
        assertThat(e.plan()).isEqualTo(EndToEnd.parse("--quick").plan());
        io.pggan.examples.study.SparkStudy onSpark =
                new io.pggan.examples.study.SparkStudy(e.spark);
        assertThat(onSpark.master()).isEqualTo("local[*]");
        assertThat(onSpark.pipeline().names())
                .isEqualTo(io.pggan.examples.study.StudyPipeline.standard().names());
        assertThat(new io.pggan.examples.study.SparkStudy("spark://h:7077").master())
                .isEqualTo("spark://h:7077");
        onSpark.close(); // no session was started
    }

    @Test
    void optionsChangeThePlan() {
        StudyPlan p =
                EndToEnd.parse("--resolution", "128", "--seed", "5", "--rsna", "/data/r").plan();
        assertThat(p.data().resolution()).isEqualTo(128);
        assertThat(p.cnnInput()).isEqualTo(128);
        assertThat(p.seed()).isEqualTo(5);
        assertThat(p.data().rsna()).endsWith("r");
        StudyPlan full = EndToEnd.parse("--full").plan();
        assertThat(full.gan().officialSchedule()).isTrue();
        assertThat(full.gan().latentDim()).isEqualTo(512);
        assertThat(full.ageCnn().width()).isEqualTo(1.0);
        assertThat(full.data().resolution()).isEqualTo(256);
        assertThat(EndToEnd.parse("--full", "--resolution", "64").plan().cnnInput()).isEqualTo(128);
        assertThat(EndToEnd.parse("--gpu").plan().profile()).isEqualTo("gpu");
        assertThat(EndToEnd.parse("--gpu", "--full").plan().gan().officialSchedule()).isTrue();
        assertThat(EndToEnd.parse("--quick").plan()).isEqualTo(StudyPlan.quick());
        assertThat(EndToEnd.parse("--inception", "x.pt").plan().metrics().inception())
                .endsWith("x.pt");
    }

    @Test
    void aPlanFileOverridesTheProfilesFieldsGroupByGroup(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("variant.json");
        Files.writeString(f, "{\"gan\": {\"gsHalfLifeKimg\": 2, \"finalKimg\": 25}}");
        StudyPlan p = EndToEnd.parse("--seed", "7", "--plan", f.toString()).plan();
        StudyPlan base = EndToEnd.parse("--seed", "7").plan();
        assertThat(p.gan().gsAverage().halfLifeKimg()).isEqualTo(2);
        assertThat(p.gan().gsRampup()).isEqualTo(base.gan().gsRampup());
        assertThat(p.totalKimg()).isEqualTo(base.totalKimg() + 10);
        assertThat(p.seed()).isEqualTo(7);
        assertThat(p.toJson()).isNotEqualTo(base.toJson());
        assertThat(p.with("{}", "x")).isEqualTo(p);

        Files.writeString(f, "{\"gan\": {\"gsHalfLife\": 2}}");
        assertThatThrownBy(() -> EndToEnd.parse("--plan", f.toString()).plan())
                .hasMessageContaining("unknown plan field gan.gsHalfLife")
                .hasMessageContaining(f.toString());
        Files.writeString(f, "{\"gsHalfLifeKimg\": 2}");
        assertThatThrownBy(() -> EndToEnd.parse("--plan", f.toString()).plan())
                .hasMessageContaining("unknown plan field gsHalfLifeKimg")
                .hasMessageContaining("did you mean gan.gsHalfLifeKimg");
        Files.writeString(f, "{\"gan\": {\"gsRampup\": -1}}");
        assertThatThrownBy(() -> EndToEnd.parse("--plan", f.toString()).plan())
                .hasMessageContaining("gan.gsRampup")
                .hasMessageContaining(f.toString());
        assertThatThrownBy(() -> EndToEnd.parse("--plan", dir.resolve("none").toString()).plan())
                .hasMessageContaining("cannot read --plan");
    }

    @Test
    void profilesAreDerivationsOfTheDefault() {
        StudyPlan d = StudyPlan.defaults();
        StudyPlan q = StudyPlan.quick();
        assertThat(q.profile()).isEqualTo("quick");
        assertThat(q.gan().fmapMax()).isEqualTo(d.gan().fmapMax());
        assertThat(q.data().size()).isEqualTo(160);
        assertThat(q.totalKimg()).isCloseTo(0.096 * 7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(StudyPlan.full().metrics().sample())
                .isEqualTo(StudyPlan.gpu().metrics().sample());
        assertThatThrownBy(() -> d.toBuilder().data(x -> x.size(10)).build())
                .hasMessageContaining("data.size 10");
    }

    @Test
    void aPlanRoundTripsThroughPlanJsonAndAVersionOnePlanIsNamed(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("plan.json");
        Files.writeString(f, StudyPlan.quick().toJson());
        assertThat(StudyPlan.read(f)).isEqualTo(StudyPlan.quick());
        Files.writeString(f, "{\"profile\": \"quick\", \"seed\": 1, \"resolution\": 32}");
        assertThatThrownBy(() -> StudyPlan.read(f))
                .hasMessageContaining(f.toString())
                .hasMessageContaining("version 1");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> EndToEnd.parse("--resolution", "abc"))
                .hasMessageContaining("--resolution");
        assertThatThrownBy(() -> EndToEnd.parse("--bogus")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> EndToEnd.parse("--out")).hasMessageContaining("--out");
        assertThatThrownBy(() -> EndToEnd.parse("--resolution", "48").plan())
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> EndToEnd.parse("--quick", "--full").plan())
                .hasMessageContaining("--quick");
    }

    @Test
    void helpAndBadOptionsReturnTheirStatus() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            assertThat(EndToEnd.run("--help")).isZero();
            assertThat(EndToEnd.run("--nope")).isEqualTo(2);
            assertThat(EndToEnd.run("--quick", "--gpu")).isEqualTo(2);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(o.toString(StandardCharsets.UTF_8))
                .contains("--rsna", "--resolution", "--full", "--gpu", "--out", "--seed")
                .contains("--quick", "--plan", "--inception-classes", "default 2018");
        assertThat(e.toString(StandardCharsets.UTF_8))
                .contains("Unknown option: '--nope'")
                .contains("error: --quick cannot be combined");
    }
}
