package io.pggan.latent.lasso;

/**
 * Cyclic coordinate descent for {@code 0.5 ||yc - Xc w||^2 + alpha n ||w||_1} on the Gram matrix
 * ("covariance updates", as scikit-learn's {@code enet_coordinate_descent_gram}): one sweep costs
 * O(p) per unchanged coefficient and O(p) more per changed one, independent of n. The state (w and
 * H = Q w) is kept between calls so a path is solved with warm starts.
 */
final class GramLassoSolver {
    private final int p;
    private final double[] q2;
    private final double[] q1;
    private final double yy;
    private final long n;
    private final double[] w;
    private final double[] h;
    private int iterations;
    private double gap;

    /**
     * Anderson extrapolation every K sweeps (as in celer / skglm): speeds up ill-conditioned fits.
     */
    private static final int K = 5;

    private final double[][] history = new double[K + 1][];
    private final double[] candidate;
    private final double[] candidateH;

    /**
     * @param c the centred problem
     * @param scale if not null, column j is divided by {@code scale[j]} (standardisation); columns
     *     with scale 0 are left out (coefficient 0)
     */
    GramLassoSolver(GramStats.Centered c, double[] scale) {
        this.p = c.p();
        this.n = c.n();
        this.yy = c.yy();
        this.q2 = c.q2().clone();
        this.q1 = c.q1().clone();
        if (scale != null) {
            for (int j = 0; j < p; j++) {
                double sj = scale[j] > 0 ? 1.0 / scale[j] : 0.0;
                q1[j] *= sj;
                for (int k = 0; k < p; k++) {
                    double sk = scale[k] > 0 ? 1.0 / scale[k] : 0.0;
                    q2[j * p + k] *= sj * sk;
                }
            }
        }
        this.w = new double[p];
        this.h = new double[p];
        for (int i = 0; i <= K; i++) {
            history[i] = new double[p];
        }
        this.candidate = new double[p];
        this.candidateH = new double[p];
    }

    /** Largest alpha (scaled objective) at which all coefficients are zero. */
    double alphaMax() {
        double m = 0;
        for (int j = 0; j < p; j++) {
            m = Math.max(m, Math.abs(q1[j]));
        }
        return m / n;
    }

    /**
     * Runs coordinate descent at {@code alpha} from the current coefficients until the duality gap
     * is below {@code tol * ||yc||^2}, checked as scikit-learn does (when the largest coefficient
     * change relative to the largest coefficient falls below tol, or at the last iteration).
     *
     * @return true if converged
     */
    boolean solve(double alpha, double tol, int maxIter) {
        double l1 = alpha * n;
        double gapTol = tol * yy;
        iterations = 0;
        System.arraycopy(w, 0, history[0], 0, p);
        for (int it = 0; it < maxIter; it++) {
            iterations = it + 1;
            double wMax = 0;
            double dwMax = 0;
            for (int j = 0; j < p; j++) {
                int off = j * p;
                double qjj = q2[off + j];
                if (qjj <= 0.0) {
                    continue;
                }
                double old = w[j];
                double tmp = q1[j] - h[j] + qjj * old;
                double abs = Math.abs(tmp) - l1;
                double nw = abs > 0 ? Math.copySign(abs, tmp) / qjj : 0.0;
                if (nw != old) {
                    double d = nw - old;
                    for (int k = 0; k < p; k++) {
                        h[k] += d * q2[off + k];
                    }
                    w[j] = nw;
                }
                dwMax = Math.max(dwMax, Math.abs(nw - old));
                wMax = Math.max(wMax, Math.abs(nw));
            }
            int slot = (it % K) + 1;
            System.arraycopy(w, 0, history[slot], 0, p);
            if (slot == K) {
                extrapolate(l1);
                System.arraycopy(w, 0, history[0], 0, p);
            }
            if (wMax == 0.0 || dwMax / wMax < tol || it == maxIter - 1) {
                gap = dualityGap(l1);
                if (gap <= gapTol) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Anderson acceleration: combine the last K+1 iterates with weights c (sum 1) minimising the
     * norm of the combined differences; keep the result only if it lowers the objective.
     */
    private void extrapolate(double l1) {
        double[][] gram = new double[K][K];
        for (int a = 0; a < K; a++) {
            for (int b = a; b < K; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += (history[a + 1][j] - history[a][j]) * (history[b + 1][j] - history[b][j]);
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        double[] c = solveOnes(gram);
        if (c == null) {
            return;
        }
        java.util.Arrays.fill(candidate, 0.0);
        for (int a = 0; a < K; a++) {
            double[] hi = history[a + 1];
            for (int j = 0; j < p; j++) {
                candidate[j] += c[a] * hi[j];
            }
        }
        java.util.Arrays.fill(candidateH, 0.0);
        for (int j = 0; j < p; j++) {
            double v = candidate[j];
            if (v != 0.0) {
                int off = j * p;
                for (int k = 0; k < p; k++) {
                    candidateH[k] += v * q2[off + k];
                }
            }
        }
        if (objective(candidate, candidateH, l1) < objective(w, h, l1)) {
            System.arraycopy(candidate, 0, w, 0, p);
            System.arraycopy(candidateH, 0, h, 0, p);
        }
    }

    private double objective(double[] v, double[] hv, double l1) {
        double quad = 0;
        double lin = 0;
        double norm1 = 0;
        for (int j = 0; j < p; j++) {
            quad += v[j] * hv[j];
            lin += v[j] * q1[j];
            norm1 += Math.abs(v[j]);
        }
        return 0.5 * (yy - 2 * lin + quad) + l1 * norm1;
    }

    /**
     * Solves gram c = 1 (Cholesky with a tiny ridge) and normalises c to sum 1; null if singular.
     */
    private static double[] solveOnes(double[][] gram) {
        int m = gram.length;
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, gram[i][i]);
        }
        if (!(scale > 0)) {
            return null;
        }
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = gram[i][j] + (i == j ? 1e-10 * scale : 0.0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 1.0;
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] c = new double[m];
        double sum = 0;
        for (int i = m - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * c[k];
            }
            c[i] = s / l[i][i];
            sum += c[i];
        }
        if (!(Math.abs(sum) > 1e-300) || !Double.isFinite(sum)) {
            return null;
        }
        for (int i = 0; i < m; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private double dualityGap(double l1) {
        double qDotW = 0;
        double wHw = 0;
        double l1Norm = 0;
        double dualNorm = 0;
        for (int j = 0; j < p; j++) {
            qDotW += w[j] * q1[j];
            wHw += w[j] * h[j];
            l1Norm += Math.abs(w[j]);
            dualNorm = Math.max(dualNorm, Math.abs(q1[j] - h[j]));
        }
        double rNorm2 = Math.max(0.0, yy + wHw - 2.0 * qDotW);
        double g;
        double constant;
        if (dualNorm > l1) {
            constant = l1 / dualNorm;
            g = 0.5 * (rNorm2 + rNorm2 * constant * constant);
        } else {
            constant = 1.0;
            g = rNorm2;
        }
        return g + l1 * l1Norm - constant * yy + constant * qDotW;
    }

    /** Coefficients in the solver's (possibly standardised) scale; a live view, do not modify. */
    double[] coefficients() {
        return w;
    }

    int iterations() {
        return iterations;
    }

    /** Duality gap of the unscaled problem at the last check. */
    double gap() {
        return gap;
    }
}
