package io.pggan.latent.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.gan.LatentSampler;
import io.pggan.model.DifferentiableFeatures;
import io.pggan.model.DifferentiableGenerator;
import java.util.Arrays;

/**
 * Where {@link Projector}'s restarts begin: seeded random candidates, rendered and described once,
 * ranked for each target by the projection loss; without candidates, seeded random latents.
 */
final class ProjectionStarts {
    private final ProjectionConfig config;
    private final DifferentiableGenerator generator;
    private final DifferentiableFeatures features;

    ProjectionStarts(
            ProjectionConfig config,
            DifferentiableGenerator generator,
            DifferentiableFeatures features) {
        this.config = config;
        this.generator = generator;
        this.features = features;
    }

    /** Random latents with their images and features, scored against every target once. */
    record Candidates(float[] latents, float[] images, float[] features, int count) {}

    Candidates candidates(NDManager scope, Shape image) {
        int c = config.candidates();
        if (c == 0) {
            return new Candidates(new float[0], new float[0], new float[0], 0);
        }
        int dim = generator.latentDim();
        int pix = (int) image.size();
        float[] z = LatentSampler.latents(config.seed(), 0, c, dim); // candidates 0 .. c-1
        float[] images = new float[c * pix];
        int fd = features == null ? 0 : features.featureDim();
        float[] feats = new float[c * fd];
        for (int from = 0; from < c; from += config.batchSize()) {
            int to = Math.min(c, from + config.batchSize());
            try (NDManager m = scope.newSubManager()) {
                NDArray zi =
                        m.create(
                                Arrays.copyOfRange(z, from * dim, to * dim),
                                new Shape(to - from, dim));
                NDArray img = generator.generate(zi);
                System.arraycopy(img.toFloatArray(), 0, images, from * pix, (to - from) * pix);
                if (fd > 0) {
                    float[] f = features.featuresDifferentiable(img).toFloatArray();
                    System.arraycopy(f, 0, feats, from * fd, (to - from) * fd);
                }
            }
        }
        return new Candidates(z, images, feats, c);
    }

    /**
     * Each target's restarts start from its best distinct candidates (by the same loss), or from
     * seeded random latents without candidates.
     */
    float[] initialLatents(
            Candidates c, float[] targets, float[] targetFeat, int from, int k, int dim, int pix) {
        int restarts = config.restarts();
        float[] z = new float[k * restarts * dim];
        int fd = features == null ? 0 : features.featureDim();
        for (int i = 0; i < k; i++) {
            int[] order;
            if (c.count() > 0) {
                double[] score = new double[c.count()];
                double fscale = 0;
                for (int d = 0; d < fd; d++) {
                    fscale += (double) targetFeat[i * fd + d] * targetFeat[i * fd + d];
                }
                fscale = fscale / Math.max(fd, 1) + Projector.FEATURE_EPS;
                for (int j = 0; j < c.count(); j++) {
                    double p = 0;
                    for (int q = 0; q < pix; q++) {
                        double e = c.images()[j * pix + q] - targets[i * pix + q];
                        p += e * e;
                    }
                    double f = 0;
                    for (int d = 0; d < fd; d++) {
                        double e = c.features()[j * fd + d] - targetFeat[i * fd + d];
                        f += e * e;
                    }
                    score[j] = Projector.total(config, p / pix, fd == 0 ? 0 : f / fd / fscale, 0);
                }
                order = argsort(score);
            } else {
                order = new int[0];
            }
            for (int r = 0; r < restarts; r++) {
                int row = i * restarts + r;
                if (r < order.length) {
                    System.arraycopy(c.latents(), order[r] * dim, z, row * dim, dim);
                } else {
                    // without candidates: latents after them, one per target and restart
                    float[] start =
                            LatentSampler.latent(
                                    config.seed(),
                                    c.count() + (long) (from + i) * restarts + r,
                                    dim);
                    System.arraycopy(start, 0, z, row * dim, dim);
                }
            }
        }
        return z;
    }

    private static int[] argsort(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
