package io.pggan.metrics.fid;

import io.pggan.metrics.random.NumpyRandomState;

/**
 * Inception Score from class probabilities or logits, as openai/PGGAN and torch-fidelity compute
 * it: split i holds rows {@code [i N / s, (i + 1) N / s)}, {@code IS_i = exp(mean_rows(sum_k p (log
 * p - log mean_rows(p))))}, reported as mean and std (ddof 0). Terms with {@code p = 0} contribute
 * 0. torch-fidelity first permutes the rows with {@code RandomState(2020)}: use {@link
 * #torchFidelity(double[][], boolean)} or pass a permutation.
 */
public final class InceptionScore {
    /** PGGAN / openai default number of splits. */
    public static final int DEFAULT_SPLITS = 10;

    private InceptionScore() {}

    /** Openai / PGGAN: probabilities, 10 splits, no shuffling. */
    public static InceptionScoreResult fromProbabilities(double[][] probs) {
        return compute(probs, false, DEFAULT_SPLITS, null);
    }

    /** torch-fidelity: rows shuffled by {@code RandomState(2020).permutation(N)}, 10 splits. */
    public static InceptionScoreResult torchFidelity(double[][] values, boolean logits) {
        return compute(
                values,
                logits,
                DEFAULT_SPLITS,
                new NumpyRandomState(2020).permutation(values.length));
    }

    /**
     * General form.
     *
     * @param values N x K probabilities (rows sum to 1) or logits
     * @param logits whether {@code values} are logits (softmax in double)
     * @param splits number of splits
     * @param permutation optional row order: row r of the computation is {@code values[perm[r]]}
     */
    public static InceptionScoreResult compute(
            double[][] values, boolean logits, int splits, int[] permutation) {
        if (splits <= 0) {
            throw new IllegalArgumentException("splits must be positive, got " + splits);
        }
        int k = FeatureChecks.check(values, "probabilities", splits, "Inception Score");
        int n = values.length;
        if (permutation != null && permutation.length != n) {
            throw new IllegalArgumentException(
                    "permutation has " + permutation.length + " entries for " + n + " rows");
        }
        double[][] p = new double[n][];
        double[][] logp = new double[n][];
        for (int r = 0; r < n; r++) {
            int src = permutation == null ? r : permutation[r];
            double[] v = values[src];
            if (logits) {
                double max = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    max = Math.max(max, x);
                }
                double s = 0;
                for (double x : v) {
                    s += Math.exp(x - max);
                }
                double ls = Math.log(s);
                logp[r] = new double[k];
                p[r] = new double[k];
                for (int j = 0; j < k; j++) {
                    logp[r][j] = v[j] - max - ls;
                    p[r][j] = Math.exp(logp[r][j]);
                }
            } else {
                p[r] = v;
                logp[r] = new double[k];
                for (int j = 0; j < k; j++) {
                    if (v[j] < 0) {
                        throw new IllegalArgumentException(
                                "Inception Score: probability ["
                                        + src
                                        + ", "
                                        + j
                                        + "] is negative");
                    }
                    logp[r][j] = Math.log(v[j]);
                }
            }
        }
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int lo = (int) ((long) s * n / splits);
            int hi = (int) ((long) (s + 1) * n / splits);
            double[] py = new double[k];
            for (int r = lo; r < hi; r++) {
                for (int j = 0; j < k; j++) {
                    py[j] += p[r][j];
                }
            }
            double[] logPy = new double[k];
            for (int j = 0; j < k; j++) {
                logPy[j] = Math.log(py[j] / (hi - lo));
            }
            double klSum = 0;
            for (int r = lo; r < hi; r++) {
                double kl = 0;
                for (int j = 0; j < k; j++) {
                    if (p[r][j] > 0) {
                        kl += p[r][j] * (logp[r][j] - logPy[j]);
                    }
                }
                klSum += kl;
            }
            scores[s] = Math.exp(klSum / (hi - lo));
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        return new InceptionScoreResult(mean, Math.sqrt(var / splits), scores);
    }
}
