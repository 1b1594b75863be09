package io.pggan.latent.lasso;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.io.NpyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * LassoCV on 200,000 x 512 (the study's setting: latents z ~ N(0, I), y = months), 10 folds, 100
 * alphas, scikit-learn's default tol/max_iter. Prints seconds; compare with scikit-learn's 56 s
 * (shared/bench/README.md). With {@code -Dlasso.bench.dir=DIR} the data and our result are written
 * there together with {@code sklearn_lassocv.py}, which times scikit-learn on the same data.
 */
@Tag("benchmark")
class LassoCvBenchmark {
    @Test
    void lassoCv200kBy512() throws Exception {
        int n = Integer.getInteger("lasso.bench.n", 200_000);
        int p = 512;
        SplittableRandom rnd = new SplittableRandom(2018);
        double[][] x = new double[n][p];
        double[] beta = new double[p];
        for (int k = 0; k < 30; k++) {
            beta[rnd.nextInt(p)] = rnd.nextDouble(-1, 1);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                x[i][j] = gaussian(rnd);
                s += beta[j] * x[i][j];
            }
            y[i] = Math.max(0, Math.min(228, 127 + 25 * s + 15 * gaussian(rnd)));
        }
        Design d = Design.of(x);
        java.lang.management.ThreadMXBean mx =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long g0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        LassoCv.builder().build().alphaGrid(d, y);
        System.out.printf(
                Locale.ROOT,
                "one pass over the data (column means + Gram matrix %d x %d): %.2f s wall, %.2f s"
                        + " CPU%n",
                p,
                p,
                (System.nanoTime() - g0) / 1e9,
                (mx.getCurrentThreadCpuTime() - c0) / 1e9);
        for (int threads : new int[] {1, 2}) {
            LassoCv cv = LassoCv.builder().folds(10).nAlphas(100).threads(threads).build();
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            LassoCvResult r = cv.fit(d, y);
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "LassoCv %d x %d, 10 folds, 100 alphas, tol 1e-4, threads %d: %.2f s wall (calling"
                            + " thread CPU %.2f s; scikit-learn 1.2.1 n_jobs=1: 56 s); alpha_min %.6g,"
                            + " %d nonzero, train MAE %s%n",
                    n,
                    p,
                    threads,
                    sec,
                    cpu,
                    r.alphaMin(),
                    r.model().nonZero(),
                    ErrorSummary.of(r.model(), d, y));
            if (threads == 1) {
                String dirName = System.getProperty("lasso.bench.dir");
                if (dirName != null) {
                    Path dir = Path.of(dirName);
                    writeForScikitLearn(dir, x, y, r, sec);
                }
            }
        }
    }

    private static void writeForScikitLearn(
            Path dir, double[][] x, double[] y, LassoCvResult r, double sec) throws Exception {
        Files.createDirectories(dir);
        int n = x.length;
        int p = x[0].length;
        try (NpyWriter w = NpyWriter.open(dir.resolve("X.npy"), NpyArray.Dtype.FLOAT64, p)) {
            for (double[] row : x) {
                w.writeRow(row);
            }
        }
        Npy.write(dir.resolve("y.npy"), NpyArray.of(y, n));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", sec);
        out.put("alphas", r.alphas());
        out.put("mean_mse", r.meanMse());
        out.put("index_min", r.indexMin());
        out.put("coef", r.model().coef());
        out.put("intercept", r.model().intercept());
        new ObjectMapper().writeValue(dir.resolve("java_result.json").toFile(), out);
        Files.writeString(
                dir.resolve("sklearn_lassocv.py"),
                """
                import json, sys, time
                import numpy as np
                from sklearn.linear_model import LassoCV
                d = sys.argv[1]
                X = np.load(d + '/X.npy'); y = np.load(d + '/y.npy')
                t = time.time()
                m = LassoCV(cv=10, n_alphas=100, n_jobs=1).fit(X, y)
                sec = time.time() - t
                j = json.load(open(d + '/java_result.json'))
                mse = m.mse_path_.mean(axis=1)
                print('scikit-learn LassoCV: %.2f s; java %.2f s' % (sec, j['seconds']))
                print('alphas max rel diff', np.max(np.abs(np.array(j['alphas']) - m.alphas_) / m.alphas_))
                print('mean mse max rel diff', np.max(np.abs(np.array(j['mean_mse']) - mse) / mse))
                print('index_min sklearn', int(np.argmin(mse)), 'java', j['index_min'])
                print('coef max abs diff', np.max(np.abs(np.array(j['coef']) - m.coef_)))
                """);
        System.out.println(
                "run: /usr/bin/python3 " + dir.resolve("sklearn_lassocv.py") + " " + dir);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
