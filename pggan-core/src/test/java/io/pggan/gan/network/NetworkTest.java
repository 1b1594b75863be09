package io.pggan.gan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.PairList;
import io.pggan.engine.PgganEngine;
import io.pggan.gan.network.EqualizedConv2d.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private NDManager manager;

    static Architecture arch(int res, int channels, int latent, int fmapMax) {
        return new Architecture(res, channels, latent, 8192, 1.0, fmapMax, 4, true, true);
    }

    @BeforeEach
    void start() {
        manager = NDManager.newBaseManager(PgganEngine.start(2).device());
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void officialParameterCountsAt1024() {
        Architecture gray = arch(1024, 1, 512, 512);
        assertThat(new Generator(gray).parameterCount()).isEqualTo(23_074_009L);
        assertThat(new Discriminator(gray).parameterCount()).isEqualTo(23_082_161L);
        Architecture rgb = arch(1024, 3, 512, 512);
        assertThat(new Generator(rgb).parameterCount()).isEqualTo(23_079_115L);
        assertThat(new Discriminator(rgb).parameterCount()).isEqualTo(23_087_249L);
    }

    @Test
    void featureMapRuleMatchesTheOfficialTable() {
        Architecture a = arch(1024, 1, 512, 512);
        int[] expected = {512, 512, 512, 512, 256, 128, 64, 32, 16};
        for (int res = 2; res <= 10; res++) {
            assertThat(a.nf(res - 1)).as("res 2^%d", res).isEqualTo(expected[res - 2]);
        }
    }

    @Test
    void officialGains() {
        Generator g = new Generator(arch(1024, 1, 512, 512));
        var layers = g.layers();
        assertThat(layers.get(0).scale()).isCloseTo(1f / 64f, within(1e-7f)); // sqrt(2)/4/sqrt(512)
        assertThat(layers.get(0).biasShape()).isEqualTo(new Shape(512));
        assertThat(layers.get(2).scale()).isCloseTo((float) (1 / Math.sqrt(512)), within(1e-7f));
        Discriminator d = new Discriminator(arch(1024, 1, 512, 512));
        var dl = d.layers();
        EqualizedLayer last = dl.get(dl.size() - 1);
        assertThat(last.scale()).isCloseTo((float) (1 / Math.sqrt(512)), within(1e-7f));
        assertThat(dl.get(1).scale()).isCloseTo((float) Math.sqrt(2), within(1e-6f)); // fromRGB8
        EqualizedLayer conv = dl.get(2); // conv8a, 512 -> 512
        assertThat(conv.scale())
                .isCloseTo((float) (Math.sqrt(2) / Math.sqrt(512 * 9)), within(1e-7f));
    }

    @Test
    void shapesAt1024AndAnyLevelWithTinyFeatureMaps() {
        for (int latent : new int[] {20, 100}) {
            Architecture a = new Architecture(1024, 1, latent, 8192, 1.0, 4, 4, true, true);
            Generator g = new Generator(a);
            Discriminator d = new Discriminator(a);
            NetworkParameters.initialize(g, manager, 1, false);
            NetworkParameters.initialize(d, manager, 2, false);
            var ps = new ReplicaParameterStore();
            try (NDManager step = manager.newSubManager()) {
                NDArray z = step.randomNormal(new Shape(4, latent));
                for (int res : new int[] {4, 32, 1024}) {
                    NDArray img = g.forward(ps, z, res, 0.5f, false);
                    assertThat(img.getShape()).isEqualTo(new Shape(4, 1, res, res));
                    NDArray score = d.forward(ps, img, res, 0.5f, false);
                    assertThat(score.getShape()).isEqualTo(new Shape(4, 1));
                    assertThat(score.isNaN().any().getBoolean()).isFalse();
                }
                // The Block API: parameters resolution and alpha.
                PairList<String, Object> params = new PairList<>();
                params.add(ProgressiveNetwork.RESOLUTION, 8);
                params.add(ProgressiveNetwork.ALPHA, 1f);
                NDList out = g.forward(ps, new NDList(z), false, params);
                assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(4, 1, 8, 8));
            }
        }
        Architecture rgb = arch(16, 3, 16, 8);
        Generator g = new Generator(rgb);
        NetworkParameters.initialize(g, manager, 3, false);
        try (NDManager step = manager.newSubManager()) {
            NDArray img =
                    g.forward(
                            new ReplicaParameterStore(),
                            step.randomNormal(new Shape(2, 16)),
                            16,
                            1f,
                            false);
            assertThat(img.getShape()).isEqualTo(new Shape(2, 3, 16, 16));
        }
    }

    @Test
    void rejectsBadResolutionAlphaAndShapes() {
        Generator g = new Generator(arch(16, 1, 16, 8));
        NetworkParameters.initialize(g, manager, 3, false);
        NDArray z = manager.randomNormal(new Shape(2, 16));
        var ps = new ReplicaParameterStore();
        assertThatThrownBy(() -> g.forward(ps, z, 32, 1f, false))
                .hasMessageContaining("resolution");
        assertThatThrownBy(() -> g.forward(ps, z, 12, 1f, false))
                .hasMessageContaining("resolution");
        assertThatThrownBy(() -> g.forward(ps, z, 8, 1.5f, false)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> g.forward(ps, manager.randomNormal(new Shape(2, 3)), 8, 1f, false))
                .hasMessageContaining("latents");
    }

    @Test
    void fusedUpConvEqualsUpsampleThenFlippedConv() {
        EqualizedConv2d up = new EqualizedConv2d(5, 7, 3, Math.sqrt(2), Mode.UP);
        up.weightParameter().setArray(manager.randomNormal(new Shape(7, 5, 3, 3)));
        up.biasParameter().setArray(manager.randomNormal(new Shape(7)));
        NDArray x = manager.randomNormal(new Shape(2, 5, 6, 6));
        var ps = new ReplicaParameterStore();
        NDArray fused = up.apply(ps, x, false);
        NDArray w = up.weightParameter().getArray().mul(up.scale()).flip(2, 3);
        NDArray ref =
                Conv2d.conv2d(
                                Ops.upsample2(x),
                                w,
                                up.biasParameter().getArray(),
                                new Shape(1, 1),
                                new Shape(1, 1))
                        .singletonOrThrow();
        assertThat(fused.getShape()).isEqualTo(new Shape(2, 7, 12, 12));
        assertThat(fused.sub(ref).abs().max().getFloat()).isLessThan(1e-4f);
    }

    @Test
    void fusedUpConvGradientsEqualThoseOfUpsampleThenFlippedConv() {
        // the training path: gradients w.r.t. input, weight and bias through the phase conv,
        // the parity interleave and the crop (float64)
        NDArray w3 = manager.randomNormal(0, 1, new Shape(4, 3, 3, 3), DataType.FLOAT64);
        NDArray b = manager.randomNormal(0, 1, new Shape(4), DataType.FLOAT64);
        NDArray x0 = manager.randomNormal(0, 1, new Shape(2, 3, 5, 7), DataType.FLOAT64);
        NDArray r = manager.randomNormal(0, 1, new Shape(2, 4, 10, 14), DataType.FLOAT64);
        double[][][] grads = new double[2][][];
        for (int k = 0; k < 2; k++) {
            EqualizedConv2d up = new EqualizedConv2d(3, 4, 3, Math.sqrt(2), Mode.UP);
            NDArray w = w3.duplicate();
            NDArray bias = b.duplicate();
            NDArray x = x0.duplicate();
            for (NDArray leaf : new NDArray[] {w, bias, x}) {
                leaf.setRequiresGradient(true);
            }
            up.weightParameter().setArray(w);
            up.biasParameter().setArray(bias);
            try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        k == 0
                                ? up.apply(new ReplicaParameterStore(), x, true)
                                : Conv2d.conv2d(
                                                Ops.upsample2(x),
                                                io.pggan.engine.Scalars.times(w, up.scale())
                                                        .flip(2, 3),
                                                bias,
                                                new Shape(1, 1),
                                                new Shape(1, 1))
                                        .singletonOrThrow();
                gc.backward(y.mul(r).sum());
            }
            grads[k] =
                    new double[][] {
                        x.getGradient().toDoubleArray(),
                        w.getGradient().toDoubleArray(),
                        bias.getGradient().toDoubleArray()
                    };
        }
        for (int i = 0; i < 3; i++) {
            assertThat(grads[0][i]).hasSameSizeAs(grads[1][i]);
            for (int j = 0; j < grads[0][i].length; j++) {
                assertThat(grads[0][i][j])
                        .as("gradient %d[%d]", i, j)
                        .isCloseTo(grads[1][i][j], within(1e-9));
            }
        }
    }

    @Test
    void fusedDownConvEqualsConvThenAveragePool() {
        EqualizedConv2d down = new EqualizedConv2d(5, 7, 3, Math.sqrt(2), Mode.DOWN);
        down.weightParameter().setArray(manager.randomNormal(new Shape(7, 5, 3, 3)));
        down.biasParameter().setArray(manager.randomNormal(new Shape(7)));
        NDArray x = manager.randomNormal(new Shape(2, 5, 8, 8));
        NDArray fused = down.apply(new ReplicaParameterStore(), x, false);
        NDArray w = down.weightParameter().getArray().mul(down.scale());
        NDArray ref =
                Ops.downsample2(
                                Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1))
                                        .singletonOrThrow())
                        .add(down.biasParameter().getArray().reshape(1, 7, 1, 1));
        assertThat(fused.getShape()).isEqualTo(new Shape(2, 7, 4, 4));
        assertThat(fused.sub(ref).abs().max().getFloat()).isLessThan(1e-4f);
    }

    @Test
    void minibatchStddevUsesStridedGroupsAndBiasedVariance() {
        NDArray x = manager.arange(8f).reshape(8, 1, 1, 1).broadcast(8, 2, 4, 4);
        NDArray y = Ops.minibatchStddev(x, 4);
        assertThat(y.getShape()).isEqualTo(new Shape(8, 3, 4, 4));
        float[] stat = y.get(":, 2, 0, 0").toFloatArray();
        for (float v : stat) {
            // groups {0,2,4,6} and {1,3,5,7}: population std sqrt(5)
            assertThat(v).isCloseTo((float) Math.sqrt(5), within(1e-5f));
        }
        // contiguous groups would give std of (0,1,2,3) = sqrt(1.25)
        NDArray z = manager.create(new float[] {0, 0, 0, 0, 10, 10, 10, 10}).reshape(8, 1, 1, 1);
        float[] s = Ops.minibatchStddev(z, 4).get(":, 1, 0, 0").toFloatArray();
        assertThat(s[0]).isCloseTo(5f, within(1e-4f)); // {0,0,10,10} per strided group
        assertThatThrownBy(() -> Ops.minibatchStddev(manager.zeros(new Shape(6, 1, 1, 1)), 4))
                .hasMessageContaining("group");
    }

    @Test
    void pixelNormGivesUnitMeanSquare() {
        NDArray x = manager.randomNormal(0, 3, new Shape(2, 8, 3, 3), DataType.FLOAT32);
        NDArray y = Ops.pixelNorm(x, 1e-8f);
        float[] ms = y.square().mean(new int[] {1}).toFloatArray();
        for (float v : ms) {
            assertThat(v).isCloseTo(1f, within(1e-4f));
        }
    }

    /**
     * The resampling kernels multiply the weights by constant tap maps that autograd keeps for the
     * backward pass. A garbage collection and fresh direct buffers full of a marker value between
     * forward and backward must not change the gradient (they did while the map borrowed Java
     * memory; see Scalars).
     */
    @Test
    void resamplingKernelGradientsSurviveAGarbageCollectionBeforeBackward() {
        for (int rep = 0; rep < 10; rep++) {
            NDArray w = manager.randomNormal(new Shape(2, 3, 3, 3));
            w.setRequiresGradient(true);
            try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray total =
                        Ops.box4(w, 0.5f)
                                .sum()
                                .add(Ops.phaseKernels(w, 0.25f, false).sum())
                                .add(Ops.phaseKernels(w, 0.25f, true).sum());
                System.gc();
                java.util.List<java.nio.ByteBuffer> junk = new java.util.ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(9 * 16 * 4);
                    while (b.remaining() >= 4) {
                        b.putFloat(1e30f);
                    }
                    junk.add(b);
                }
                gc.backward(total);
                assertThat(junk).hasSize(64);
            }
            // every 3x3 tap lands in 4 of the 16 taps of each map: 4 * (0.5 + 0.25 + 0.25)
            assertThat(w.getGradient().toFloatArray()).containsOnly(4f);
        }
    }

    @Test
    void pixelNormGradientEqualsTheDirectFormula() {
        // pixelNorm takes a shortcut for the gradient of sum_c x^2; it must be the exact one
        NDArray x = manager.randomNormal(0, 2, new Shape(2, 5, 3, 3), DataType.FLOAT64);
        NDArray up = manager.randomNormal(0, 1, new Shape(2, 5, 3, 3), DataType.FLOAT64);
        double[][] grads = new double[2][];
        for (int k = 0; k < 2; k++) {
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y =
                        k == 0
                                ? Ops.pixelNorm(leaf, 1e-8f)
                                : leaf.div(
                                        leaf.square().mean(new int[] {1}, true).add(1e-8).sqrt());
                gc.backward(y.mul(up).sum());
            }
            grads[k] = leaf.getGradient().toDoubleArray();
        }
        double scale = 0;
        for (int i = 0; i < grads[0].length; i++) {
            assertThat(grads[0][i]).isCloseTo(grads[1][i], within(1e-12));
            scale = Math.max(scale, Math.abs(grads[1][i]));
        }
        assertThat(scale).isGreaterThan(1e-2);
    }

    @Test
    void fadeInBlendsTheOldAndNewPaths() {
        Architecture a = arch(16, 1, 16, 8);
        Generator g = new Generator(a);
        Discriminator d = new Discriminator(a);
        NetworkParameters.initialize(g, manager, 5, false);
        NetworkParameters.initialize(d, manager, 6, false);
        for (var p : g.namedParameters()) { // non-zero biases so they are tested too
            if (p.name().endsWith(".bias")) {
                p.parameter().getArray().addi(0.1f);
            }
        }
        var ps = new ReplicaParameterStore();
        NDArray z = manager.randomNormal(new Shape(4, 16));
        NDArray new16 = g.forward(ps, z, 16, 1f, false);
        NDArray old16 = g.forward(ps, z, 16, 0f, false);
        NDArray img8 = g.forward(ps, z, 8, 1f, false);
        assertThat(old16.sub(Ops.upsample2(img8)).abs().max().getFloat()).isLessThan(1e-5f);
        NDArray half = g.forward(ps, z, 16, 0.25f, false);
        NDArray expect = old16.mul(0.75f).add(new16.mul(0.25f));
        assertThat(half.sub(expect).abs().max().getFloat()).isLessThan(1e-5f);
        assertThat(new16.sub(old16).abs().max().getFloat()).isGreaterThan(1e-3f);
        // D at alpha 0 sees only the downsampled image through the old fromRGB
        NDArray x = manager.randomNormal(new Shape(4, 1, 16, 16));
        NDArray dOld = d.forward(ps, x, 16, 0f, false);
        NDArray d8 = d.forward(ps, Ops.downsample2(x), 8, 1f, false);
        assertThat(dOld.sub(d8).abs().max().getFloat()).isLessThan(1e-5f);
        // reals fade: alpha 0 is up(down(x))
        NDArray faded = Ops.fadeReals(x, 0f);
        assertThat(faded.sub(Ops.upsample2(Ops.downsample2(x))).abs().max().getFloat())
                .isLessThan(1e-6f);
        assertThat(Ops.fadeReals(x, 1f)).isSameAs(x);
    }

    @Test
    void equalizedLearningRateScalesWeightsAtRunTime() {
        EqualizedDense dense = new EqualizedDense(4, 2, 1.0);
        dense.weightParameter().setArray(manager.ones(new Shape(2, 4)));
        dense.biasParameter().setArray(manager.create(new float[] {1f, -1f}));
        NDArray y = dense.apply(new ReplicaParameterStore(), manager.ones(new Shape(1, 4)), false);
        // weight 1 * (1/sqrt(4)) summed over 4 inputs = 2, plus the unscaled bias
        assertThat(y.toFloatArray()).containsExactly(3f, 1f);
    }
}
