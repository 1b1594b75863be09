package io.pggan.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.data.ImageSource;
import io.pggan.engine.PgganEngine;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Minibatches per second served at 64, 256 and 1024 from a store of random images. */
@Tag("benchmark")
class MultiResolutionStoreBenchmark {
    @TempDir Path dir;

    @Test
    void minibatchesPerSecond() {
        int count = Integer.getInteger("store.count", 200);
        ImageSource src = new MultiResolutionStoreTest.CountingSource(count, 1024);
        long t0 = System.nanoTime();
        MultiResolutionStore store =
                MultiResolutionStore.builder().source(src).folder(dir).progress(false).build();
        System.out.printf(
                "MultiResolutionStoreBenchmark: built %d images at 1024 (all levels) in %.1f s%n",
                count, (System.nanoTime() - t0) / 1e9);
        PgganEngine engine = PgganEngine.start();
        int[][] cases = {{64, 64}, {256, 16}, {1024, 4}};
        try (NDManager m = NDManager.newBaseManager(engine.device())) {
            Random r = new Random(1);
            for (int[] c : cases) {
                int res = c[0];
                int batch = c[1];
                for (int i = 0; i < 20; i++) {
                    try (NDManager step = m.newSubManager()) {
                        store.minibatch(step, res, batch, r);
                    }
                }
                int n = 0;
                long start = System.nanoTime();
                double sum = 0;
                while (System.nanoTime() - start < 3_000_000_000L) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray x = store.minibatch(step, res, batch, r);
                        sum += x.getShape().get(0);
                    }
                    n++;
                }
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "MultiResolutionStoreBenchmark: %dx%d, batch %d: %.1f minibatches/s"
                                + " (%.0f images/s)%n",
                        res, res, batch, n / s, sum / s);
                assertThat(n).isPositive();
            }
        }
    }
}
