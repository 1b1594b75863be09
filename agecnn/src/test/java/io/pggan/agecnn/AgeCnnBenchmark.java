package io.pggan.agecnn;

import io.pggan.agecnn.training.Augmentation;
import io.pggan.engine.PgganEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training and prediction throughput of the age CNN on CPU, full and reduced width, 128 and 256 px,
 * with the process's resident memory. Prints numbers; asserts nothing about speed.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl agecnn test -Dtest=AgeCnnBenchmark -DexcludedTestGroups=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dagecnn.threads=1]
 * </pre>
 */
@Tag("benchmark")
class AgeCnnBenchmark {
    private static final int THREADS = Integer.getInteger("agecnn.threads", 2);

    @Test
    void throughput() {
        PgganEngine.start(THREADS);
        System.out.printf(
                "age CNN benchmark: %d PyTorch threads, batch 8 (train) / 16 (predict), 1 channel, with sex%n",
                THREADS);
        System.out.printf(
                "%-6s %-6s %12s %14s %12s %14s%n",
                "size", "width", "params", "train img/s", "pred img/s", "peak RSS MiB");
        for (int size : new int[] {128, 256}) {
            for (double width : new double[] {0.25, 1.0}) {
                run(size, width);
            }
        }
    }

    private static void run(int size, double width) {
        resetPeakRss();
        int trainImages = width >= 1 ? (size >= 256 ? 16 : 32) : 64;
        AgeDataset data = SyntheticAges.make(trainImages, size, 1, true, 11);
        try (AgeRegressor model =
                AgeRegressor.builder()
                        .widthMultiplier(width)
                        .batchSize(8)
                        .evalBatchSize(16)
                        .epochs(1)
                        .augmentation(Augmentation.radiographDefaults())
                        .progressBar(false)
                        .build()) {
            long params =
                    model.network().namedParameters().asMap().values().stream()
                            .mapToLong(p -> p.getArray().size())
                            .sum();
            // Warm-up: PyTorch's first passes per shape are several times slower (allocator,
            // oneDNN primitive creation), so two short epochs and a prediction come first.
            model.fit(data.range(0, 16), null, List.of());
            model.fit(data.range(0, 16), null, List.of());
            long t0 = System.nanoTime();
            model.fit(data, null, List.of());
            double trainRate = data.size() / ((System.nanoTime() - t0) / 1e9);
            model.predict(data.range(0, 16));
            long t1 = System.nanoTime();
            model.predict(data);
            double predRate = data.size() / ((System.nanoTime() - t1) / 1e9);
            System.out.printf(
                    "%-6d %-6.3f %,12d %14.2f %12.2f %14d%n",
                    size, width, params, trainRate, predRate, procStatus("VmHWM") / 1024);
        }
    }

    /** Linux: writing 5 to clear_refs resets the peak RSS, so each row shows its own peak. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not Linux or not allowed: the peak then covers the whole run so far.
        }
    }

    /** A value in kB from /proc/self/status, or -1 where there is none (not Linux). */
    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
