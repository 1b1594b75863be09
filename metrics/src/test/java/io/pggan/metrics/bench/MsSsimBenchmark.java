package io.pggan.metrics.bench;

import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.msssim.MsSsim;
import io.pggan.metrics.msssim.MsSsimResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** MS-SSIM over 5,000 random pairs of 128x128 images (pairs seeded like ref_metrics). */
@Tag("benchmark")
class MsSsimBenchmark {
    @Test
    void msssim5000PairsAt128() {
        int pairs = Integer.getInteger("msssim.pairs", 5000);
        Uint8Images a = BenchData.images("a", 1000, 128, 1);
        MsSsim ms = MsSsim.pggan();
        for (int run = 0; run < Integer.getInteger("bench.runs", 3); run++) {
            long t0 = System.nanoTime();
            MsSsimResult r = ms.randomPairs(a, pairs, 0);
            long t1 = System.nanoTime();
            System.out.printf(
                    "MS-SSIM %d random pairs 128x128 run %d: %.2f s mean=%.10f%n",
                    pairs, run, (t1 - t0) / 1e9, r.mean());
        }
    }
}
