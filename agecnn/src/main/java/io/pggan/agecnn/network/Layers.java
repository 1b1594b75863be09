package io.pggan.agecnn.network;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Factories for the few layer kinds Xception uses, with Keras's settings. */
final class Layers {
    /** Keras's BatchNormalization epsilon (DJL's default is 1e-5). */
    static final float BN_EPSILON = 1e-3f;

    private Layers() {}

    /** Convolution without bias (Keras {@code use_bias=False}); padding 0 = "valid". */
    static Conv2d conv(int filters, int kernel, int stride, int padding, int groups) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optGroups(groups)
                .optBias(false)
                .build();
    }

    static BatchNorm batchNorm(float momentum) {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(momentum).build();
    }

    /** Output size of a convolution / pooling along one axis. */
    static long outSize(long in, int kernel, int stride, int padding) {
        return (in + 2L * padding - kernel) / stride + 1;
    }
}
