package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import io.pggan.engine.PgganEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Peak RSS of {@code gan.generate(n, seed)} at 64x64: prints the process's RSS before, its peak
 * ({@code VmHWM}) after, the result's own size and the seconds. {@code -Dbench.n} (10000), {@code
 * -Dbench.res} (64), {@code -Dbench.fmapMax} (64, latent 64: the CPU preset's sizes).
 */
@Tag("benchmark")
class PgganSamplingMemoryBenchmark {
    static long statusKb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void peakRssOfGenerate() {
        PgganEngine.start(2);
        int n = Integer.getInteger("bench.n", 10_000);
        int res = Integer.getInteger("bench.res", 64);
        int fmapMax = Integer.getInteger("bench.fmapMax", 64);
        PgganConfig cfg =
                PgganTrainingBenchmark.config(res, fmapMax, 16).toBuilder().latentDim(64).build();
        try (Pggan gan = Pggan.builder().config(cfg).build()) {
            try (NDArray warm = gan.generate(8, 1L)) {
                warm.getShape();
            }
            long before = statusKb("VmRSS");
            long t0 = System.nanoTime();
            try (NDArray images = gan.generate(n, 2018L)) {
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf(
                        "{\"n\": %d, \"res\": %d, \"fmapMax\": %d, \"rss_before_mb\": %.1f,"
                                + " \"peak_rss_mb\": %.1f, \"result_mb\": %.1f, \"seconds\": %.1f,"
                                + " \"java_heap_committed_mb\": %.1f}%n",
                        n,
                        res,
                        fmapMax,
                        before / 1024.0,
                        statusKb("VmHWM") / 1024.0,
                        images.size() * 4 / 1048576.0,
                        sec,
                        Runtime.getRuntime().totalMemory() / 1048576.0);
            }
        }
    }
}
