package io.pggan.examples.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pggan.agecnn.AgeCnnPredictor;
import io.pggan.data.store.MultiResolutionStore;
import io.pggan.gan.LatentSampler;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganLatentGenerator;
import io.pggan.io.ImageGrid;
import io.pggan.io.Json;
import io.pggan.metrics.Uint8Images;
import io.pggan.metrics.features.FeatureExtractor;
import io.pggan.metrics.neighbors.NearestNeighbors;
import io.pggan.metrics.neighbors.NeighborResult;
import io.pggan.metrics.tracking.MetricSample;
import io.pggan.metrics.tracking.MetricTracker;
import io.pggan.metrics.tracking.RealReference;
import io.pggan.metrics.tracking.TrackerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final evaluation of the Gs the later stages use: every metric against a real sample and a
 * real-vs-real reference (with precision/recall, and IS when an Inception file is given), a grid of
 * samples (Fig. 1b), and the nearest training images of a few generated ones.
 */
public final class EvaluateStage implements Stage {
    /**
     * The k nearest reference feature rows of each query row (nearest first, lower index on ties).
     */
    @FunctionalInterface
    public interface FeatureNeighbors {
        /** Searches. */
        NeighborResult find(double[][] query, double[][] reference, int k);
    }

    private final FeatureNeighbors featureNeighbors;

    /** The stage with the feature-space neighbour search in this JVM. */
    public EvaluateStage() {
        this((q, r, k) -> NearestNeighbors.features(q, r, k, false));
    }

    /** The stage with another implementation of the same search (e.g. on Spark). */
    public EvaluateStage(FeatureNeighbors featureNeighbors) {
        this.featureNeighbors = featureNeighbors;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public void run(StudyContext study) throws Exception {
        StudyPlan plan = study.plan();
        RunLayout layout = study.layout();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Pggan gan = study.loadGan();
                MultiResolutionStore store = study.store();
                AgeCnnPredictor age = study.ageModel();
                FeatureExtractor features = age.featureExtractor()) {
            PgganLatentGenerator g = study.generator(gan);
            int m = Math.min(plan.metrics().evalSample(), store.size() / 2 * 2);
            float[] z = LatentSampler.latents(plan.seed() + 11, 0, m, g.latentDim());
            Uint8Images fake = fakes(g, z, m);
            Uint8Images real = study.reals(store, 0, m);
            TrackerConfig tc = study.trackerConfig(m, 1, true);
            try (FeatureExtractor inception = study.inception()) {
                RealReference reference = RealReference.compute(tc, real, features, inception);
                double kimg = gan.counters().nimg() / 1000.0;
                result.put("kimg", kimg);
                result.put("sample", m);
                result.put(
                        "generated",
                        new MetricTracker(reference, layout.evalTracker())
                                .evaluate(kimg, fake)
                                .values());
                if (store.size() >= 2 * m) {
                    Map<String, Double> v =
                            new LinkedHashMap<>(
                                    new MetricTracker(reference, layout.evalRealVsRealTracker())
                                            .evaluate(0, study.reals(store, m, m))
                                            .values());
                    v.putAll(reference.values());
                    result.put("realVsReal", v);
                }
            }
            // Fig. 1b: a grid of samples.
            try (NDManager mgr = NDManager.newBaseManager()) {
                float[] zs = LatentSampler.latents(plan.seed() + 17, 0, 32, g.latentDim());
                ImageGrid.write(layout.samplesGrid(), generate(g, mgr, zs, 0, 32), 8);
            }
            // Nearest training images of 8 generated images, in pixels and in CNN features.
            int nRef = Math.min(store.size(), 2000);
            Uint8Images training = study.reals(store, 0, nRef);
            Uint8Images query = fake.slice(0, Math.min(8, m));
            NeighborResult px = NearestNeighbors.pixel(query, training, 5, false);
            NearestNeighbors.writeGrid(layout.nearestPixels(), query, training, px, 8);
            NeighborResult ft =
                    featureNeighbors.find(
                            features(features, query), features(features, training), 5);
            NearestNeighbors.writeGrid(layout.nearestFeatures(), query, training, ft, 8);
            result.put("nearestPixelDistance", meanFirst(px));
            result.put("nearestFeatureDistance", meanFirst(ft));
        }
        Json.write(layout.evaluation(), result);
    }

    private static NDArray generate(
            PgganLatentGenerator g, NDManager mgr, float[] z, int from, int n) {
        int d = g.latentDim();
        NDArray zz = mgr.create(Arrays.copyOfRange(z, from * d, (from + n) * d), new Shape(n, d));
        return g.generate(zz);
    }

    /** Generated images of the latents, in batches of 32 (one NDManager scope per batch). */
    private static Uint8Images fakes(PgganLatentGenerator g, float[] z, int n) {
        List<Uint8Images> parts = new ArrayList<>();
        try (NDManager mgr = NDManager.newBaseManager()) {
            for (int i = 0; i < n; i += 32) {
                int k = Math.min(32, n - i);
                try (NDManager step = mgr.newSubManager()) {
                    parts.add(Uint8Images.fromSigned(generate(g, step, z, i, k)));
                }
            }
        }
        return Uint8Images.concat(parts);
    }

    /** Feature rows of images, streamed through the model in batches of 32. */
    private static double[][] features(FeatureExtractor f, Uint8Images images) {
        return new MetricSample(images, f, null, 32).features().rows();
    }

    private static double meanFirst(NeighborResult r) {
        double s = 0;
        for (double[] d : r.distance()) {
            s += d[0];
        }
        return s / r.distance().length;
    }
}
