package io.pggan.latent.axis;

import io.pggan.latent.lasso.Design;
import io.pggan.latent.lasso.LeastSquares;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * GANSpace-style ({@code decomposition.py}): principal components of the samples' features (the
 * latents themselves unless features are given), the one among the leading {@code components} most
 * correlated with age; components of features are mapped back to the latent by least squares, as
 * GANSpace does.
 */
public final class PcaAxis implements AxisMethod {
    private final int components;

    /**
     * A PCA axis.
     *
     * @param components leading components searched for the one most correlated with age
     */
    public PcaAxis(int components) {
        if (components < 1) {
            throw new IllegalArgumentException("pcaComponents must be >= 1, got " + components);
        }
        this.components = components;
    }

    @Override
    public String name() {
        return "PCA";
    }

    @Override
    public Direction find(AxisSample train) {
        float[][] f = train.features() == null ? train.latents() : train.features();
        double[] y = train.months();
        int n = f.length;
        int d = f[0].length;
        double[] mean = new double[d];
        for (float[] row : f) {
            if (row.length != d) {
                throw new IllegalArgumentException("PCA features have rows of different lengths");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] c = cov.getData();
        double[] u = new double[d];
        for (float[] row : f) {
            for (int j = 0; j < d; j++) {
                u[j] = row[j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                double a = u[j];
                int off = j * d;
                for (int k = j; k < d; k++) {
                    c[off + k] += a * u[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j + 1; k < d; k++) {
                c[k * d + j] = c[j * d + k];
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("PCA eigen decomposition failed");
        }
        Integer[] byValue = new Integer[d];
        for (int j = 0; j < d; j++) {
            byValue[j] = j;
        }
        Arrays.sort(
                byValue,
                (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double best = -1;
        double[] bestScores = null;
        double[] bestVector = null;
        for (int r = 0; r < Math.min(components, d); r++) {
            DMatrixRMaj v = eig.getEigenVector(byValue[r]);
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (f[i][j] - mean[j]) * v.get(j, 0);
                }
                scores[i] = s;
            }
            double corr = Math.abs(Vectors.correlation(scores, y));
            if (corr > best) {
                best = corr;
                bestScores = scores;
                bestVector = v.getData().clone();
            }
        }
        if (train.features() == null) {
            return Direction.of(bestVector);
        }
        return Direction.of(LeastSquares.fit(Design.of(train.latents()), bestScores, 0.0).coef());
    }
}
