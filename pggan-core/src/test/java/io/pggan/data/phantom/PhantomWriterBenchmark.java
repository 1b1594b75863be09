package io.pggan.data.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes 10,000 phantoms at 128x128 in the RSNA layout on all cores and prints the time. */
@Tag("benchmark")
class PhantomWriterBenchmark {
    @TempDir Path dir;

    @Test
    void tenThousandPhantomsAt128() throws Exception {
        int count = Integer.getInteger("phantoms.count", 10_000);
        int res = Integer.getInteger("phantoms.resolution", 128);
        HandPhantoms p = HandPhantoms.builder().seed(1).resolution(res).build();
        // Warm up the JIT so the number reflects steady-state speed.
        for (int i = 0; i < 200; i++) {
            p.render(i);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        long t0 = System.nanoTime();
        Path csv =
                PhantomDatasetWriter.builder()
                        .phantoms(p)
                        .count(count)
                        .threads(threads)
                        .progress(false)
                        .build()
                        .write(dir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu =
                (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu0) / 1e9;
        long bytes;
        try (var s = Files.list(dir.resolve(PhantomDatasetWriter.IMAGE_FOLDER))) {
            bytes = s.mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(
                "PhantomWriterBenchmark: %d phantoms at %dx%d written in %.1f s on %d threads"
                        + " (%.1f images/s, %.1f MB of PNG); process CPU time %.1f s"
                        + " (on a shared machine wall time is at least CPU time / threads)%n",
                count, res, res, seconds, threads, count / seconds, bytes / 1e6, cpu);
        assertThat(Files.readAllLines(csv)).hasSize(count + 1);
    }
}
