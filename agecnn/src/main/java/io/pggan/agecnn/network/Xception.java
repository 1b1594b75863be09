package io.pggan.agecnn.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Xception (Chollet 2017) as in Keras's {@code applications.Xception(include_top=False,
 * pooling="avg")}: entry flow (two plain 3x3 convolutions, three downsampling residual modules),
 * middle flow (eight identity residual modules of three separable convolutions at 728 channels),
 * exit flow (one downsampling module, two separable convolutions to 2048 channels) and global
 * average pooling. Input {@code [N, C, H, W]} with {@code C} = 1 or 3 and {@code H, W >= 71};
 * output {@code [N, features]}.
 *
 * <p>At width 1 with 3 input channels it has exactly 20,861,480 parameter values, counted the way
 * Keras counts them: trainable weights plus the batch-norm moving mean and variance (54,528
 * non-trainable values). The width multiplier scales every channel count (rounded, at least 1), so
 * at width {@code w} the feature vector has {@code round(2048 w)} entries.
 */
public final class Xception extends AbstractBlock {
    /** Smallest input side Keras accepts (and the smallest that survives the strides). */
    public static final int MIN_INPUT_SIZE = 71;

    private static final int MIDDLE_MODULES = 8;

    private final int inputChannels;
    private final double widthMultiplier;
    private final int featureSize;
    private final Conv2d conv1;
    private final BatchNorm conv1Bn;
    private final Conv2d conv2;
    private final BatchNorm conv2Bn;
    private final List<XceptionModule> modules = new ArrayList<>();
    private final SeparableConv2d sep14a;
    private final BatchNorm sep14aBn;
    private final SeparableConv2d sep14b;
    private final BatchNorm sep14bBn;
    private final NamedParameters names = new NamedParameters();

    private Xception(Builder builder) {
        this.inputChannels = builder.inputChannels;
        this.widthMultiplier = builder.widthMultiplier;
        float m = builder.batchNormMomentum;
        int c32 = width(32);
        int c64 = width(64);
        int c128 = width(128);
        int c256 = width(256);
        int c728 = width(728);
        int c1024 = width(1024);
        int c1536 = width(1536);
        int c2048 = width(2048);
        this.featureSize = c2048;

        conv1 = addChildBlock("block1_conv1", Layers.conv(c32, 3, 2, 0, 1));
        conv1Bn = addChildBlock("block1_conv1_bn", Layers.batchNorm(m));
        conv2 = addChildBlock("block1_conv2", Layers.conv(c64, 3, 1, 0, 1));
        conv2Bn = addChildBlock("block1_conv2_bn", Layers.batchNorm(m));
        names.putConv("block1_conv1", conv1, "kernel");
        names.putBatchNorm("block1_conv1_bn", conv1Bn);
        names.putConv("block1_conv2", conv2, "kernel");
        names.putBatchNorm("block1_conv2_bn", conv2Bn);

        addModule("block2", c64, new int[] {c128, c128}, false, true, m);
        addModule("block3", c128, new int[] {c256, c256}, true, true, m);
        addModule("block4", c256, new int[] {c728, c728}, true, true, m);
        for (int i = 0; i < MIDDLE_MODULES; i++) {
            addModule("block" + (5 + i), c728, new int[] {c728, c728, c728}, true, false, m);
        }
        addModule("block13", c728, new int[] {c728, c1024}, true, true, m);

        sep14a = addChildBlock("block14_sepconv1", new SeparableConv2d(c1024, c1536));
        sep14aBn = addChildBlock("block14_sepconv1_bn", Layers.batchNorm(m));
        sep14b = addChildBlock("block14_sepconv2", new SeparableConv2d(c1536, c2048));
        sep14bBn = addChildBlock("block14_sepconv2_bn", Layers.batchNorm(m));
        for (String layer : new String[] {"block14_sepconv1", "block14_sepconv2"}) {
            SeparableConv2d conv = layer.endsWith("1") ? sep14a : sep14b;
            names.putConv(layer, conv.depthwise(), "depthwise_kernel");
            names.putConv(layer, conv.pointwise(), "pointwise_kernel");
            names.putBatchNorm(layer + "_bn", layer.endsWith("1") ? sep14aBn : sep14bBn);
        }
    }

    private void addModule(
            String name, int in, int[] filters, boolean reluFirst, boolean down, float m) {
        String child = name;
        modules.add(
                addChildBlock(
                        child, new XceptionModule(name, in, filters, reluFirst, down, m, names)));
    }

    private int width(int channels) {
        return (int) Math.max(1, Math.round(channels * widthMultiplier));
    }

