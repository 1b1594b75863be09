package io.pggan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.data.MinibatchSource;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.training.TrainingListener;
import io.pggan.gan.training.TrainingProgress;
import io.pggan.gan.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training and Gs-inference speed in the configuration of {@code bench/pggan_ref.py}: batch 16, 2
 * threads, alpha 1, fused convs, grayscale, latent nf(0), fmapBase 8192. Prints one JSON line per
 * configuration with the reference's field names. Choose with {@code -Dbench.configs=32:128:train,
 * 64:64:train,64:128:forward} and {@code -Dbench.steps}, {@code -Dbench.warmup}; {@code
 * -Dbench.profile=PREFIX} writes a PyTorch profiler trace of the timed training iterations of each
 * configuration to {@code PREFIX-res-fmapMax.json} (open it in chrome://tracing).
 */
@Tag("benchmark")
class PgganTrainingBenchmark {
    /** Random "real" images of the right shape, as the reference uses. */
    static final class RandomSource implements MinibatchSource {
        private final int resolution;

        RandomSource(int resolution) {
            this.resolution = resolution;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int maxResolution() {
            return resolution;
        }

        @Override
        public NDArray minibatch(NDManager m, int res, int batch, Random random) {
            float[] v = new float[batch * res * res];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.max(-1, Math.min(1, random.nextGaussian() * 0.5));
            }
            return m.create(v, new Shape(batch, 1, res, res));
        }
    }

    static PgganConfig config(int res, int fmapMax, int batch) {
        // Start directly at res and stay there with alpha 1.
        TrainingSchedule s =
                new TrainingSchedule(
                        res, 1e6, 0, 1e6, batch, Map.of(), 1e-3, Map.of(), Map.of(), Map.of(), 1e6,
                        4);
        return PgganConfig.builder()
                .resolution(res)
                .fmapMax(fmapMax)
                .latentDim(Math.min(8192, fmapMax))
                .schedule(s)
                .checkpointIntervalKimg(1e9)
                .imageSnapshotTicks(0)
                .progressBar(false)
                .build();
    }

    static String json(Map<String, Object> fields) {
        StringBuilder b = new StringBuilder("{");
        for (var e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            b.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
        }
        return b.append('}').toString();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    @Test
    void trainingAndInferenceSpeed() {
        PgganEngine.start(2);
        int steps = Integer.getInteger("bench.steps", 10);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int batch = 16;
        String configs =
                System.getProperty("bench.configs", "32:128:train,64:64:train,64:128:forward");
        for (String spec : configs.split(",")) {
            String[] p = spec.split(":");
            int res = Integer.parseInt(p[0]);
            int fmapMax = Integer.parseInt(p[1]);
            boolean forward = p[2].equals("forward");
            PgganConfig cfg = config(res, fmapMax, batch);
            try (Pggan gan = Pggan.builder().config(cfg).build()) {
                List<Double> times = new ArrayList<>();
                double dt;
                int n = forward ? Integer.getInteger("bench.forwardSteps", 20) : steps;
                if (forward) {
                    try (NDManager m = NDManager.newBaseManager()) {
                        for (int i = 0; i < warmup + n; i++) {
                            try (NDManager step = m.newSubManager()) {
                                long t0 = System.nanoTime();
                                NDArray img = gan.generate(gan.latents(step, batch, i));
                                img.toFloatArray();
                                if (i >= warmup) {
                                    times.add((System.nanoTime() - t0) / 1e9);
                                }
                            }
                        }
                    }
                    dt = times.stream().mapToDouble(Double::doubleValue).sum();
                } else {
                    RandomSource src = new RandomSource(res);
                    gan.train(src, warmup);
                    long[] last = {System.nanoTime()};
                    TrainingListener timer =
                            new TrainingListener() {
                                @Override
                                public void onIteration(TrainingProgress pr) {
                                    long now = System.nanoTime();
                                    times.add((now - last[0]) / 1e9);
                                    last[0] = now;
                                }
                            };
                    long t0 = System.nanoTime();
                    last[0] = t0;
                    String prof = System.getProperty("bench.profile");
                    if (prof != null) {
                        JniUtils.startProfile(false, true, false);
                    }
                    gan.train(src, n, timer);
                    dt = (System.nanoTime() - t0) / 1e9;
                    if (prof != null) {
                        JniUtils.stopProfile(prof + "-" + res + "-" + fmapMax + ".json");
                    }
                }
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("impl", "pggan-java");
                out.put("res", res);
                out.put("batch", batch);
                out.put("fmap_max", fmapMax);
                out.put("mode", forward ? "forward" : "train");
                out.put("imgs_per_s", String.format(Locale.ROOT, "%.3f", batch * n / dt));
                out.put("sec_per_iter", String.format(Locale.ROOT, "%.4f", dt / n));
                out.put("sec_per_iter_median", String.format(Locale.ROOT, "%.4f", median(times)));
                out.put(
                        "sec_per_iter_min",
                        String.format(
                                Locale.ROOT,
                                "%.4f",
                                times.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
                out.put("g_params", gan.state().generator().parameterCount());
                out.put("d_params", gan.state().discriminator().parameterCount());
                out.put("threads", PgganEngine.start().threads());
                out.put("alpha", 1.0);
                out.put("fused", true);
                out.put("channels", 1);
                out.put("latent", cfg.architecture().latentDim());
                out.put("fmap_base", cfg.architecture().fmapBase());
                out.put("steps", n);
                out.put("warmup", warmup);
                System.out.println(
                        json(out)
                                .replace("\"imgs_per_s\": \"", "\"imgs_per_s\": ")
                                .replaceAll(
                                        "\"(sec_per_iter[a-z_]*)\": \"([0-9.]+)\"", "\"$1\": $2")
                                .replaceAll("(\"imgs_per_s\": [0-9.]+)\"", "$1"));
            }
        }
    }
}
