package io.pggan.metrics.bench;

import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.fid.FidCalculator;
import io.pggan.metrics.fid.FidResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** FID from two 10,000 x 2048 feature matrices: mean, covariance and distance. */
@Tag("benchmark")
class FidBenchmark {
    @Test
    void fidTwo10000x2048() {
        int n = Integer.getInteger("fid.rows", 10000);
        double[][] a = BenchData.features("a", n, 2048, 1);
        double[][] b = BenchData.features("b", n, 2048, 2);
        for (int run = 0; run < Integer.getInteger("bench.runs", 2); run++) {
            long t0 = System.nanoTime();
            FeatureStatistics sa = FeatureStatistics.of(a);
            FeatureStatistics sb = FeatureStatistics.of(b);
            long t1 = System.nanoTime();
            FidResult r = FidCalculator.compute(sa, sb);
            long t2 = System.nanoTime();
            System.out.printf(
                    "FID %d x 2048 run %d: total %.2f s (statistics %.2f s, distance %.2f s) fid=%.10f%n",
                    n, run, (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, r.fid());
        }
    }
}
