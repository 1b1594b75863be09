package io.pggan.agecnn.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Keras's {@code SeparableConv2D(filters, 3, padding="same", use_bias=False)}: a 3x3 depthwise
 * convolution (one filter per input channel, groups = channels) followed by a 1x1 pointwise
 * convolution mixing channels. Neither has a bias.
 */
public final class SeparableConv2d extends AbstractBlock {
    private final Conv2d depthwise;
    private final Conv2d pointwise;
    private final int filters;

    SeparableConv2d(int inChannels, int filters) {
        this.filters = filters;
        depthwise = addChildBlock("depthwise", Layers.conv(inChannels, 3, 1, 1, inChannels));
        pointwise = addChildBlock("pointwise", Layers.conv(filters, 1, 1, 0, 1));
    }

    Conv2d depthwise() {
        return depthwise;
    }

    Conv2d pointwise() {
        return pointwise;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList x = depthwise.forward(store, inputs, training, params);
        return pointwise.forward(store, x, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        depthwise.initialize(manager, dataType, inputs);
        pointwise.initialize(manager, dataType, depthwise.getOutputShapes(inputs));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2), in.get(3))};
    }
}
