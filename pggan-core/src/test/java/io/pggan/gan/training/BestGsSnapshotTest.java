package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.InMemorySource;
import io.pggan.gan.Pggan;
import io.pggan.gan.network.NetworkParameters;
import io.pggan.gan.training.BestGsSnapshot.Best;
import io.pggan.gan.training.BestGsSnapshot.Goal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestGsSnapshotTest {
    private static TrainingProgress at(double kimg, int res, boolean fade) {
        return new TrainingProgress(
                Math.round(kimg * 125), kimg, 10, res, fade ? 0.5f : 1f, 0, fade, 8, 0, 0, 0, 0, 0);
    }

    private static List<String> zips(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".zip"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void keepsTheLowestScoreAmongFinalResolutionStableSnapshots(@TempDir Path dir)
            throws Exception {
        PgganEngine.start();
        try (NDManager m = NDManager.newBaseManager();
                GanState state = new GanState(PgganTrainerTest.tiny(), m)) {
            BestGsSnapshot keep = new BestGsSnapshot(state, dir, "swd", Goal.MINIMIZE);
            // Below the final resolution (16) or in a fade-in: never kept, however good.
            assertThat(keep.offer(at(0.1, 8, false), 0.1)).isFalse();
            assertThat(keep.offer(at(0.2, 16, true), 0.1)).isFalse();
            assertThat(keep.best()).isEmpty();
            assertThat(keep.offer(at(0.3, 16, false), 5.0)).isTrue();
            assertThat(keep.offer(at(0.4, 16, false), Double.NaN)).isFalse();
            assertThat(keep.offer(at(0.5, 16, false), 3.0)).isTrue();
            double sumAt05 = NetworkParameters.sumOfSquares(state.averagedGenerator());
            assertThat(keep.offer(at(0.6, 16, false), 4.0)).isFalse();
            assertThat(keep.offer(at(0.7, 16, false), 3.0)).isFalse(); // ties keep the earlier

            Best b = keep.best().orElseThrow();
            assertThat(b.score()).isEqualTo(3.0);
            assertThat(b.kimg()).isEqualTo(0.5);
            assertThat(b.file()).isEqualTo("best-gs-k000000500.zip");
            // Only the best snapshot is left, and it is the Gs of 0.5 kimg.
            assertThat(zips(dir)).containsExactly("best-gs-k000000500.zip");
            assertThat(BestGsSnapshot.read(dir)).contains(b);
            try (Pggan back = Pggan.load(BestGsSnapshot.snapshotFile(dir).orElseThrow())) {
                assertThat(NetworkParameters.sumOfSquares(back.state().averagedGenerator()))
                        .isEqualTo(sumAt05);
            }

            // A resumed run continues from the record: 3.5 does not beat it, 2.0 does.
            BestGsSnapshot resumed = new BestGsSnapshot(state, dir, "swd", Goal.MINIMIZE);
            assertThat(resumed.best()).contains(b);
            assertThat(resumed.offer(at(0.8, 16, false), 3.5)).isFalse();
            assertThat(resumed.offer(at(0.9, 16, false), 2.0)).isTrue();
            assertThat(zips(dir)).containsExactly("best-gs-k000000900.zip");

            // Another metric or goal in the same folder is refused.
            assertThatThrownBy(() -> new BestGsSnapshot(state, dir, "fid", Goal.MINIMIZE))
                    .hasMessageContaining("swd");
            assertThatThrownBy(() -> new BestGsSnapshot(state, dir, "swd", Goal.MAXIMIZE))
                    .hasMessageContaining("MINIMIZE");
        }
    }

    @Test
    void maximiseKeepsTheHighestAndOrphansAreRemoved(@TempDir Path dir) throws Exception {
        PgganEngine.start();
        Files.writeString(dir.resolve("best-gs-k000000123.zip"), "left by a crash");
        try (NDManager m = NDManager.newBaseManager();
                GanState state = new GanState(PgganTrainerTest.tiny(), m)) {
            BestGsSnapshot keep = new BestGsSnapshot(state, dir, "is", Goal.MAXIMIZE);
            assertThat(zips(dir)).isEmpty();
            keep.offer(at(1, 16, false), 2);
            keep.offer(at(2, 16, false), 1);
            keep.offer(at(3, 16, false), 7);
            keep.offer(at(4, 16, false), 6);
            assertThat(keep.best().orElseThrow().kimg()).isEqualTo(3);
            assertThat(zips(dir)).containsExactly("best-gs-k000003000.zip");
        }
    }

    @Test
    void asAListenerItScoresGsDuringTraining(@TempDir Path dir) {
        List<Double> scoredAt = new ArrayList<>();
        try (Pggan gan =
                Pggan.builder().config(PgganTrainerTest.tiny()).runDirectory(dir).build()) {
            // A score that falls with kimg, so the last candidate is the best.
            BestGsSnapshot keep =
                    new BestGsSnapshot(
                            gan.state(),
                            dir,
                            "falling",
                            Goal.MINIMIZE,
                            0.064,
                            (s, p) -> {
                                scoredAt.add(p.kimg());
                                return 10 - p.kimg();
                            });
            gan.train(new InMemorySource(32, 1, 16, 3), keep);
            // The schedule reaches 16x16 stable at 2 * 0.128 = 0.256 kimg and ends at 0.64.
            assertThat(scoredAt).isNotEmpty().allMatch(k -> k >= 0.256 && k <= 0.64);
            assertThat(scoredAt.get(scoredAt.size() - 1)).isEqualTo(0.64);
            assertThat(keep.best().orElseThrow().kimg()).isEqualTo(0.64);
        }
    }
}
