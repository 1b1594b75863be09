package io.pggan.gan;

import io.pggan.engine.PgganEngine;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Process RSS while training at 64x64 (fmapMax 16, batch 16), printed every 200 iterations: it must
 * stay flat. {@code -Dbench.iterations} (default 2000), {@code -Dbench.fmapMax}.
 */
@Tag("benchmark")
class PgganMemoryBenchmark {
    static long rssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rssStaysFlatOverTraining() {
        PgganEngine.start(2);
        int iterations = Integer.getInteger("bench.iterations", 2000);
        int every = Integer.getInteger("bench.every", 200);
        int fmapMax = Integer.getInteger("bench.fmapMax", 16);
        PgganConfig cfg = PgganTrainingBenchmark.config(64, fmapMax, 16);
        try (Pggan gan = Pggan.builder().config(cfg).build()) {
            long t0 = System.nanoTime();
            TrainingListener probe =
                    new TrainingListener() {
                        @Override
                        public void onIteration(TrainingProgress p) {
                            if (p.iteration() % every == 0) {
                                System.out.printf(
                                        "{\"iteration\": %d, \"rss_mb\": %.1f, \"java_heap_committed_mb\": %.1f,"
                                                + " \"seconds\": %.1f, \"d_loss\": %.4f}%n",
                                        p.iteration(),
                                        rssKb() / 1024.0,
                                        Runtime.getRuntime().totalMemory() / 1048576.0,
                                        (System.nanoTime() - t0) / 1e9,
                                        p.dLoss());
                            }
                        }
                    };
            System.out.printf("{\"iteration\": 0, \"rss_mb\": %.1f}%n", rssKb() / 1024.0);
            gan.train(new PgganTrainingBenchmark.RandomSource(64), iterations, probe);
        }
    }

    /** Runs outside Maven: {@code java -cp <test classpath> io.pggan.gan.PgganMemoryBenchmark}. */
    public static void main(String[] args) throws Exception {
        new PgganMemoryBenchmark().rssStaysFlatOverTraining();
    }
}
