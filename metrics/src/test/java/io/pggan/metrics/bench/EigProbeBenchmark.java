package io.pggan.metrics.bench;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Compares EJML's single- and multi-threaded symmetric eigenvalue solvers at D = 2048. */
@Tag("benchmark")
class EigProbeBenchmark {
    @Test
    void eigenvalues2048() {
        int d = Integer.getInteger("eig.dim", 2048);
        Random r = new Random(1);
        DMatrixRMaj x = new DMatrixRMaj(d, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(x, x, s);
        for (int rep = 0; rep < 2; rep++) {
            for (boolean mt : new boolean[] {false, true}) {
                EigenDecomposition_F64<DMatrixRMaj> eig =
                        mt
                                ? DecompositionFactory_MT_DDRM.eig(d, false, true)
                                : DecompositionFactory_DDRM.eig(d, false, true);
                long t0 = System.nanoTime();
                eig.decompose(s.copy());
                long t1 = System.nanoTime();
                System.out.printf(
                        "EIG %d %s: %.2f s (%s)%n",
                        d, mt ? "MT" : "single", (t1 - t0) / 1e9, eig.getClass().getSimpleName());
            }
        }
    }
}
