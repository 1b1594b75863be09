package io.pggan.latent.labeling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.pggan.engine.PgganEngine;
import io.pggan.model.AgePredictor;
import io.pggan.model.LatentGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Labelling throughput at 64 x 64 on CPU with a small convolutional stand-in generator (512 -> 8x8
 * -> three nearest-upsample + 3x3 conv stages -> 64x64) and a trivial age read-out. Prints
 * samples/s. {@code -Dlabel.bench.n} (default 20,000) and {@code -Dlabel.bench.batch} (64).
 */
@Tag("benchmark")
class LatentLabelerBenchmark {

    @Test
    void labels64x64() throws Exception {
        PgganEngine.start();
        int n = Integer.getInteger("label.bench.n", 20_000);
        int batch = Integer.getInteger("label.bench.batch", 64);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock();
            block.add(Linear.builder().setUnits(64L * 8 * 8).build());
            block.add(Activation.leakyReluBlock(0.2f));
            block.add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().reshape(-1, 64, 8, 8))));
            for (int filters : new int[] {64, 32, 16}) {
                block.add(
                        new LambdaBlock(
                                l -> new NDList(l.singletonOrThrow().repeat(2, 2).repeat(3, 2))));
                block.add(
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(filters)
                                .build());
                block.add(Activation.leakyReluBlock(0.2f));
            }
            block.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
            block.add(Activation::tanh);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 512));
            ParameterStore ps = new ParameterStore(manager, false);
            LatentGenerator g =
                    new LatentGenerator() {
                        @Override
                        public int latentDim() {
                            return 512;
                        }

                        @Override
                        public NDArray generate(NDArray z) {
                            return block.forward(ps, new NDList(z), false).singletonOrThrow();
                        }

                        @Override
                        public String modelId() {
                            return "standin-conv-64";
                        }
                    };
            AgePredictor p =
                    images ->
                            images.reshape(images.getShape().get(0), -1)
                                    .mean(new int[] {1})
                                    .mul(100)
                                    .add(120)
                                    .toFloatArray();
            Path dir = Files.createTempDirectory("label-bench");
            long t0 = System.nanoTime();
            LabelSet set =
                    LatentLabeler.builder()
                            .samples(n)
                            .batchSize(batch)
                            .shardSize(5000)
                            .build()
                            .label(dir, manager, g, p);
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "LatentLabeler %d samples at 64x64, batch %d, %d thread(s): %.1f s = %.0f"
                            + " samples/s (200,000 would take %.1f min); %d shards in %s%n",
                    n,
                    batch,
                    PgganEngine.start().threads(),
                    sec,
                    n / sec,
                    200_000 / (n / sec) / 60,
                    (n + 4999) / 5000,
                    dir);
            if (set.months().length != n) {
                throw new IllegalStateException("expected " + n + " labels");
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