    /** A builder: 3 input channels, width 1, Keras's batch-norm momentum 0.99. */
    public static Builder builder() {
        return new Builder();
    }

    /** Input channels (1 for grayscale radiographs, 3 for ImageNet-style RGB). */
    public int inputChannels() {
        return inputChannels;
    }

    /** The channel width multiplier (1 = Keras's Xception). */
    public double widthMultiplier() {
        return widthMultiplier;
    }

    /** Length of the pooled feature vector: {@code round(2048 * widthMultiplier)}. */
    public int featureSize() {
        return featureSize;
    }

    /** The parameters under Keras layer names ({@code block1_conv1/kernel}, ...). */
    public NamedParameters namedParameters() {
        return names;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        x = conv1.forward(store, new NDList(x), training, params).singletonOrThrow();
        x = Activation.relu(conv1Bn.forward(store, new NDList(x), training).singletonOrThrow());
        x = conv2.forward(store, new NDList(x), training, params).singletonOrThrow();
        x = Activation.relu(conv2Bn.forward(store, new NDList(x), training).singletonOrThrow());
        for (XceptionModule module : modules) {
            x = module.forward(store, new NDList(x), training, params).singletonOrThrow();
        }
        x = sep14a.forward(store, new NDList(x), training, params).singletonOrThrow();
        x = Activation.relu(sep14aBn.forward(store, new NDList(x), training).singletonOrThrow());
        x = sep14b.forward(store, new NDList(x), training, params).singletonOrThrow();
        x = Activation.relu(sep14bBn.forward(store, new NDList(x), training).singletonOrThrow());
        // Global average pooling over H and W -> [N, features].
        return new NDList(Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), featureSize));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape shape = inputs[0];
        shape = init(conv1, manager, dataType, shape);
        shape = init(conv1Bn, manager, dataType, shape);
        shape = init(conv2, manager, dataType, shape);
        shape = init(conv2Bn, manager, dataType, shape);
        for (XceptionModule module : modules) {
            shape = init(module, manager, dataType, shape);
        }
        shape = init(sep14a, manager, dataType, shape);
        shape = init(sep14aBn, manager, dataType, shape);
        shape = init(sep14b, manager, dataType, shape);
        init(sep14bBn, manager, dataType, shape);
    }

    private static Shape init(
            ai.djl.nn.Block block, NDManager manager, DataType dataType, Shape shape) {
        block.initialize(manager, dataType, shape);
        return block.getOutputShapes(new Shape[] {shape})[0];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), featureSize)};
    }

    /**
     * Checks an input shape {@code [N, C, H, W]} against this network and says what is wrong.
     *
     * @param shape the input shape
     * @throws IllegalArgumentException naming the offending dimension
     */
    public void checkInputShape(Shape shape) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("images must be [N, C, H, W], got shape " + shape);
        }
        if (shape.get(1) != inputChannels) {
            throw new IllegalArgumentException(
                    "the network expects "
                            + inputChannels
                            + " input channel(s), got "
                            + shape.get(1)
                            + " (images shape "
                            + shape
                            + ")");
        }
        if (shape.get(2) < MIN_INPUT_SIZE || shape.get(3) < MIN_INPUT_SIZE) {
            throw new IllegalArgumentException(
                    "Xception needs images of at least "
                            + MIN_INPUT_SIZE
                            + "x"
                            + MIN_INPUT_SIZE
                            + " pixels, got "
                            + shape.get(2)
                            + "x"
                            + shape.get(3));
        }
    }

    /** Configures an {@link Xception}. */
    public static final class Builder {
        private int inputChannels = 3;
        private double widthMultiplier = 1.0;
        private float batchNormMomentum = 0.99f;

        private Builder() {}

        /** 1 (grayscale) or 3 (RGB). */
        public Builder inputChannels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("inputChannels must be 1 or 3, got " + channels);
            }
            this.inputChannels = channels;
            return this;
        }

        /** Scales every channel count; in (0, 1]. */
        public Builder widthMultiplier(double multiplier) {
            if (!(multiplier > 0 && multiplier <= 1)) {
                throw new IllegalArgumentException(
                        "widthMultiplier must be in (0, 1], got " + multiplier);
            }
            this.widthMultiplier = multiplier;
            return this;
        }

        /**
         * Batch-norm momentum in DJL's and Keras's sense: {@code moving = moving * momentum + batch
         * * (1 - momentum)}.
         */
        public Builder batchNormMomentum(float momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException(
                        "batchNormMomentum must be in [0, 1), got " + momentum);
            }
            this.batchNormMomentum = momentum;
            return this;
        }

        public Xception build() {
            return new Xception(this);
        }
    }
}
