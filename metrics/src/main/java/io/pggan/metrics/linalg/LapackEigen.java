package io.pggan.metrics.linalg;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eigenvalues of {@code L^T S2 L} (with {@code S1 = L L^T}) through PyTorch's LAPACK routines
 * ({@code cholesky_ex}, {@code eigvalsh}), several times faster than EJML's Java solvers at D =
 * 2048. DJL exposes no linear-algebra decompositions, so a tiny TorchScript program without weights
 * ({@code psd_sqrt_trace.pt}, made by {@code metrics/bench/make_psd_sqrt_trace.py}) is loaded from
 * the class path and run; nothing is downloaded. Callers fall back to EJML when this returns empty.
 */
public final class LapackEigen {
    private static final Logger LOG = LoggerFactory.getLogger(LapackEigen.class);
    private static final String RESOURCE = "psd_sqrt_trace.pt";

    /** Set to {@code false} to force the EJML route (e.g. to compare both). */
    public static final String ENABLED_PROPERTY = "pggan.metrics.lapack";

    private LapackEigen() {}

    /**
     * Eigenvalues (ascending) of {@code L^T S2 L} where {@code S1 = L L^T} is the Cholesky
     * factorisation, for symmetric {@code n x n} row-major S1, S2; empty when S1 is not numerically
     * positive definite or the PyTorch route is unavailable.
     */
    public static Optional<double[]> choleskyProductEigenvalues(double[] s1, double[] s2, int n) {
        if (s1.length != (long) n * n || s2.length != (long) n * n) {
            throw new IllegalArgumentException(
                    "matrices have "
                            + s1.length
                            + " and "
                            + s2.length
                            + " values, expected "
                            + n
                            + " x "
                            + n);
        }
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))
                || !Engine.hasEngine("PyTorch")) {
            return Optional.empty();
        }
        try (Model model = Model.newInstance("psd_sqrt_trace", "PyTorch");
                InputStream in = LapackEigen.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warn("{} missing from the class path; using EJML", RESOURCE);
                return Optional.empty();
            }
            model.load(in);
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray a = m.create(s1, new Shape(n, n));
                NDArray b = m.create(s2, new Shape(n, n));
                NDList out =
                        model.getBlock()
                                .forward(new ParameterStore(m, false), new NDList(a, b), false);
                if (out.size() != 2
                        || out.get(1).toType(DataType.INT64, false).toLongArray()[0] != 0) {
                    return Optional.empty(); // S1 not positive definite
                }
                double[] ev = out.get(0).toDoubleArray();
                return ev.length == n ? Optional.of(ev) : Optional.empty();
            }
        } catch (Exception e) { // any engine/load failure: the EJML route still gives the value
            LOG.warn("PyTorch eigenvalue route unavailable ({}); using EJML", e.toString());
            return Optional.empty();
        }
    }
}
