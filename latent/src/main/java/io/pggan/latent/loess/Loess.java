package io.pggan.latent.loess;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * LOESS as R's {@code stats::loess(y ~ x, span, degree, family, surface = "direct")} with one
 * predictor: local polynomial (degree 1 or 2) fits at every point with tricube weights over the
 * {@code floor(n * span + 1e-5)} nearest points, solved as R does (column equilibration and an SVD
 * pseudo-inverse); {@code family = SYMMETRIC} adds 3 bisquare robustness refits. R's default {@code
 * surface = "interpolate"} (k-d tree vertices blended by cubic Hermite interpolation) is not
 * reproduced: it differs from the exact fit by up to a few units on the test cases.
 *
 * <p>Immutable; serialises to JSON.
 */
@JsonDeserialize(builder = Loess.Builder.class)
public final class Loess {

    /** Error family: GAUSSIAN is a single fit, SYMMETRIC adds robustness iterations. */
    public enum Family {
        GAUSSIAN,
        SYMMETRIC
    }

    private final double span;
    private final int degree;
    private final Family family;
    private final int iterations;

    private Loess(Builder b) {
        this.span = b.span;
        this.degree = b.degree;
        this.family = b.family;
        this.iterations = b.iterations;
    }

    public static Builder builder() {
        return new Builder();
    }

    @JsonProperty
    public double span() {
        return span;
    }

    @JsonProperty
    public int degree() {
        return degree;
    }

    @JsonProperty
    public Family family() {
        return family;
    }

    /** Total fits with {@link Family#SYMMETRIC} (R's {@code iterations}, default 4). */
    @JsonProperty
    public int iterations() {
        return iterations;
    }

    /** Fitted values in input order. */
    public double[] smooth(double[] x, double[] y) {
        SmootherInput.check(x, y);
        int n = x.length;
        int q = Math.min(n, (int) Math.floor(n * span + 1e-5));
        if (q < degree + 1) {
            throw new IllegalArgumentException(
                    "span "
                            + span
                            + " of "
                            + n
                            + " points leaves "
                            + q
                            + " neighbours, fewer than degree + 1 = "
                            + (degree + 1));
        }
        double[] rob = new double[n];
        Arrays.fill(rob, 1.0);
        int fits = family == Family.GAUSSIAN ? 1 : iterations;
        double[] fit = new double[n];
        double[] d = new double[n];
        double[] sorted = new double[n];
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(n, degree + 1, true, true, true);
        for (int it = 0; it < fits; it++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[j] = Math.abs(x[j] - x[i]);
                }
                System.arraycopy(d, 0, sorted, 0, n);
                Arrays.sort(sorted);
                double h = sorted[q - 1];
                fit[i] = localFit(x, y, d, h, rob, x[i], svd);
            }
            if (it < fits - 1) {
                rob = robustnessWeights(y, fit);
            }
        }
        return fit;
    }

    private double localFit(
            double[] x,
            double[] y,
            double[] d,
            double h,
            double[] rob,
            double x0,
            SingularValueDecomposition_F64<DMatrixRMaj> svd) {
        int n = x.length;
        int cols = degree + 1;
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (d[j] < h && rob[j] > 0) {
                m++;
            }
        }
        DMatrixRMaj b = new DMatrixRMaj(m, cols);
        double[] rhs = new double[m];
        int r = 0;
        for (int j = 0; j < n; j++) {
            if (d[j] < h && rob[j] > 0) {
                double u = d[j] / h;
                double t = 1 - u * u * u;
                double sw = Math.sqrt(t * t * t * rob[j]);
                double dx = x[j] - x0;
                double pw = sw;
                for (int c = 0; c < cols; c++) {
                    b.set(r, c, pw);
                    pw *= dx;
                }
                rhs[r] = sw * y[j];
                r++;
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        double[] norms = new double[cols];
        for (int c = 0; c < cols; c++) {
            double s = 0;
            for (int k = 0; k < m; k++) {
                s += b.get(k, c) * b.get(k, c);
            }
            norms[c] = s == 0 ? 1.0 : Math.sqrt(s);
            for (int k = 0; k < m; k++) {
                b.set(k, c, b.get(k, c) / norms[c]);
            }
        }
        if (!svd.decompose(b)) {
            throw new IllegalStateException("SVD failed in the local fit at x = " + x0);
        }
        DMatrixRMaj uMat = svd.getU(null, false);
        DMatrixRMaj vMat = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        int k = svd.numberOfSingularValues();
        double sMax = 0;
        for (int a = 0; a < k; a++) {
            sMax = Math.max(sMax, s[a]);
        }
        double tol = sMax * 100 * Math.ulp(1.0);
        // constant term = sum_a V[0][a] * (U[:,a] . rhs) / s_a, rescaled by the column norm
        double c0 = 0;
        for (int a = 0; a < k; a++) {
            if (s[a] > tol) {
                double dot = 0;
                for (int row = 0; row < m; row++) {
                    dot += uMat.get(row, a) * rhs[row];
                }
                c0 += vMat.get(0, a) * dot / s[a];
            }
        }
        return c0 / norms[0];
    }

    /** R's lowesw: bisquare of residuals over 6 x median |residual|, with 0.001/0.999 cut-offs. */
    static double[] robustnessWeights(double[] y, double[] fit) {
        int n = y.length;
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            r[j] = Math.abs(y[j] - fit[j]);
        }
        double cmad = 6.0 * Lowess.median(r);
        double[] w = new double[n];
        if (cmad < Double.MIN_NORMAL) {
            Arrays.fill(w, 1.0);
            return w;
        }
        for (int j = 0; j < n; j++) {
            if (r[j] <= 0.001 * cmad) {
                w[j] = 1.0;
            } else if (r[j] > 0.999 * cmad) {
                w[j] = 0.0;
            } else {
                double u = r[j] / cmad;
                w[j] = (1 - u * u) * (1 - u * u);
            }
        }
        return w;
    }

    @Override
    public String toString() {
        return "Loess{span=" + span + ", degree=" + degree + ", family=" + family + "}";
    }

    /** Builder; defaults are R's ({@code span=0.75, degree=2, family="gaussian"}). */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private double span = 0.75;
        private int degree = 2;
        private Family family = Family.GAUSSIAN;
        private int iterations = 4;

        private Builder() {}

        public Builder span(double v) {
            span = v;
            return this;
        }

        public Builder degree(int v) {
            degree = v;
            return this;
        }

        public Builder family(Family v) {
            family = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Loess build() {
            if (!(span > 0 && span <= 1)) {
                throw new IllegalArgumentException("span must be in (0, 1], got " + span);
            }
            if (degree != 1 && degree != 2) {
                throw new IllegalArgumentException("degree must be 1 or 2, got " + degree);
            }
            if (family == null) {
                throw new IllegalArgumentException("family must not be null");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            return new Loess(this);
        }
    }
}
