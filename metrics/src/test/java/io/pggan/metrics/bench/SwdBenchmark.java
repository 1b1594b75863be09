package io.pggan.metrics.bench;

import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.swd.SlicedWasserstein;
import io.pggan.metrics.swd.SwdPrecision;
import io.pggan.metrics.swd.SwdResult;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SWD of 1,000 vs 1,000 grayscale 128x128 images (tiled to RGB, 4 levels), the task the NumPy
 * reference times. Prints seconds; set {@code -Dswd.images=N} to change the count.
 */
@Tag("benchmark")
class SwdBenchmark {
    @Test
    void swd1000vs1000At128() {
        int n = Integer.getInteger("swd.images", 1000);
        Uint8Images a = BenchData.images("a", n, 128, 1);
        Uint8Images b = BenchData.images("b", n, 128, 2);
        for (SwdPrecision p : new SwdPrecision[] {SwdPrecision.FLOAT64, SwdPrecision.FLOAT32}) {
            for (int run = 0; run < Integer.getInteger("bench.runs", 2); run++) {
                SlicedWasserstein swd = SlicedWasserstein.builder().precision(p).build();
                long t0 = System.nanoTime();
                // PGGAN's seeded protocol (minibatch 64 at 128x128), as ref_metrics.swd(seed=1)
                SwdResult r = swd.compute(a, b, 1);
                long t1 = System.nanoTime();
                System.out.printf(
                        "SWD %d vs %d 128x128 %s run %d: %.2f s avg=%.8f levels=%s%n",
                        n, n, p, run, (t1 - t0) / 1e9, r.average(), Arrays.toString(r.perLevel()));
            }
        }
    }
}
