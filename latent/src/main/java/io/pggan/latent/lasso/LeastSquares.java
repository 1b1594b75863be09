package io.pggan.latent.lasso;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ordinary least squares with an intercept (optionally a small ridge), solved on the centred Gram
 * matrix with a pseudo-inverse so constant or duplicated columns give the minimum-norm solution
 * instead of NaN.
 */
public final class LeastSquares {
    private LeastSquares() {}

    /**
     * Fits {@code y = x . coef + intercept}; {@code ridge} adds {@code ridge * n} to the diagonal.
     */
    public static LassoModel fit(Design x, double[] y, double ridge) {
        if (y.length != x.rows()) {
            throw new IllegalArgumentException(
                    "response has "
                            + y.length
                            + " values but the design has "
                            + x.rows()
                            + " rows");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("response has " + y[i] + " at row " + i);
            }
        }
        double[] shiftX = LassoInputs.columnMeans(x);
        double shiftY = 0;
        for (double v : y) {
            shiftY += v;
        }
        shiftY /= y.length;
        GramStats s = GramStats.perFold(x, y, new int[x.rows()], 1, shiftX, shiftY, 1, () -> {})[0];
        GramStats.Centered c = s.center(shiftX, shiftY);
        int p = c.p();
        DMatrixRMaj a = new DMatrixRMaj(p, p, true, c.q2());
        for (int j = 0; j < p; j++) {
            a.add(j, j, ridge * c.n());
        }
        DMatrixRMaj b = new DMatrixRMaj(p, 1, true, c.q1());
        DMatrixRMaj w = new DMatrixRMaj(p, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) {
            throw new IllegalStateException("least squares: decomposition failed");
        }
        solver.solve(b, w);
        double[] coef = w.getData().clone();
        double intercept = c.ybar();
        for (int j = 0; j < p; j++) {
            intercept -= c.xbar()[j] * coef[j];
        }
        return new LassoModel(0.0, coef, intercept, 1, 0.0, true);
    }
}
