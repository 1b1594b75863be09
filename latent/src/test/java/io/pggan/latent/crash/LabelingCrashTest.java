package io.pggan.latent.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.pggan.crash.ChildJvm;
import io.pggan.io.AtomicFiles;
import io.pggan.latent.labeling.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a labelling process killed with SIGKILL, mostly while a shard is being written,
 * restarted each time, ends with exactly the label set of an uninterrupted run and no temporary
 * file.
 */
class LabelingCrashTest {
    /** Kills per run: 4 in the suite; -Dpggan.crash.kills=N for a longer trial. */
    static final int KILLS = Integer.getInteger("pggan.crash.kills", 4);

    static List<Path> temps(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                    .toList();
        }
    }

    @Test
    void killedAndRestartedLabellingEndsWithTheUninterruptedLabels(@TempDir Path dir)
            throws Exception {
        Path ref = dir.resolve("reference");
        Path run = dir.resolve("killed");
        Random random = new Random(15);
        List<String> log = new ArrayList<>();
        int insideShard = 0;
        try (ChildJvm straight = ChildJvm.start(LabelingChild.class, List.of(), ref.toString())) {
            for (int k = 0; k < KILLS; k++) {
                try (ChildJvm child =
                        ChildJvm.start(LabelingChild.class, List.of(), run.toString())) {
                    assertThat(child.awaitLine("STARTED", 120_000)).as(child.output()).isNotNull();
                    // a random moment once a shard is under way
                    long end = System.currentTimeMillis() + 30_000;
                    while (temps(run).isEmpty() && System.currentTimeMillis() < end) {
                        Thread.sleep(1);
                    }
                    Thread.sleep(random.nextInt(30));
                    child.kill();
                    boolean inside = !temps(run).isEmpty();
                    insideShard += inside ? 1 : 0;
                    log.add(inside ? "killed inside a shard" : "killed between shards");
                    assertThat(child.output()).as("kill %d", k).doesNotContain("DONE");
                }
            }
            try (ChildJvm last = ChildJvm.start(LabelingChild.class, List.of(), run.toString())) {
                assertThat(last.awaitExit(180_000)).as(last.output()).isZero();
                assertThat(last.output()).contains("DONE");
            }
            assertThat(straight.awaitExit(180_000)).as(straight.output()).isZero();
        }
        assertThat(insideShard).as("kills inside a shard: %s", log).isGreaterThan(0);
        System.out.println("LabelingCrashTest: " + log);
        assertThat(temps(run)).as("temporary files left").isEmpty();
        LabelSet expected = LabelSet.open(ref);
        LabelSet actual = LabelSet.open(run);
        assertThat(actual.manifest()).isEqualTo(expected.manifest());
        assertThat(actual.latents()).isDeepEqualTo(expected.latents());
        assertThat(actual.months()).containsExactly(expected.months());
        try (Stream<Path> s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .isEqualTo(
                            Files.list(ref).map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
