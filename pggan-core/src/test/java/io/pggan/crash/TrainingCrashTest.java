package io.pggan.crash;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.pggan.gan.training.Checkpoints;
import io.pggan.gan.training.GanState;
import io.pggan.gan.training.PgganTrainer;
import io.pggan.io.AtomicFiles;
import io.pggan.io.Npy;
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
 * Issue 15: a training process killed with SIGKILL at random moments, half of the time inside a
 * checkpoint write, restarted each time, ends with exactly the weights of an uninterrupted run and
 * a run folder holding no temporary or corrupt file.
 */
class TrainingCrashTest {
    /** Kills per run: 5 in the suite; -Dpggan.crash.kills=N for a longer trial. */
    static final int KILLS = Integer.getInteger("pggan.crash.kills", 5);

    static final String DELAY = AtomicFiles.RENAME_DELAY_PROPERTY + "=100";

    static List<Path> temps(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                    .toList();
        }
    }

    @Test
    void killedAndRestartedRunEndsWithTheUninterruptedWeights(@TempDir Path dir) throws Exception {
        Path ref = dir.resolve("reference");
        Path run = dir.resolve("killed");
        Random random = new Random(15);
        List<String> log = new ArrayList<>();
        int insideWrite = 0;
        try (ChildJvm straight = ChildJvm.start(TrainingChild.class, List.of(), ref.toString())) {
            for (int k = 0; k < KILLS; k++) {
                try (ChildJvm child =
                        ChildJvm.start(TrainingChild.class, List.of(DELAY), run.toString())) {
                    String moment;
                    if (k == 0) {
                        // during start-up (engine, resume)
                        Thread.sleep(random.nextInt(1500));
                        moment = "start-up";
                    } else {
                        String started = child.awaitLine("STARTED", 120_000);
                        assertThat(started).as("child output:\n%s", child.output()).isNotNull();
                        long from = Long.parseLong(started.substring(8));
                        long at = from + 1 + random.nextInt(12);
                        assertThat(child.awaitCount("ITERATION", at, 60_000)).isNotNull();
                        moment = started + ", iteration " + at;
                        if (k % 2 == 1) {
                            // until a checkpoint is between its temporary file and the rename
                            long end = System.currentTimeMillis() + 30_000;
                            while (temps(run).isEmpty() && System.currentTimeMillis() < end) {
                                Thread.sleep(2);
                            }
                        } else {
                            Thread.sleep(random.nextInt(20));
                        }
                    }
                    child.kill();
                    boolean leftTemp = Files.isDirectory(run) && !temps(run).isEmpty();
                    insideWrite += leftTemp ? 1 : 0;
                    log.add(moment + (leftTemp ? ": killed inside a write" : ": killed"));
                    assertThat(child.output()).as("kill %d, %s", k, log).doesNotContain("DONE");
                }
            }
            try (ChildJvm last =
                    ChildJvm.start(TrainingChild.class, List.of(DELAY), run.toString())) {
                assertThat(last.awaitExit(180_000)).as(last.output()).isZero();
                assertThat(last.output()).contains("DONE").doesNotContain("STARTED 0");
                log.add(
                        last.output()
                                        .lines()
                                        .filter(l -> l.startsWith("STARTED"))
                                        .findFirst()
                                        .orElse("")
                                + ": ran to the end");
            }
            assertThat(straight.awaitExit(180_000)).as(straight.output()).isZero();
        }
        assertThat(insideWrite).as("kills inside a checkpoint write: %s", log).isGreaterThan(0);
        System.out.println("TrainingCrashTest: " + log);
        assertThat(temps(run)).as("temporary files left").isEmpty();
        float[] expected = Npy.read(ref.resolve("gs.npy")).floats();
        float[] actual = Npy.read(run.resolve("gs.npy")).floats();
        assertThat(actual).as("Gs after %s", log).containsExactly(expected);
        try (NDManager m = NDManager.newBaseManager();
                GanState s =
                        Checkpoints.read(
                                run.resolve(PgganTrainer.CHECKPOINT), m, TrainingChild.config())) {
            assertThat(s.counters().nimg()).isEqualTo(448);
        }
    }
}
