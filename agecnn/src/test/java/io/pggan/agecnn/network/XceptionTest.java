package io.pggan.agecnn.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.pggan.engine.PgganEngine;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XceptionTest {
    @BeforeAll
    static void engine() {
        PgganEngine.start(1);
    }

    private static long count(Xception net, boolean trainableOnly) {
        long total = 0;
        for (Map.Entry<String, Parameter> e : net.namedParameters().asMap().entrySet()) {
            boolean movingStat =
                    e.getKey().endsWith("/moving_mean") || e.getKey().endsWith("/moving_variance");
            if (trainableOnly && movingStat) {
                continue;
            }
            total += e.getValue().getArray().size();
        }
        return total;
    }

    @Test
    void fullWidthHasKerasParameterCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Xception net = Xception.builder().inputChannels(3).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 71, 71));
            // Keras: Xception(include_top=False).count_params() = trainable + BN moving stats.
            assertThat(count(net, false)).isEqualTo(20_861_480L);
            assertThat(count(net, false) - count(net, true)).isEqualTo(54_528L);
            // Every DJL parameter is reachable under a Keras name, and nothing else exists.
            long djlTotal =
                    net.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(djlTotal).isEqualTo(20_861_480L);
            // 234 weight arrays, as Keras's Xception(include_top=False).weights has.
            assertThat(net.namedParameters().asMap()).hasSize(234);
            assertThat(net.namedParameters().asMap())
                    .containsKeys(
                            "block1_conv1/kernel",
                            "block1_conv1_bn/moving_variance",
                            "block2_residual/kernel",
                            "block4_sepconv2/pointwise_kernel",
                            "block12_sepconv3_bn/gamma",
                            "block13_residual_bn/beta",
                            "block14_sepconv2/depthwise_kernel");
            assertThat(
                            net.namedParameters()
                                    .asMap()
                                    .get("block1_conv1/kernel")
                                    .getArray()
                                    .getShape())
                    .isEqualTo(new Shape(32, 3, 3, 3));
            assertThat(
                            net.namedParameters()
                                    .asMap()
                                    .get("block2_sepconv1/depthwise_kernel")
                                    .getArray()
                                    .getShape())
                    .isEqualTo(new Shape(64, 1, 3, 3));
            assertThat(net.featureSize()).isEqualTo(2048);
        }
    }

    @Test
    void smallWidthGivesScaledFeaturesForAnySizeFromMinimum() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Xception net = Xception.builder().inputChannels(1).widthMultiplier(0.0625).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 71, 71));
            assertThat(net.featureSize()).isEqualTo(128);
            ParameterStore store = new ParameterStore(manager, false);
            for (int size : new int[] {71, 72, 96}) {
                NDArray x = manager.randomUniform(-1, 1, new Shape(2, 1, size, size + 3));
                NDArray y = net.forward(store, new NDList(x), false).singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(2, 128));
                assertThat(net.getOutputShapes(new Shape[] {x.getShape()})[0])
                        .isEqualTo(y.getShape());
                assertThat(y.isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void sameMaxPoolMatchesTensorFlowPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 4x4 input 0..15: TF "same" 3x3/2 windows start at 0 and 2 (pad 0 left, 1 right).
            NDArray x = manager.arange(16f).reshape(1, 1, 4, 4);
            NDArray y = XceptionModule.maxPoolSame(x);
            assertThat(y.toFloatArray()).containsExactly(10f, 11f, 14f, 15f);
            // 5x5: pad 1 on each side, windows centred on 0, 2, 4.
            NDArray z =
                    XceptionModule.maxPoolSame(
                            manager.arange(1f, 26f, 1f).reshape(1, 1, 5, 5).neg());
            assertThat(z.toFloatArray())
                    .containsExactly(-1f, -2f, -4f, -6f, -7f, -9f, -16f, -17f, -19f);
        }
    }

    @Test
    void badShapesAreNamed() {
        Xception net = Xception.builder().inputChannels(1).widthMultiplier(0.0625).build();
        assertThatThrownBy(() -> net.checkInputShape(new Shape(2, 3, 80, 80)))
                .hasMessageContaining("1 input channel(s), got 3");
        assertThatThrownBy(() -> net.checkInputShape(new Shape(2, 1, 64, 80)))
                .hasMessageContaining("at least 71x71")
                .hasMessageContaining("64x80");
        assertThatThrownBy(() -> Xception.builder().inputChannels(2))
                .hasMessageContaining("1 or 3");
    }
}
