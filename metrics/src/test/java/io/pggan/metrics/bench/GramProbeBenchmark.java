package io.pggan.metrics.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.metrics.linalg.DenseOps;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Symmetric block-column {@code X^T X} ({@link DenseOps#gram}) against one full product. */
@Tag("benchmark")
class GramProbeBenchmark {
    @Test
    void gram4096x2048() {
        int n = 4096;
        int d = 2048;
        Random r = new Random(1);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            double[] blocked = DenseOps.gram(x, n, d);
            long t1 = System.nanoTime();
            double[] full;
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray a = m.create(x, new Shape(n, d));
                full = a.transpose().dot(a).toDoubleArray();
            }
            long t2 = System.nanoTime();
            System.out.printf(
                    "GRAM %d x %d: blocked %.2f s, full product %.2f s (%.3f vs %.3f)%n",
                    n, d, (t1 - t0) / 1e9, (t2 - t1) / 1e9, blocked[5], full[5]);
        }
    }
}
