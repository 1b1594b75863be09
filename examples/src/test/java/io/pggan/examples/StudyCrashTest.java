package io.pggan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pggan.crash.ChildJvm;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the quick study killed with SIGKILL inside a stage (the GAN's, at a random moment),
 * rerun, finishes with the summary of an uninterrupted quick run (timings aside) and no temporary
 * file anywhere in its folder. One kill only: each quick study costs about a minute of CPU (163 s
 * for the test with the machine loaded). It is part of the default suite, as issue 15 asks.
 */
class StudyCrashTest {
    /** Removes timing fields (they differ between any two runs). */
    static JsonNode withoutTimings(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.toLowerCase(java.util.Locale.ROOT).matches(".*(second|time|persec).*")) {
                    it.remove();
                } else {
                    withoutTimings(o.get(k));
                }
            }
        } else if (n.isArray()) {
            n.forEach(StudyCrashTest::withoutTimings);
        }
        return n;
    }

    @Test
    void aStudyKilledInsideAStageEndsWithTheUninterruptedSummary(@TempDir Path dir)
            throws Exception {
        Path ref = dir.resolve("reference");
        Path run = dir.resolve("killed");
        Path stages = run.resolve("stages");
        String moment;
        try (ChildJvm straight = ChildJvm.start(StudyChild.class, List.of(), ref.toString())) {
            try (ChildJvm child = ChildJvm.start(StudyChild.class, List.of(), run.toString())) {
                long end = System.currentTimeMillis() + 300_000;
                while (!Files.exists(stages.resolve("agecnn.json"))
                        && child.isAlive()
                        && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                assertThat(stages.resolve("agecnn.json")).as(child.output()).exists();
                long ms = new Random(15).nextInt(3000);
                Thread.sleep(ms);
                child.kill();
                moment = "killed " + ms + " ms into the gan stage";
                assertThat(stages.resolve("gan.json")).as(moment).doesNotExist();
            }
            try (ChildJvm again = ChildJvm.start(StudyChild.class, List.of(), run.toString())) {
                assertThat(again.awaitExit(600_000)).as(again.output()).isZero();
            }
            assertThat(straight.awaitExit(600_000)).as(straight.output()).isZero();
        }
        JsonNode expected = withoutTimings(Json.readTree(ref.resolve("report/data/summary.json")));
        JsonNode actual = withoutTimings(Json.readTree(run.resolve("report/data/summary.json")));
        assertThat(actual).as(moment).isEqualTo(expected);
        try (Stream<Path> files = Files.walk(run)) {
            assertThat(
                            files.filter(
                                    p ->
                                            p.getFileName()
                                                    .toString()
                                                    .startsWith(AtomicFiles.TEMP_PREFIX)))
                    .as("temporary files after " + moment)
                    .isEmpty();
        }
    }
}
