package io.pggan.metrics.bench;

import io.pggan.metrics.fid.FeatureStatistics;
import io.pggan.metrics.linalg.DenseOps;
import io.pggan.metrics.linalg.LapackEigen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Times the parts of an FID computation separately (statistics, factorisation, eigenvalues). */
@Tag("benchmark")
class FidPartsBenchmark {
    @Test
    void parts() {
        int n = Integer.getInteger("fid.rows", 10000);
        double[][] a = BenchData.features("a", n, 2048, 1);
        double[][] b = BenchData.features("b", n, 2048, 2);
        for (int run = 0; run < Integer.getInteger("bench.runs", 2); run++) {
            long t0 = System.nanoTime();
            FeatureStatistics sa = FeatureStatistics.of(a);
            long t1 = System.nanoTime();
            FeatureStatistics sb = FeatureStatistics.of(b);
            long t2 = System.nanoTime();
            double[] s1 = sa.covariance();
            double[] s2 = sb.covariance();
            long t3 = System.nanoTime();
            double[] ev = LapackEigen.choleskyProductEigenvalues(s1, s2, 2048).orElseThrow();
            long t4 = System.nanoTime();
            double[] prod = DenseOps.multiply(s1, 2048, 2048, s2, 2048);
            long t5 = System.nanoTime();
            System.out.printf(
                    "PARTS stats a %.2f s, stats b %.2f s, covariance copies %.2f s, "
                            + "LAPACK chol+products+eigvalsh %.2f s (%d values), "
                            + "one 2048^3 product %.2f s (%.1f)%n",
                    (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9,
                    (t4 - t3) / 1e9,
                    ev.length,
                    (t5 - t4) / 1e9,
                    prod[0]);
        }
    }
}
