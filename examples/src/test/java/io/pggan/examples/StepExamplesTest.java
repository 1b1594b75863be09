package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The six step examples' command lines (picocli): help, missing arguments, one tiny run. */
class StepExamplesTest {
    private static String run(Object command, int expected, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as("%s %s", command, List.of(args)).isEqualTo(expected);
        return out.toString();
    }

    @Test
    void everyStepPrintsItsArgumentsAndRefusesMissingOnes() {
        assertThat(run(new MakePhantoms(), 0, "--help")).contains("resolution", "default 256");
        assertThat(run(new TrainPggan(), 0, "--help")).contains("kimg per stable phase");
        assertThat(run(new TrainAgeRegressor(), 0, "--help")).contains("epochs", "default 8");
        assertThat(run(new EvaluateGan(), 0, "--help")).contains("generator.zip", "input side");
        assertThat(run(new FindAgeAxis(), 0, "--help")).contains("latents to label");
        assertThat(run(new MakeAgingVideo(), 0, "--help")).contains("age-axis.json");
        assertThat(run(new EvaluateGan(), 2)).contains("Missing required parameter");
        assertThat(run(new TrainPggan(), 2, "runs/x", "many")).contains("'many'");
    }

    @Test
    void makePhantomsWritesTheRsnaLayout(@TempDir Path dir) {
        Path out = dir.resolve("phantoms");
        run(new MakePhantoms(), 0, out.toString(), "6", "64");
        assertThat(out.resolve("contact-sheet.png")).isRegularFile();
        assertThat(out.resolve("boneage-training-dataset.csv")).isRegularFile();
    }
}
