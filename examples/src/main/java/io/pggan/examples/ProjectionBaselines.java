package io.pggan.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.examples.study.StudyRun;
import io.pggan.gan.LatentSampler;
import java.util.Arrays;

/**
 * The baselines of {@link ProjectionAcceptance}: the pixel-nearest training images and Gs samples
 * of every target (the {@value #TOP_K} nearest kept, nearest first).
 */
final class ProjectionBaselines {
    static final int TOP_K = 20;
    private static final long GS_BASELINE_SEED = 7_000_000L;

    private ProjectionBaselines() {}

    /** A source of candidate images by index. */
    interface Images {
        float[] image(int index);
    }

    /** The {@value #TOP_K} pixel-nearest candidates of every target, nearest first. */
    static int[][] nearest(float[] targets, int n, int pix, int count, Images images) {
        int[][] best = new int[n][TOP_K];
        double[][] dist = new double[n][TOP_K];
        for (double[] d : dist) {
            Arrays.fill(d, Double.POSITIVE_INFINITY);
        }
        for (int c = 0; c < count; c++) {
            offer(targets, n, pix, images.image(c), 0, c, best, dist);
        }
        return best;
    }

    private static void offer(
            float[] targets,
            int n,
            int pix,
            float[] candidate,
            int offset,
            int index,
            int[][] best,
            double[][] dist) {
        for (int t = 0; t < n; t++) {
            double d = 0;
            for (int q = 0; q < pix; q++) {
                double e = targets[t * pix + q] - candidate[offset + q];
                d += e * e;
            }
            if (d < dist[t][TOP_K - 1]) {
                int k = TOP_K - 1;
                while (k > 0 && dist[t][k - 1] > d) {
                    dist[t][k] = dist[t][k - 1];
                    best[t][k] = best[t][k - 1];
                    k--;
                }
                dist[t][k] = d;
                best[t][k] = index;
            }
        }
    }

    static float[] gather(int[][] nn, Images images, int pix) {
        float[] out = new float[nn.length * pix];
        for (int t = 0; t < nn.length; t++) {
            System.arraycopy(images.image(nn[t][0]), 0, out, t * pix, pix);
        }
        return out;
    }

    /** Latents of the Gs baseline: {@link LatentSampler} latents of a fixed seed. */
    private static float[] gsLatents(int from, int to, int dim) {
        return LatentSampler.latents(GS_BASELINE_SEED, from, to - from, dim);
    }

    static int[][] nearestGs(
            StudyRun run, NDManager manager, float[] targets, int n, int pix, int samples) {
        int dim = run.generator().latentDim();
        int[][] best = new int[n][TOP_K];
        double[][] dist = new double[n][TOP_K];
        for (double[] d : dist) {
            Arrays.fill(d, Double.POSITIVE_INFINITY);
        }
        for (int from = 0; from < samples; from += 64) {
            int to = Math.min(samples, from + 64);
            try (NDManager m = manager.newSubManager()) {
                float[] img =
                        run.generator()
                                .generate(
                                        m.create(
                                                gsLatents(from, to, dim),
                                                new Shape(to - from, dim)))
                                .toFloatArray();
                for (int c = from; c < to; c++) {
                    offer(targets, n, pix, img, (c - from) * pix, c, best, dist);
                }
            }
        }
        return best;
    }

    /** Gs images of the given baseline indices ({@code [n][TOP_K]}), flattened row by row. */
    static float[] gsImages(StudyRun run, NDManager manager, int[][] nn, int pix) {
        int dim = run.generator().latentDim();
        int k = nn[0].length;
        float[] out = new float[nn.length * k * pix];
        for (int t = 0; t < nn.length; t++) {
            float[] z = new float[k * dim];
            for (int j = 0; j < k; j++) {
                System.arraycopy(gsLatents(nn[t][j], nn[t][j] + 1, dim), 0, z, j * dim, dim);
            }
            try (NDManager m = manager.newSubManager()) {
                float[] img =
                        run.generator().generate(m.create(z, new Shape(k, dim))).toFloatArray();
                System.arraycopy(img, 0, out, t * k * pix, k * pix);
            }
        }
        return out;
    }
}
