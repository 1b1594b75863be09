package io.pggan.gan.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * A kxk convolution with equalized learning rate, optionally fused with 2x resampling as in the
 * official code: {@link Mode#UP} is the official stride-2 transposed 4x4 conv built from the 3x3
 * weight (= nearest upsample then 3x3 conv with the flipped kernel), run as four 2x2 phase convs;
 * {@link Mode#DOWN} a stride-2 4x4 conv (= 3x3 conv then 2x2 average pooling, bias after the
 * pooling).
 */
public final class EqualizedConv2d extends EqualizedLayer {
    /** What the convolution does to the spatial size. */
    public enum Mode {
        /** Same size, 'SAME' zero padding. */
        SAME,
        /** Fused 2x upsample and conv (3x3 only). */
        UP,
        /** Fused conv and 2x2 average pooling (3x3 only). */
        DOWN
    }

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);

    private final int kernel;
    private final Mode mode;

    /**
     * @param in input channels
     * @param out output channels
     * @param kernel kernel size (1 or 3)
     * @param gain the layer's gain
     * @param mode resampling mode
     */
    public EqualizedConv2d(int in, int out, int kernel, double gain, Mode mode) {
        super(new Shape(out, in, kernel, kernel), out, (long) in * kernel * kernel, gain);
        if (mode != Mode.SAME && kernel != 3) {
            throw new IllegalArgumentException(
                    "fused resampling needs a 3x3 kernel, got " + kernel);
        }
        this.kernel = kernel;
        this.mode = mode;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray b = bias(ps, x, training);
        switch (mode) {
            case UP:
                long out = weightShape().get(0);
                // one bias per output channel, repeated over its four phases
                NDArray b4 = scoped(b.reshape(out, 1), x).broadcast(out, 4).reshape(out * 4);
                NDArray k = Ops.phaseKernels(weight(ps, x, training), scale(), false);
                return Ops.transposedConv4x4s2(x, k, b4);
            case DOWN:
                NDArray k4 = Ops.box4(weight(ps, x, training), scale() * 0.25f);
                return Conv2d.conv2d(x, k4, b, TWO, ONE, ONE, 1).singletonOrThrow();
            default:
                int p = kernel / 2;
                NDArray w = scaledWeight(ps, x, training);
                return Conv2d.conv2d(x, w, b, ONE, new Shape(p, p), ONE, 1).singletonOrThrow();
        }
    }

    /**
     * The adjoint of this conv's linear part w.r.t. its input: maps a gradient at the output to the
     * gradient at the input, as a differentiable function of the weight (for D's input gradient in
     * the WGAN-GP penalty).
     */
    public NDArray inputAdjoint(ParameterStore ps, NDArray delta) {
        switch (mode) {
            case DOWN:
                // the transposed conv of the fused conv-down's official 4x4 kernel
                NDArray k = Ops.phaseKernels(weight(ps, delta, true), scale() * 0.25f, true);
                return Ops.transposedConv4x4s2(delta, k, null);
            case SAME:
                return Ops.convInputAdjoint(delta, scaledWeight(ps, delta, true));
            default:
                throw new UnsupportedOperationException("no input adjoint for " + mode);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = s.get(2);
        long size = mode == Mode.UP ? 2 * h : mode == Mode.DOWN ? h / 2 : h;
        return new Shape[] {new Shape(s.get(0), weightShape().get(0), size, size)};
    }
}
