package io.pggan.metrics.linalg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Dense double-precision helpers: large matrix products run on DJL's PyTorch engine (BLAS);
 * decompositions use EJML. All matrices are row-major {@code double[]}.
 */
public final class DenseOps {
    private DenseOps() {}

    /** {@code A (m x k) * B (k x n)}. */
    public static double[] multiply(double[] a, int m, int k, double[] b, int n) {
        check(a, (long) m * k, "A");
        check(b, (long) k * n, "B");
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray x = mgr.create(a, new Shape(m, k));
            NDArray y = mgr.create(b, new Shape(k, n));
            return x.dot(y).toDoubleArray();
        }
    }

    /** {@code A (m x k) * B^T} with {@code B (n x k)}. */
    public static double[] multiplyTransB(double[] a, int m, int k, double[] b, int n) {
        check(a, (long) m * k, "A");
        check(b, (long) n * k, "B");
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray x = mgr.create(a, new Shape(m, k));
            NDArray y = mgr.create(b, new Shape(n, k));
            return x.dot(y.transpose()).toDoubleArray();
        }
    }

    /** {@code A (m x k) * B^T} in float32 arithmetic, result widened to double. */
    public static double[] multiplyTransBFloat32(double[] a, int m, int k, double[] b, int n) {
        check(a, (long) m * k, "A");
        check(b, (long) n * k, "B");
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray x = mgr.create(a, new Shape(m, k)).toType(DataType.FLOAT32, false);
            NDArray y = mgr.create(b, new Shape(n, k)).toType(DataType.FLOAT32, false);
            return x.dot(y.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** {@code X^T X} for {@code X (n x d)}: a {@code d x d} scatter matrix. */
    public static double[] gram(double[] x, int n, int d) {
        check(x, (long) n * d, "X");
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray a = mgr.create(x, new Shape(n, d));
            if (d < 2 * GRAM_BLOCK) {
                return a.transpose().dot(a).toDoubleArray();
            }
            // X^T X is symmetric: compute only the block columns' upper parts (like BLAS syrk),
            // 10/16 of the full product's work for 4 blocks, then mirror
            double[] out = new double[d * d];
            for (int c0 = 0; c0 < d; c0 += GRAM_BLOCK) {
                int c1 = Math.min(d, c0 + GRAM_BLOCK);
                int w = c1 - c0;
                // views and the c1 x w block (at most 4 MB each) are freed with mgr
                NDArray rowsPart = a.get(":, 0:" + c1);
                NDArray colsPart = a.get(":, " + c0 + ":" + c1);
                double[] part = rowsPart.transpose().matMul(colsPart).toDoubleArray();
                for (int i = 0; i < c1; i++) {
                    System.arraycopy(part, i * w, out, i * d + c0, w);
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    out[i * d + j] = out[j * d + i];
                }
            }
            return out;
        }
    }

    private static final int GRAM_BLOCK = 512;

    private static void check(double[] a, long need, String name) {
        if (a.length != need) {
            throw new IllegalArgumentException(
                    name + " has " + a.length + " elements, expected " + need);
        }
    }

    /** Eigenvalues of a symmetric {@code n x n} matrix (EJML symmetric QR, no vectors). */
    public static double[] symmetricEigenvalues(double[] sym, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, sym);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException(
                    "EJML symmetric eigen decomposition failed (n=" + n + ")");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = eig.getEigenvalue(i).getReal();
        }
        return out;
    }

    /**
     * A factor {@code L (n x n)} with {@code S = L L^T} of a symmetric positive semi-definite
     * matrix: Cholesky when S is positive definite, else {@code V diag(sqrt(max(lambda, 0)))} from
     * EJML's symmetric eigen decomposition.
     */
    public static double[] psdFactor(double[] sym, int n) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, sym.clone());
        if (chol.decompose(m)) {
            DMatrixRMaj l = chol.getT(null);
            boolean ok = true;
            for (double v : l.data) {
                if (!Double.isFinite(v)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return l.data;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(n, n, true, sym.clone()))) {
            throw new ArithmeticException(
                    "EJML symmetric eigen decomposition failed (n=" + n + ")");
        }
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(Math.max(eig.getEigenvalue(j).getReal(), 0.0));
            DMatrixRMaj v = eig.getEigenVector(j);
            for (int i = 0; i < n; i++) {
                out[i * n + j] = v.get(i, 0) * s;
            }
        }
        return out;
    }

    /** Symmetrises in place: {@code (M + M^T) / 2}. */
    public static void symmetrize(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (m[i * n + j] + m[j * n + i]);
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
    }
}
