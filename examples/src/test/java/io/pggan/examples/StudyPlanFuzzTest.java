package io.pggan.examples;

import static io.pggan.fuzz.FuzzFiles.expectMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pggan.examples.study.StudyPlan;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the study plan JSON ({@code --plan FILE}, and the {@code plan.json} a resumed
 * study reads back). Corpus: {@code
 * src/test/resources/io/pggan/examples/StudyPlanFuzzTestInputs/plan/}; to fuzz:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -ntp test -pl examples -Dtest=StudyPlanFuzzTest#plan \
 *     -Dsurefire.argLine="-Xmx1g -Dai.djl.offline=true"
 * </pre>
 */
class StudyPlanFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void plan(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        try {
            use(StudyPlan.quick().toBuilder().seed(7).build().with(json, "plan.json"));
        } catch (IllegalArgumentException e) {
            expectMessage(e);
        }
        try {
            use(StudyPlan.fromJson(json, "plan.json"));
        } catch (IllegalArgumentException e) {
            expectMessage(e);
        }
    }

    private static void use(StudyPlan p) {
        p.totalKimg();
        p.gan().gsAverage();
        p.cnnInput();
        p.toJson();
    }
}
