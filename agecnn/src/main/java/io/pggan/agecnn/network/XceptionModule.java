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
 * One residual module of Xception (Keras blocks 2-13): a chain of [ReLU] - SeparableConv - BN units
 * plus a shortcut. A downsampling module ends with a 3x3/2 max-pool ("same" padding) and projects
 * the shortcut with a strided 1x1 convolution + BN; a middle-flow module adds its input unchanged.
 */
public final class XceptionModule extends AbstractBlock {
    private final List<SeparableConv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final boolean reluFirst;
    private final boolean downsample;
    private final Conv2d projection;
    private final BatchNorm projectionNorm;
    private final int outChannels;

    /**
     * @param name Keras block name, e.g. {@code block2}
     * @param inChannels channels coming in
     * @param filters output channels of each separable convolution, in order
     * @param reluFirst whether the first unit starts with a ReLU (false only for block2, whose
     *     input was just activated)
     * @param downsample max-pool at the end and project the shortcut
     * @param momentum batch-norm momentum
     * @param names collects the module's parameters under Keras names
     */
    XceptionModule(
            String name,
            int inChannels,
            int[] filters,
            boolean reluFirst,
            boolean downsample,
            float momentum,
            NamedParameters names) {
        this.reluFirst = reluFirst;
        this.downsample = downsample;
        this.outChannels = filters[filters.length - 1];
        if (downsample) {
            projection = addChildBlock("residual", Layers.conv(outChannels, 1, 2, 0, 1));
            projectionNorm = addChildBlock("residual_bn", Layers.batchNorm(momentum));
            names.putConv(name + "_residual", projection, "kernel");
            names.putBatchNorm(name + "_residual_bn", projectionNorm);
        } else {
            if (inChannels != outChannels) {
                throw new IllegalArgumentException(
                        name
                                + ": identity shortcut needs equal channels, got "
                                + inChannels
                                + " -> "
                                + outChannels);
            }
            projection = null;
            projectionNorm = null;
        }
        int channels = inChannels;
        for (int i = 0; i < filters.length; i++) {
            String layer = name + "_sepconv" + (i + 1);
            SeparableConv2d conv =
                    addChildBlock("sepconv" + (i + 1), new SeparableConv2d(channels, filters[i]));
            BatchNorm norm = addChildBlock("sepconv" + (i + 1) + "_bn", Layers.batchNorm(momentum));
            names.putConv(layer, conv.depthwise(), "depthwise_kernel");
            names.putConv(layer, conv.pointwise(), "pointwise_kernel");
            names.putBatchNorm(layer + "_bn", norm);
            convs.add(conv);
            norms.add(norm);
            channels = filters[i];
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        for (int i = 0; i < convs.size(); i++) {
            if (i > 0 || reluFirst) {
                x = Activation.relu(x);
            }
            x = convs.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
            x = norms.get(i).forward(store, new NDList(x), training, params).singletonOrThrow();
        }
        NDArray shortcut = input;
        if (downsample) {
            x = maxPoolSame(x);
            shortcut =
                    projection
                            .forward(store, new NDList(input), training, params)
                            .singletonOrThrow();
            shortcut =
                    projectionNorm
                            .forward(store, new NDList(shortcut), training, params)
                            .singletonOrThrow();
        }
        return new NDList(x.add(shortcut));
    }

    /**
     * TensorFlow's {@code MaxPooling2D(3, 2, padding="same")}: the total padding {@code
     * max((out-1)*2+3-in, 0)} goes mostly to the bottom/right (asymmetric for even sizes, which
     * PyTorch's symmetric pooling padding cannot express), padded with -inf so it never wins.
     */
    static NDArray maxPoolSame(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long padH = samePadding(h);
        long padW = samePadding(w);
        NDArray padded = x;
        if (padH > 0 || padW > 0) {
            // PyTorch constant_pad_nd order: (left, right, top, bottom).
            padded =
                    x.pad(
                            new Shape(padW / 2, padW - padW / 2, padH / 2, padH - padH / 2),
                            Float.NEGATIVE_INFINITY);
        }
        return Pool.maxPool2d(padded, new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), false);
    }

    private static long samePadding(long in) {
        long out = (in + 1) / 2;
        return Math.max((out - 1) * 2 + 3 - in, 0);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape shape = inputs[0];
        if (downsample) {
            projection.initialize(manager, dataType, shape);
            projectionNorm.initialize(manager, dataType, projection.getOutputShapes(inputs));
        }
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shape);
            shape = convs.get(i).getOutputShapes(new Shape[] {shape})[0];
            norms.get(i).initialize(manager, dataType, shape);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        long h = in.get(2);
        long w = in.get(3);
        if (downsample) {
            h = (h + 1) / 2;
            w = (w + 1) / 2;
        }
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }
}
