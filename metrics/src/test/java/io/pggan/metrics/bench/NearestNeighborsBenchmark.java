package io.pggan.metrics.bench;

import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.neighbors.NeighborResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pixel k-NN (k = 5) of 200 generated among 1,000 training images at 128x128. */
@Tag("benchmark")
class NearestNeighborsBenchmark {
    @Test
    void pixelNeighbours() {
        Uint8Images train = BenchData.images("a", 1000, 128, 1);
        Uint8Images gen = BenchData.images("b", 1000, 128, 2).slice(0, 200);
        for (int run = 0; run < Integer.getInteger("bench.runs", 2); run++) {
            long t0 = System.nanoTime();
            NeighborResult r = NearestNeighbors.pixel(gen, train, 5, false);
            long t1 = System.nanoTime();
            System.out.printf(
                    "NN pixel 200 vs 1000 128x128 k=5 run %d: %.2f s first=%d d=%.6f%n",
                    run, (t1 - t0) / 1e9, r.index()[0][0], r.distance()[0][0]);
        }
    }
}
