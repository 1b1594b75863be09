package io.pggan.metrics.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import io.pggan.io.Npy;
import io.pggan.io.NpyArray;
import io.pggan.metrics.fid.FeatureStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractorTest {

    private static NpyArray resource(String name) throws IOException {
        try (InputStream in =
                FeatureExtractorTest.class.getResourceAsStream("/torchscript/" + name)) {
            return Npy.read(in, name);
        }
    }

    @Test
    void torchScriptFileGivesTheFeaturesPyTorchComputed() throws Exception {
        Path pt =
                Path.of(
                        FeatureExtractorTest.class
                                .getResource("/torchscript/tiny_extractor.pt")
                                .toURI());
        NpyArray input = resource("tiny_input.npy");
        NpyArray expected = resource("tiny_expected.npy");
        float[] in = input.floats();
        try (TorchScriptFeatureExtractor fx =
                        TorchScriptFeatureExtractor.load(pt, 8, InputPipeline.identity());
                NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.create(in, new Shape(2, 3, 16, 16));
            float[] f = fx.extract(images).toFloatArray();
            assertThat(f).hasSize(expected.size());
            double[] want = expected.doubles();
            for (int i = 0; i < f.length; i++) {
                assertThat((double) f[i]).isCloseTo(want[i], within(1e-5));
            }
        }
    }

    @Test
    void torchScriptRejectsMissingFileAndWrongDimension(@TempDir Path dir)
            throws URISyntaxException, IOException {
        assertThatThrownBy(
                        () ->
                                TorchScriptFeatureExtractor.load(
                                        dir.resolve("inception.pt"),
                                        2048,
                                        InputPipeline.pytorchFid()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("inception.pt");
        Path pt =
                Path.of(
                        FeatureExtractorTest.class
                                .getResource("/torchscript/tiny_extractor.pt")
                                .toURI());
        try (TorchScriptFeatureExtractor fx =
                        TorchScriptFeatureExtractor.load(pt, 2048, InputPipeline.identity());
                NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.zeros(new Shape(2, 3, 16, 16));
            assertThatThrownBy(() -> fx.extract(images))
                    .hasMessageContaining("8 features per image, expected 2048");
        }
    }

    @Test
    void blockExtractorRunsAnyDjlBlockWithItsPipeline() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock();
            block.add(Blocks.batchFlattenBlock());
            block.add(Linear.builder().setUnits(4).build());
            block.setInitializer(new ConstantInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            block.setInitializer(new ConstantInitializer(0f), ai.djl.nn.Parameter.Type.BIAS);
            // gray 4x4 images tiled to RGB: 48 inputs
            block.initialize(m, DataType.FLOAT32, new Shape(1, 48));
            BlockFeatureExtractor fx =
                    new BlockFeatureExtractor(
                            block, 4, new InputPipeline(true, 0, InputPipeline.Range.UNIT));
            NDArray images = m.full(new Shape(3, 1, 4, 4), 0.5f);
            float[] f = fx.extract(images).toFloatArray();
            // (0.5 + 1) / 2 = 0.75 per input, 48 inputs, weight 0.5
            for (float v : f) {
                assertThat((double) v).isCloseTo(48 * 0.75 * 0.5, within(1e-4));
            }
        }
    }

    @Test
    void pipelineResizesBilinearAndRescales() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.full(new Shape(2, 1, 8, 8), -1f);
            NDArray out = new InputPipeline(true, 16, InputPipeline.Range.BYTE).apply(images);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3, 16, 16));
            assertThat(out.max().getFloat()).isEqualTo(0f);
            assertThat(
                            new InputPipeline(false, 0, InputPipeline.Range.UNIT)
                                    .apply(images)
                                    .min()
                                    .getFloat())
                    .isEqualTo(0f);
            assertThatThrownBy(() -> new InputPipeline(true, -1, InputPipeline.Range.UNIT))
                    .hasMessageContaining("resize");
        }
    }

    /** A stand-in for another module's CNN: per-channel mean and std of the image. */
    static FeatureExtractor meanStd() {
        return FeatureExtractor.of(
                2,
                x -> {
                    NDArray flat = x.reshape(x.getShape().get(0), -1);
                    NDArray mean = flat.mean(new int[] {1}, true);
                    NDArray sd = flat.sub(mean).pow(2).mean(new int[] {1}, true).sqrt();
                    return mean.concat(sd, 1);
                });
    }

    @Test
    void streamingFromAGeneratorMatchesTheWholeSet() {
        Random rnd = new Random(5);
        int total = 37;
        float[] all = new float[total * 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) (rnd.nextGaussian() * 0.3);
        }
        try (NDManager m = NDManager.newBaseManager();
                FeatureExtractor fx = meanStd()) {
            int[] next = {0};
            ImageBatchSource gen =
                    (mgr, n) -> {
                        float[] part = new float[n * 16];
                        System.arraycopy(all, next[0] * 16, part, 0, part.length);
                        next[0] += n;
                        return mgr.create(part, new Shape(n, 1, 4, 4));
                    };
            ExtractedFeatures streamed = FeatureStreams.fromSource(m, fx, gen, total, 5, true);
            List<NDArray> one = new ArrayList<>();
            one.add(m.create(all, new Shape(total, 1, 4, 4)));
            ExtractedFeatures whole = FeatureStreams.fromBatches(fx, one.iterator(), true);
            assertThat(streamed.rows()).hasNumberOfRows(total);
            FeatureStatistics direct = FeatureStatistics.of(whole.rows());
            double[] c1 = streamed.statistics().covariance();
            double[] c2 = direct.covariance();
            for (int i = 0; i < c1.length; i++) {
                assertThat(c1[i]).isCloseTo(c2[i], within(1e-9));
            }
            assertThat(streamed.statistics().mean()[0]).isCloseTo(direct.mean()[0], within(1e-9));
            assertThat(m.getManagedArrays()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void adapterRejectsWrongOutputShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            FeatureExtractor fx = FeatureExtractor.of(3, x -> x.reshape(x.getShape().get(0), -1));
            assertThatThrownBy(() -> fx.extract(m.zeros(new Shape(2, 1, 2, 2))))
                    .hasMessageContaining("4 features per image, expected 3");
            assertThatThrownBy(() -> fx.extract(m.zeros(new Shape(2, 4))))
                    .hasMessageContaining("[N, C, H, W]");
        }
    }
}
