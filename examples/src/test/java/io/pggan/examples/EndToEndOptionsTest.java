package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        StudyPlan p = EndToEnd.Options.parse().plan();
        assertThat(p.profile()).isEqualTo("default");
        assertThat(p.resolution()).isEqualTo(64);
        assertThat(p.cnnInput()).isGreaterThanOrEqualTo(71);
        assertThat(p.rsna()).isNull();
    }

    @Test
    void optionsChangeThePlan() {
        StudyPlan p =
                EndToEnd.Options.parse("--resolution", "128", "--seed", "5", "--rsna", "/data/r")
                        .plan();
        assertThat(p.resolution()).isEqualTo(128);
        assertThat(p.seed()).isEqualTo(5);
        assertThat(p.rsna()).endsWith("r");
        StudyPlan full = EndToEnd.Options.parse("--full").plan();
        assertThat(full.officialSchedule()).isTrue();
        assertThat(full.latentDim()).isEqualTo(512);
        assertThat(full.cnnWidth()).isEqualTo(1.0);
        assertThat(EndToEnd.Options.parse("--gpu").plan().profile()).isEqualTo("gpu");
        assertThat(EndToEnd.Options.parse("--quick").plan().profile()).isEqualTo("quick");
    }

    @Test
    void aPlanFileOverridesTheProfilesFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("variant.json");
        Files.writeString(f, "{\"gsHalfLifeKimg\": 2, \"gsRampup\": 0.05, \"finalKimg\": 25}");
        StudyPlan p = EndToEnd.Options.parse("--seed", "7", "--plan", f.toString()).plan();
        StudyPlan base = EndToEnd.Options.parse("--seed", "7").plan();
        assertThat(p.gsAverage().halfLifeKimg()).isEqualTo(2);
        assertThat(p.gsAverage().rampup()).isEqualTo(0.05);
        assertThat(p.totalKimg()).isEqualTo(base.totalKimg() + 10);
        assertThat(p.seed()).isEqualTo(7);
        assertThat(p.toJson()).isNotEqualTo(base.toJson());
        assertThat(p.with("{}", "x")).isEqualTo(p);

        Files.writeString(f, "{\"gsHalfLife\": 2}");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--plan", f.toString()).plan())
                .hasMessageContaining("unknown plan field gsHalfLife")
                .hasMessageContaining(f.toString());
        Files.writeString(f, "{\"gsRampup\": -1}");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--plan", f.toString()).plan())
                .hasMessageContaining("gsRampup");
        assertThatThrownBy(
                        () ->
                                EndToEnd.Options.parse("--plan", dir.resolve("none").toString())
                                        .plan())
                .hasMessageContaining("cannot read --plan");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> EndToEnd.Options.parse("--resolution", "abc"))
                .hasMessageContaining("--resolution");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--bogus")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--out"))
                .hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--resolution", "48").plan())
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> EndToEnd.Options.parse("--quick", "--full"))
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
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(o.toString(StandardCharsets.UTF_8))
                .contains("--rsna", "--resolution", "--full", "--gpu", "--out", "--seed")
                .contains("--quick");
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("unknown option --nope");
    }
}
