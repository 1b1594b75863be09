package io.pggan.gan.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.pggan.gan.InMemorySource;
import io.pggan.gan.Pggan;
import io.pggan.gan.PgganConfig;
import io.pggan.gan.network.ProgressiveNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgganTrainerTest {
    /** Tiny run: 16px, fmap 8, latent 16, phases of 64 images, minibatch 8 (8 iterations). */
    static PgganConfig tiny() {
        return PgganConfig.builder()
                .resolution(16)
                .latentDim(16)
                .fmapMax(8)
                .schedule(TrainingSchedule.shortRun(0.064, 0.64, 8))
                .checkpointIntervalKimg(0.032)
                .imageSnapshotTicks(0)
                .progressBar(false)
                .build();
    }

    private static float[] flat(ProgressiveNetwork net) {
        List<Float> all = new ArrayList<>();
        for (var p : net.namedParameters()) {
            for (float v : p.parameter().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void trainsThroughFadeInAndKeepsNothingBetweenIterations(@TempDir Path dir) {
        InMemorySource src = new InMemorySource(32, 1, 16, 1);
        List<TrainingProgress> seen = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Integer> allCounts = new ArrayList<>(); // every array under the engine's root
        try (Pggan gan = Pggan.builder().config(tiny()).build()) {
            NDManager mgr = gan.state().manager();
            float[] before = flat(gan.state().generator());
            TrainingListener probe =
                    new TrainingListener() {
                        @Override
                        public void onIteration(TrainingProgress p) {
                            seen.add(p);
                            counts.add(mgr.getManagedArrays().size());
                            allCounts.add(
                                    mgr.getParentManager()
                                            .getParentManager()
                                            .getManagedArrays()
                                            .size());
                            for (NDArray a : GanState.arrays(gan.state().discriminator())) {
                                try (NDArray g = a.getGradient()) {
                                    assertThat(JniUtils.requiresGrad((PtNDArray) g)).isFalse();
                                }
                            }
                        }
                    };
            gan.train(src, 14, probe);
            assertThat(gan.counters().iteration()).isEqualTo(14);
            assertThat(gan.counters().nimg()).isEqualTo(14 * 8);
            assertThat(maxDiff(before, flat(gan.state().generator()))).isGreaterThan(1e-4);
            // Gs moves slowly towards G
            double gsMove = maxDiff(before, flat(gan.state().averagedGenerator()));
            assertThat(gsMove)
                    .isGreaterThan(0)
                    .isLessThan(maxDiff(before, flat(gan.state().generator())));
            assertThat(seen.get(0).resolution()).isEqualTo(4);
            assertThat(seen.stream().anyMatch(TrainingProgress::fadeIn)).isTrue();
            assertThat(seen.get(13).resolution()).isEqualTo(8);
            // Adam was reset when the fade-in began (iteration 12: floor(lod) went 2 -> 1)
            assertThat(gan.state().adamG().step()).isEqualTo(2);
            assertThat(gan.state().adamD().step()).isEqualTo(2);
            for (TrainingProgress p : seen) {
                assertThat(p.dLoss()).isFinite();
                assertThat(p.gLoss()).isFinite();
            }
            // no array survives an iteration (the count is the same after the first few)
            assertThat(counts.subList(2, counts.size())).containsOnly(counts.get(2));
            assertThat(allCounts.subList(2, allCounts.size())).containsOnly(allCounts.get(2));
            NDArray img = gan.generate(3, 7L);
            assertThat(img.getShape().get(0)).isEqualTo(3);
            assertThat(img.getShape().get(2)).isEqualTo(gan.position().resolution());
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path dir) throws Exception {
        InMemorySource src = new InMemorySource(32, 1, 16, 2);
        float[] straightG;
        float[] straightD;
        float[] straightGs;
        try (Pggan gan = Pggan.builder().config(tiny()).build()) {
            gan.train(src, 10);
            straightG = flat(gan.state().generator());
            straightD = flat(gan.state().discriminator());
            straightGs = flat(gan.state().averagedGenerator());
        }
        Path run = dir.resolve("run");
        // "kill" the run at iteration 7: the last checkpoint on disk is the one of iteration 4
        Pggan first = Pggan.builder().config(tiny()).runDirectory(run).build();
        TrainingListener killer =
                new TrainingListener() {
                    @Override
                    public void onIteration(TrainingProgress p) {
                        if (p.iteration() == 7) {
                            throw new IllegalStateException("killed");
                        }
                    }
                };
        assertThatThrownBy(() -> first.train(src, 100, killer)).hasMessage("killed");
        // the abandoned object is not used again (its arrays are freed by the test only)
        first.close();
        try (Pggan resumed = Pggan.builder().config(tiny()).runDirectory(run).build()) {
            assertThat(resumed.counters().iteration()).isEqualTo(4);
            resumed.train(src, 6);
            assertThat(resumed.counters().iteration()).isEqualTo(10);
            assertThat(maxDiff(straightG, flat(resumed.state().generator()))).isLessThan(1e-5);
            assertThat(maxDiff(straightD, flat(resumed.state().discriminator()))).isLessThan(1e-5);
            assertThat(maxDiff(straightGs, flat(resumed.state().averagedGenerator())))
                    .isLessThan(1e-5);
        }
        assertThat(Files.list(run).filter(p -> p.getFileName().toString().startsWith(".tmp")))
                .isEmpty();
    }

    @Test
    void refusesACheckpointOfAnotherShape(@TempDir Path dir) {
        InMemorySource src = new InMemorySource(8, 1, 16, 3);
        Path run = dir.resolve("run");
        try (Pggan gan = Pggan.builder().config(tiny()).runDirectory(run).build()) {
            gan.train(src, 4);
        }
        assertThatThrownBy(
                        () ->
                                Pggan.builder()
                                        .config(tiny())
                                        .latentDim(20)
                                        .runDirectory(run)
                                        .build())
                .hasMessageContaining("latentDim 16")
                .hasMessageContaining("20");
        assertThatThrownBy(
                        () ->
                                Pggan.builder()
                                        .config(tiny())
                                        .resolution(32)
                                        .runDirectory(run)
                                        .build())
                .hasMessageContaining("resolution");
        assertThatThrownBy(
                        () -> Pggan.builder().config(tiny()).channels(3).runDirectory(run).build())
                .hasMessageContaining("channels");
    }

    @Test
    void persistentNonFiniteLossStopsWithTheLastGoodCheckpoint(@TempDir Path dir) {
        InMemorySource src = new InMemorySource(8, 1, 16, 4);
        Path run = dir.resolve("run");
        PgganConfig cfg = tiny().toBuilder().maxNonFiniteIterations(3).build();
        try (Pggan gan = Pggan.builder().config(cfg).runDirectory(run).build()) {
            gan.train(src, 4);
            float[] good = flat(gan.state().discriminator());
            src.fill(Float.NaN);
            assertThatThrownBy(() -> gan.train(src, 100))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("not finite")
                    .hasMessageContaining("checkpoint.zip");
            // skipped updates left D as it was
            assertThat(maxDiff(good, flat(gan.state().discriminator()))).isEqualTo(0.0);
            assertThat(gan.counters().skippedUpdates()).isEqualTo(3);
        }
        try (Pggan back = Pggan.builder().config(cfg).runDirectory(run).build()) {
            assertThat(back.counters().iteration()).isEqualTo(4);
        }
    }

    @Test
    void anOutlyingGradientIsSkippedAndTrainingGoesOn() {
        InMemorySource src = new InMemorySource(8, 1, 16, 4);
        try (Pggan gan = Pggan.builder().config(tiny()).build()) {
            gan.train(src, 4);
            float[] good = flat(gan.state().discriminator());
            // finite reals 1e4 times too bright: D's gradient norm jumps by far more than 1000x
            src.scale(1e4f);
            gan.train(src, 1);
            assertThat(gan.counters().outlierUpdates()).isEqualTo(1);
            assertThat(gan.counters().skippedUpdates()).isEqualTo(1);
            assertThat(maxDiff(good, flat(gan.state().discriminator()))).isEqualTo(0.0);
            src.scale(1f);
            gan.train(src, 2);
            assertThat(gan.counters().skippedUpdates()).isEqualTo(1);
            assertThat(maxDiff(good, flat(gan.state().discriminator()))).isGreaterThan(0.0);
        }
        // with the guard off, the same update is taken
        InMemorySource again = new InMemorySource(8, 1, 16, 4);
        PgganConfig off = tiny().toBuilder().gradientOutlierRatio(0).build();
        try (Pggan gan = Pggan.builder().config(off).build()) {
            gan.train(again, 4);
            again.scale(1e4f);
            gan.train(again, 1);
            assertThat(gan.counters().skippedUpdates()).isZero();
        }
    }

    @Test
    void adamResetClearsMomentsThatOverflowed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.ones(new Shape(3));
            AdamOptimizer adam = new AdamOptimizer(List.of(p), m, 0, 0.99, 1e-8);
            adam.firstMoments().get(0).addi(Float.POSITIVE_INFINITY);
            adam.secondMoments().get(0).addi(Float.POSITIVE_INFINITY);
            NDArray v = adam.secondMoments().get(0);
            adam.reset();
            // the same objects (the checkpoint code holds them), now exact zeros, not inf * 0 = NaN
            assertThat(adam.secondMoments().get(0)).isSameAs(v);
            assertThat(adam.firstMoments().get(0).toFloatArray()).containsOnly(0f);
            assertThat(adam.secondMoments().get(0).toFloatArray()).containsOnly(0f);
            assertThat(adam.step()).isZero();
        }
    }

    @Test
    void adamUpdatesFollowTheTensorFlowFormula() {
        float[] g1 = {0.5f, -2f, 1e-3f};
        float[] g2 = {-0.25f, 1f, 3f};
        for (double beta1 : new double[] {0, 0.9}) {
            double beta2 = 0.99;
            double eps = 1e-8;
            double lr = 0.01;
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray p = m.create(new float[] {1f, 2f, 3f});
                AdamOptimizer adam = new AdamOptimizer(List.of(p), m, beta1, beta2, eps);
                double[] want = {1, 2, 3};
                double[] mm = new double[3];
                double[] vv = new double[3];
                int t = 0;
                for (float[] g : List.of(g1, g2)) {
                    t++;
                    try (NDManager step = m.newSubManager()) {
                        NDArray grad = step.create(g);
                        adam.update(List.of(p), List.of(grad), List.of(grad.square()), lr, step);
                    }
                    double lrT = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
                    for (int i = 0; i < 3; i++) {
                        mm[i] = beta1 * mm[i] + (1 - beta1) * g[i];
                        vv[i] = beta2 * vv[i] + (1 - beta2) * g[i] * g[i];
                        want[i] -= lrT * mm[i] / (Math.sqrt(vv[i]) + eps);
                    }
                }
                float[] got = p.toFloatArray();
                float[] firstMoment = adam.firstMoments().get(0).toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) got[i])
                            .as("beta1 %s", beta1)
                            .isCloseTo(want[i], within(1e-6));
                    assertThat((double) firstMoment[i]).isCloseTo(mm[i], within(1e-6));
                }
                assertThat(adam.step()).isEqualTo(2);
            }
        }
    }

    @Test
    void twoReplicasGiveTheSameStepsAsOne() {
        // Without minibatch stddev D treats samples independently, so two CPU replicas on the
        // halves of a minibatch (gradients averaged on the main device) must equal one replica.
        PgganConfig base = tiny().toBuilder().mbstdGroupSize(0).build();
        InMemorySource src = new InMemorySource(16, 1, 16, 5);
        try (Pggan two = Pggan.builder().config(base.toBuilder().replicas(2).build()).build();
                Pggan one = Pggan.builder().config(base.toBuilder().replicas(1).build()).build()) {
            float[] start = flat(one.state().discriminator());
            two.train(src, 2);
            one.train(src, 2);
            assertThat(two.counters().nimg()).isEqualTo(16);
            assertThat(maxDiff(start, flat(one.state().discriminator()))).isGreaterThan(1e-3);
            // Adam's first steps are nearly lr * sign(g): allow float noise of 10% of one step
            assertThat(
                            maxDiff(
                                    flat(two.state().discriminator()),
                                    flat(one.state().discriminator())))
                    .isLessThan(1e-4);
            assertThat(maxDiff(flat(two.state().generator()), flat(one.state().generator())))
                    .isLessThan(1e-4);
        }
    }
}
