package io.pggan.latent.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.LatentSampler;
import io.pggan.io.Npy;
import io.pggan.latent.SyntheticWorld;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentLabelerTest {
    private static NDManager manager;
    private static SyntheticWorld world;

    @BeforeAll
    static void start() {
        PgganEngine.start();
        manager = NDManager.newBaseManager();
        world = new SyntheticWorld(16, 3);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static LatentLabeler labeler() {
        return LatentLabeler.builder()
                .samples(250)
                .seed(5)
                .batchSize(32)
                .shardSize(100)
                .progress(false)
                .build();
    }

    /** Counts rendered latents and fails once after {@code failAfter} latents (if >= 0). */
    private static LatentGenerator counting(LatentGenerator g, AtomicInteger count, int failAfter) {
        return new LatentGenerator() {
            @Override
            public int latentDim() {
                return g.latentDim();
            }

            @Override
            public NDArray generate(NDArray z) {
                int n = (int) z.getShape().get(0);
                if (failAfter >= 0 && count.get() + n > failAfter) {
                    throw new IllegalStateException("simulated crash");
                }
                count.addAndGet(n);
                return g.generate(z);
            }

            @Override
            public String modelId() {
                return g.modelId();
            }
        };
    }

    @Test
    void resumesAfterACrashWithoutRedoingCompletedShards(@TempDir Path dir) throws Exception {
        AtomicInteger rendered = new AtomicInteger();
        LatentGenerator crashing = counting(world.generator("g1"), rendered, 150);
        assertThatThrownBy(() -> labeler().label(dir, manager, crashing, world.predictor()))
                .hasMessageContaining("simulated crash");
        // shard 0 finished, shard 1 was abandoned without leaving files under final names
        assertThat(Files.exists(LabelSet.monthsFile(dir, 0))).isTrue();
        assertThat(Files.exists(LabelSet.latentsFile(dir, 1))).isFalse();
        assertThat(Files.exists(LabelSet.monthsFile(dir, 1))).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(Path::toString).filter(s -> s.endsWith(".part"))).isEmpty();
        }
        assertThatThrownBy(() -> LabelSet.open(dir)).hasMessageContaining("shard 1 is missing");

        // a hard kill can leave a temporary file behind: the resume removes it
        Path stale = dir.resolve(".tmp-shard_00001.latents.npy-123.part");
        Files.writeString(stale, "partial");
        AtomicInteger second = new AtomicInteger();
        LabelSet resumed =
                labeler()
                        .label(
                                dir,
                                manager,
                                counting(world.generator("g1"), second, -1),
                                world.predictor());
        assertThat(second.get()).isEqualTo(150); // shards 1 and 2 only
        assertThat(stale).doesNotExist();

        LabelSet fresh =
                labeler()
                        .label(
                                dir.resolve("fresh"),
                                manager,
                                world.generator("g1"),
                                world.predictor());
        assertThat(resumed.latents()).isDeepEqualTo(fresh.latents());
        assertThat(resumed.months()).containsExactly(fresh.months());
        List<String> index = Files.readAllLines(dir.resolve("index.csv"));
        assertThat(index)
                .containsExactly(
                        "shard,first_index,count,latents,months,features",
                        "0,0,100,shard_00000.latents.npy,shard_00000.months.npy,",
                        "1,100,100,shard_00001.latents.npy,shard_00001.months.npy,",
                        "2,200,50,shard_00002.latents.npy,shard_00002.months.npy,");
        assertThat(Npy.read(LabelSet.latentsFile(dir, 2)).shape()).containsExactly(50, 16);

        // a completed run is not redone
        AtomicInteger third = new AtomicInteger();
        labeler()
                .label(dir, manager, counting(world.generator("g1"), third, -1), world.predictor());
        assertThat(third.get()).isZero();
    }

    @Test
    void refusesToMixRunsAndKeepsFeatures(@TempDir Path dir) throws Exception {
        labeler().label(dir, manager, world.generator("g1"), world.predictor());
        LatentLabeler otherSeed =
                LatentLabeler.builder().samples(250).seed(6).shardSize(100).progress(false).build();
        assertThatThrownBy(
                        () ->
                                otherSeed.label(
                                        dir, manager, world.generator("g1"), world.predictor()))
                .hasMessageContaining("holds another labelling run");
        assertThatThrownBy(
                        () ->
                                labeler()
                                        .label(
                                                dir,
                                                manager,
                                                world.generator("g2"),
                                                world.predictor()))
                .hasMessageContaining("g2");

        LabelSet withFeatures =
                LatentLabeler.builder()
                        .samples(40)
                        .shardSize(25)
                        .keepFeatures(true)
                        .progress(false)
                        .build()
                        .label(dir.resolve("f"), manager, world.generator("g1"), world.predictor());
        assertThat(withFeatures.features()).hasNumberOfRows(40);
        assertThat(withFeatures.features()[0]).hasSize(2);
        AgePredictor plain = images -> new float[(int) images.getShape().get(0)];
        assertThatThrownBy(
                        () ->
                                LatentLabeler.builder()
                                        .samples(10)
                                        .keepFeatures(true)
                                        .progress(false)
                                        .build()
                                        .label(
                                                dir.resolve("g"),
                                                manager,
                                                world.generator("g1"),
                                                plain))
                .hasMessageContaining("offers no features");
    }

    @Test
    void latentsAreReproduciblePerIndexAndGaussian() {
        float[] a = LatentSampler.latent(42, 123_456, 512);
        assertThat(LatentSampler.latent(42, 123_456, 512)).containsExactly(a);
        assertThat(LatentSampler.latent(43, 123_456, 512)).isNotEqualTo(a);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 0; i < 200; i++) {
            for (float v : LatentSampler.latent(1, i, 512)) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        assertThat(sum / n).isBetween(-0.02, 0.02);
        assertThat(sq / n).isBetween(0.97, 1.03);
    }
}
